"""GET/POST /api/edit/<title>: the seed's bot editing API (seed-behaviour §9.2)."""
from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _

from seedwiki.api.auth import ApiError, api_view, body_params
from seedwiki.api.tokens import new_edit_token, take_edit_token
from seedwiki.api.views.common import allowed_page
from seedwiki.documents.services import ConflictError, EditError, NoChangeError, edit_page


@api_view(["GET", "POST"])
def edit(request, title):
    full_title, document = allowed_page(request, title, "edit")
    if request.method == "GET":
        exists = document is not None and document.exists
        base_rev = document.latest.number if document is not None and document.latest else 0
        return JsonResponse({"text": document.latest.text if exists else "", "exists": exists,
                             "token": new_edit_token(request.user, full_title, base_rev)})
    params = body_params(request)
    for field, label in (("text", "본문"), ("log", "요약"), ("token", "token")):
        if params.get(field) is None or (field == "token" and not params.get(field)):
            raise ApiError(_("%(label)s의 값은 필수입니다.") % {"label": label}, 400)
    text, log = str(params["text"]), str(params["log"])
    token = take_edit_token(request.user, full_title, str(params["token"]))
    if token is None:
        raise ApiError("invalid_token", 400)
    try:
        result = edit_page(full_title, text, user=request.user, summary=log[:255], base_rev=token.base_rev)
    except ConflictError:
        raise ApiError(_("편집 도중에 다른 사용자가 먼저 편집을 했습니다."), 409) from None
    except NoChangeError:
        raise ApiError(_("문서 내용이 같습니다."), 400) from None
    except EditError as error:
        raise ApiError(str(error), error.status) from None
    revision = result.revision
    revision.extra = {**revision.extra, "api": True}
    revision.save(update_fields=["extra"])
    return JsonResponse({"status": "success", "rev": revision.number})
