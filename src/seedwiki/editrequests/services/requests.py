"""Opening, updating, accepting and closing edit requests (seed-behaviour §7.3)."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from seedwiki.discussions.services.errors import DiscussionError, author_of, require
from seedwiki.discussions.slugs import new_slug
from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import ConflictError, EditError, edit_page
from seedwiki.documents.services.common import check_size
from seedwiki.documents.services.merge import merge3
from seedwiki.editrequests.models import EditRequest
from seedwiki.titles import parse_title

MAX_LOG = 255


def _existing_document(full_title: str) -> Document:
    from seedwiki.discussions.services.posting import canonical_title

    namespace, title = parse_title(canonical_title(full_title))
    document = Document.objects.select_related("latest").filter(namespace=namespace, title=title).first()
    if document is None or not document.exists:
        raise DiscussionError(_("문서를 찾을 수 없습니다."), 404, "document_not_found")
    return document


def _checked_text(document: Document, text: str) -> str:
    try:
        text = check_size(text)
    except EditError as error:
        raise DiscussionError(str(error), error.status) from error
    if text == document.latest.text:
        raise DiscussionError(_("문서 내용이 같습니다."), 400, "no_change")
    return text


def by_slug(slug: str) -> EditRequest:
    request = EditRequest.objects.select_related("document", "document__latest").filter(slug=slug).first()
    if request is None:
        raise DiscussionError(_("편집 요청을 찾을 수 없습니다."), 404, "edit_request_not_found")
    return request


def create_request(subject, full_title: str, text: str, log: str, base_rev: int | None) -> EditRequest:
    """Needs read and the edit_request ACL; existing documents only; one open request per requester
    and document (the second one is ``already_edit_request_exists``)."""
    document = _existing_document(full_title)
    require(subject, "edit_request", document)
    text = _checked_text(document, text)
    author = author_of(subject)
    if EditRequest.objects.filter(document=document, author_name=author["author_name"], status="open").exists():
        raise _already_exists()
    base = base_rev if base_rev is not None else document.latest.number
    if not document.revisions.filter(number=base).exists():
        raise DiscussionError(_("기준 판이 올바르지 않습니다."), 400, "invalid_base")
    now = timezone.now()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return EditRequest.objects.create(
                    slug=new_slug(), document=document, base_rev=base, content=text, log=log[:MAX_LOG],
                    diff_length=len(text) - len(document.latest.text), created_at=now, updated_at=now,
                    updated_by=author["author_name"], **author)
        except IntegrityError:
            if EditRequest.objects.filter(document=document, author_name=author["author_name"],
                                          status="open").exists():
                raise _already_exists() from None
    raise DiscussionError(_("편집 요청을 만들 수 없습니다. 다시 시도하세요."), 503)


def _already_exists() -> DiscussionError:
    return DiscussionError(_("이미 해당 문서에 편집요청이 존재합니다. 해당 편집요청을 수정하시기 바랍니다."), 409,
                           "already_edit_request_exists")


def is_requester(subject, request: EditRequest) -> bool:
    if request.user_id is not None:
        return subject.user is not None and subject.user.pk == request.user_id
    return subject.user is None and subject.ip == request.ip


def _locked(slug: str) -> EditRequest:
    query = EditRequest.objects.filter(slug=slug)
    if connection.features.has_select_for_update:
        query = query.select_for_update()
    request = query.first()
    if request is None:
        raise DiscussionError(_("편집 요청을 찾을 수 없습니다."), 404, "edit_request_not_found")
    return request


def _require_open(request: EditRequest) -> None:
    if request.status != EditRequest.Status.OPEN:
        raise DiscussionError(_("열려 있는 편집 요청이 아닙니다."), 409, "edit_request_not_open")


def update_request(subject, slug: str, text: str, log: str, base_rev: int | None) -> EditRequest:
    """The requester replaces the text, summary and base revision, while the request is open."""
    request = by_slug(slug)
    if not is_requester(subject, request):
        raise DiscussionError(_("자신의 편집 요청만 수정할 수 있습니다."), 403, "not_own_edit_request")
    document = Document.objects.select_related("latest").get(pk=request.document_id)
    if not document.exists:
        raise DiscussionError(_("삭제된 문서입니다."), 409, "document_deleted")
    require(subject, "edit_request", document)
    text = _checked_text(document, text)
    base = base_rev if base_rev is not None else document.latest.number
    if not document.revisions.filter(number=base).exists():
        raise DiscussionError(_("기준 판이 올바르지 않습니다."), 400, "invalid_base")
    with transaction.atomic():
        request = _locked(slug)
        _require_open(request)
        request.content, request.log, request.base_rev = text, log[:MAX_LOG], base
        request.diff_length = len(text) - len(document.latest.text)
        request.updated_at, request.updated_by = timezone.now(), author_of(subject)["author_name"]
        request.save()
    return request


@dataclass
class MergeState:
    base_text: str
    current_text: str
    merged_text: str
    conflicted: bool


def merge_state(request: EditRequest) -> MergeState:
    """The request merged onto the current text (recomputed at view and at accept)."""
    document = request.document
    current = document.latest.text if document.exists else ""
    base = document.revisions.filter(number=request.base_rev).select_related("blob").first()
    base_text = base.text if base is not None and base.kind != Revision.Kind.DELETE else ""
    if document.latest is None or document.latest.number == request.base_rev:
        return MergeState(base_text, current, request.content, False)
    result = merge3(base_text, current, request.content)
    return MergeState(base_text, current, result.text, not result.clean)


def accept_request(subject, slug: str) -> Revision:
    """Needs the edit ACL. The revision is the requester's, with the request's summary, linked to
    the request; a conflict refuses until the requester rebases."""
    request = by_slug(slug)
    document = request.document
    require(subject, "edit", document)
    acceptor = author_of(subject)["author_name"]
    with transaction.atomic():
        request = _locked(slug)
        _require_open(request)
        document = Document.objects.select_related("latest").get(pk=request.document_id)
        if not document.exists:
            raise DiscussionError(_("삭제된 문서입니다."), 409, "document_deleted")
        try:
            result = edit_page(document.full_title, request.content, user=request.user, ip=request.ip,
                               author_name=request.author_name, summary=request.log, base_rev=request.base_rev)
        except ConflictError:
            raise DiscussionError(_("이 편집 요청은 충돌된 상태입니다. 요청자가 수정해야 합니다."), 409,
                                  "edit_request_conflicted") from None
        except EditError as error:
            raise DiscussionError(str(error), error.status) from error
        revision = result.revision
        revision.extra = {**revision.extra, "edit_request": request.slug, "accepted_by": acceptor}
        revision.save(update_fields=["extra"])
        request.status, request.accepted_rev, request.accepted_by = "accepted", revision.number, acceptor
        request.updated_at, request.updated_by = timezone.now(), acceptor
        request.save()
    return revision


def may_close(subject, request: EditRequest) -> bool:
    from seedwiki.permissions.decide import can

    return (is_requester(subject, request) or subject.holds("manage_thread")
            or can(subject, "edit", request.document).allowed)


def close_request(subject, slug: str, reason: str) -> EditRequest:
    """By the requester, a holder of the document's edit ACL, or manage_thread; optional reason."""
    request = by_slug(slug)
    if not may_close(subject, request):
        raise DiscussionError(_("편집 요청을 닫을 권한이 부족합니다."), 403, "permission_close")
    with transaction.atomic():
        request = _locked(slug)
        _require_open(request)
        request.status, request.close_reason = "closed", (reason or "")[:255]
        request.updated_at, request.updated_by = timezone.now(), author_of(subject)["author_name"]
        request.save()
    return request
