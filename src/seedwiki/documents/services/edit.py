"""Saving a page: the one write path for the editor, scripts and the API."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import derive
from seedwiki.documents.services.common import Author, check_size, check_summary, lock_document, revision_with_text
from seedwiki.documents.services.errors import ConflictError, EmptyPageError, NoChangeError, RevisionNotFoundError
from seedwiki.documents.services.merge import merge3
from seedwiki.documents.services.storage import readable_text
from seedwiki.titles import join_title, parse_title


@dataclass
class EditResult:
    document: Document
    revision: Revision
    merged: bool = False


def edit_page(full_title: str, text: str, *, user=None, ip: str | None = None, author_name: str | None = None,
              summary: str = "", base_rev: int | None = None, at: dt.datetime | None = None,
              refuse_empty_new: bool = False) -> EditResult:
    """Save ``text`` as the next revision of ``full_title``.

    ``base_rev`` is the revision the editor started from (0 for "the page did not exist"); when the
    page has moved on since, the edit is merged three-way, or ConflictError keeps the editor's text.
    ``base_rev=None`` (scripts) overwrites whatever is current. ``refuse_empty_new`` (the editor):
    a page is not created with blank text (EmptyPageError); imports may keep empty pages.
    """
    namespace, title = parse_title(full_title)
    text = check_size(text)
    summary = check_summary(summary)
    author = Author(user, ip, author_name)
    with transaction.atomic():
        document = lock_document(namespace, title, create=True)
        latest = document.latest
        alive = latest is not None and not document.deleted
        current = readable_text(latest) if alive else ""
        merged = False
        if base_rev is not None and latest is not None and base_rev != latest.number:
            text, merged = _merge(document, base_rev, current, text)
        if alive and text == current:
            raise NoChangeError()
        if not alive and refuse_empty_new and not text.strip():
            raise EmptyPageError()
        kind = Revision.Kind.EDIT if alive else Revision.Kind.CREATE
        revision = revision_with_text(document, text, kind=kind, author=author, summary=summary, at=at)
        _derive(document, text, created=not alive)
        document.save()
    return EditResult(document, revision, merged)


def _merge(document: Document, base_rev: int, current: str, text: str) -> tuple[str, bool]:
    if base_rev == 0:
        base_text = ""
    else:
        base = document.revisions.filter(number=base_rev).select_related("blob").first()
        if base is None:
            raise RevisionNotFoundError(document.full_title, base_rev)
        base_text = "" if base.kind == Revision.Kind.DELETE else base.text
    if text == current:
        return text, False
    result = merge3(base_text, current, text)
    if not result.clean:
        raise ConflictError(base_text, current, text, result.text, document.latest.number)
    return result.text, True


def _derive(document: Document, text: str, *, created: bool) -> None:
    """Everything that follows from the new text, in the same transaction."""
    document.deleted = False
    meta = derive.analyse(text, document.full_title)
    derive.apply_links(document, text, meta)
    derive.index_search(document, text, meta)
    full = join_title(document.namespace, document.title)
    derive.invalidate_after_commit(appeared_or_gone={full} if created else set(), changed={full})
