"""`Authorization: Bearer <token>` for every /api/* endpoint: the account must hold api_access (or
developer); the request then runs with that account's identity and ACL. Errors are JSON
``{"status": "<message>"}`` with the right HTTP status."""
from __future__ import annotations

import json
from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from seedwiki.api.tokens import may_use_api, token_row
from seedwiki.discussions.services.errors import DiscussionError
from seedwiki.permissions import ratelimit
from seedwiki.permissions.client_ip import client_ip
from seedwiki.permissions.subject import Subject


class ApiError(Exception):
    def __init__(self, status_text: str, http_status: int = 400):
        super().__init__(status_text)
        self.status_text, self.http_status = status_text, http_status


def denied() -> ApiError:
    return ApiError(_("권한이 부족합니다."), 403)


def _bearer(request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def int_value(value, name: str) -> int | None:
    """A non-negative integer parameter, None when absent; ApiError 400 when malformed."""
    if value in (None, ""):
        return None
    if not str(value).isdigit() or len(str(value)) > 18:
        raise ApiError(_("'%(name)s' 값이 올바르지 않습니다.") % {"name": name}, 400)
    return int(value)


def body_params(request) -> dict:
    """JSON or form parameters of a POST/DELETE."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise ApiError(_("JSON 본문이 올바르지 않습니다."), 400) from None
        if not isinstance(data, dict):
            raise ApiError(_("JSON 본문이 올바르지 않습니다."), 400)
        return data
    if request.method == "POST":
        return request.POST.dict()
    from django.http import QueryDict

    return QueryDict(request.body).dict()


def api_view(methods):
    """Bearer authentication, the rate limit and JSON errors around an API view. Messages stay in
    the wiki's language (Korean) whatever Accept-Language says: seed clients compare them verbatim."""

    def decorate(view):
        @csrf_exempt  # no cookie is ever trusted here: only the Bearer token
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            with translation.override(settings.LANGUAGE_CODE):
                return _answer(request, view, methods, *args, **kwargs)

        return wrapper

    return decorate


def _answer(request, view, methods, *args, **kwargs):
    """The view's response, or the refusal as JSON."""
    try:
        if request.method not in methods:
            raise ApiError(_("허용되지 않는 메서드입니다."), 405)
        row = token_row(_bearer(request))
        if row is None or not may_use_api(row.user):
            raise denied()
        try:
            ratelimit.count("api.token", str(row.pk))
        except ratelimit.RateLimited as limited:
            return limited.apply(JsonResponse({"status": limited.message}))
        request.user = row.user
        request._seedwiki_subject = Subject.for_user(row.user, client_ip(request))
        return view(request, *args, **kwargs)
    except ApiError as error:
        return JsonResponse({"status": error.status_text}, status=error.http_status)
    except DiscussionError as error:
        return JsonResponse({"status": error.message}, status=error.status)
