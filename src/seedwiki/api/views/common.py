"""The page an /api/* view acts on, once can() allows the action on it."""
from __future__ import annotations

from django.utils.translation import gettext as _

from seedwiki.api.auth import ApiError
from seedwiki.documents.models import Document
from seedwiki.permissions.decide import can
from seedwiki.permissions.subject import subject_of
from seedwiki.titles import TitleError, join_title, parse_title


def allowed_page(request, raw_title: str, action: str) -> tuple[str, Document | None]:
    """The full title and document row (None if never written) of ``raw_title``: ApiError 400 when
    the title is malformed, 403 with the ACL's message when ``action`` is not allowed on it."""
    try:
        namespace, title = parse_title(raw_title)
    except TitleError:
        raise ApiError(_("문서 이름이 올바르지 않습니다."), 400) from None
    full_title = join_title(namespace, title)
    decision = can(subject_of(request), action, full_title)
    if not decision.allowed:
        raise ApiError(str(decision.html), 403)
    return full_title, Document.objects.select_related("latest").filter(namespace=namespace, title=title).first()
