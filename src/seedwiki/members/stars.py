"""Starring and unstarring documents, and the starred list (newest edit first)."""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from seedwiki.discussions.services.errors import DiscussionError
from seedwiki.documents.models import Document
from seedwiki.members.models import Star
from seedwiki.titles import TitleError, parse_title


def _document(full_title: str) -> Document:
    try:
        namespace, title = parse_title(full_title)
    except TitleError as error:
        raise DiscussionError(str(error), 400, "invalid_title") from error
    document = Document.objects.filter(namespace=namespace, title=title).first()
    if document is None or document.latest_id is None:
        raise DiscussionError(_("문서를 찾을 수 없습니다."), 404, "document_not_found")
    return document


def star(user, full_title: str) -> Document:
    document = _document(full_title)
    try:
        with transaction.atomic():
            Star.objects.create(user=user, document=document)
    except IntegrityError:
        raise DiscussionError(_("이미 별찜한 문서입니다."), 409, "already_starred_document") from None
    return document


def unstar(user, full_title: str) -> Document:
    document = _document(full_title)
    deleted, _count = Star.objects.filter(user=user, document=document).delete()
    if not deleted:
        raise DiscussionError(_("별찜하지 않은 문서입니다."), 404, "already_unstarred_document")
    return document


def star_count(document_id: int | None) -> int:
    return Star.objects.filter(document_id=document_id).count() if document_id else 0


def starred_documents(user):
    """The user's starred documents by their last edit, newest first."""
    return (Document.objects.filter(stars__user=user).select_related("latest")
            .order_by(F("updated_at").desc(nulls_last=True), "-id"))
