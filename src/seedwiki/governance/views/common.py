"""What the operator pages share: the acting subject, bounded form values, refusals as pages."""
from __future__ import annotations

from functools import wraps

from django.shortcuts import render

from seedwiki.governance.errors import Refused
from seedwiki.permissions.subject import subject_of

MAX_FIELD = 1000


def field(data, name: str, limit: int = MAX_FIELD) -> str:
    return (data.get(name) or "")[:limit]


def cursor(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def refusal(request, error: Refused):
    return render(request, "documents/error.html", {"message": error.message}, status=error.status)


def handles_refused(view):
    """A Refused raised by the view becomes an error page with its status."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as error:
            return refusal(request, error)

    return wrapper


def actor(request):
    return subject_of(request)
