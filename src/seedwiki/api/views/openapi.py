"""GET /api/openapi.json: the API's OpenAPI 3.1 description (api/openapi.json, kept by hand)."""
from __future__ import annotations

from pathlib import Path

from django.http import HttpResponse
from django.views.decorators.http import require_safe

SPEC = Path(__file__).resolve().parent.parent / "openapi.json"


@require_safe
def openapi(request):
    return HttpResponse(SPEC.read_bytes(), content_type="application/json")
