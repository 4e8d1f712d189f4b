"""Saving a page: the one write path for the editor, scripts and the API."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import derive
from seedwiki.documents.services.analysis import Analysis
from seedwiki.documents.services.common import (
    Author, check_size, check_summary, lock_document, revision_with_text, with_latest,
)
from seedwiki.documents.services.errors import ConflictError, EmptyPageError, NoChangeError, RevisionNotFoundError
from seedwiki.documents.services.merge import merge3
from seedwiki.documents.services.storage import readable_text
from seedwiki.titles import join_title, parse_title


@dataclass
class EditResult:
    document: Document
    revision: Revision
    merged: bool = False


# A stale-base save is merged outside the write transaction, then written if the page has not
# moved meanwhile; when it moved again, the merge is redone at most this many times.
MERGE_ATTEMPTS = 3


class _StaleBase(Exception):
    """Raised inside the write transaction (rolling it back) when the text must be merged first."""

    def __init__(self, document: Document, current: str):
        super().__init__()
        self.document_id, self.latest_number, self.current = document.pk, document.latest.number, current


@dataclass
class _Merged:
    against: int  # the latest revision number the merge was made with
    text: str
    merged: bool
    meta: Analysis


def edit_page(full_title: str, text: str, *, user=None, ip: str | None = None, author_name: str | None = None,
              summary: str = "", base_rev: int | None = None, at: dt.datetime | None = None,
              refuse_empty_new: bool = False) -> EditResult:
    """Save ``text`` as the next revision of ``full_title``.

    ``base_rev`` is the revision the editor started from (0 for "the page did not exist"); when the
    page has moved on since, the edit is merged three-way, or ConflictError keeps the editor's text.
    ``base_rev=None`` (scripts) overwrites whatever is current. ``refuse_empty_new`` (the editor):
    a page is not created with blank text (EmptyPageError); imports may keep empty pages.

    The slow parts run outside the write transaction (SQLite has one writer at a time): the parse
    of the text, and the merge: read, merge, then lock and check the latest revision is still the
    one merged with, else merge again (MERGE_ATTEMPTS), else report a conflict.
    """
    namespace, title = parse_title(full_title)
    text = check_size(text)
    summary = check_summary(summary)
    author = Author(user, ip, author_name)
    full = join_title(namespace, title)
    stale = _stale_before_lock(namespace, title, base_rev)
    # The editor's own text is parsed only when it is what gets written (not when merged).
    prepared = _merge(full, stale, base_rev, text) if stale is not None else None
    meta = derive.analyse(text, full) if prepared is None else None
    for attempt in range(MERGE_ATTEMPTS + 1):
        try:
            return _write(namespace, title, text, meta, author, summary, base_rev, at, prepared,
                          refuse_empty_new=refuse_empty_new)
        except _StaleBase as error:
            stale = error
        if attempt == MERGE_ATTEMPTS:
            break
        prepared = _merge(full, stale, base_rev, text)
    # The page kept moving while we merged: the editor resolves it on the conflict screen.
    raise ConflictError(_base_text(full, stale.document_id, base_rev), stale.current, text, text,
                        stale.latest_number)


def _write(namespace, title, text, meta, author, summary, base_rev, at, prepared: _Merged | None, *,
           refuse_empty_new: bool = False) -> EditResult:
    with transaction.atomic():
        document = lock_document(namespace, title, create=True)
        latest = document.latest
        alive = latest is not None and not document.deleted
        current = readable_text(latest) if alive else ""
        merged = False
        if base_rev is not None and latest is not None and base_rev != latest.number:
            if prepared is None or prepared.against != latest.number:
                raise _StaleBase(document, current)
            text, merged, meta = prepared.text, prepared.merged, prepared.meta
        if alive and text == current:
            raise NoChangeError()
        if not alive and refuse_empty_new and not text.strip():
            raise EmptyPageError()
        kind = Revision.Kind.EDIT if alive else Revision.Kind.CREATE
        revision = revision_with_text(document, text, kind=kind, author=author, summary=summary, at=at)
        _derive(document, text, meta, created=not alive)
        document.save()
    return EditResult(document, revision, merged)


def _base_text(full_title: str, document_id: int, base_rev: int) -> str:
    """The text the editor started from (read without a lock: revisions never change)."""
    if base_rev == 0:
        return ""
    base = Revision.objects.filter(document_id=document_id, number=base_rev).select_related("blob").first()
    if base is None:
        raise RevisionNotFoundError(full_title, base_rev)
    return "" if base.kind == Revision.Kind.DELETE else base.text


def _stale_before_lock(namespace: str, title: str, base_rev: int | None) -> _StaleBase | None:
    """Without a lock: the page's state when it has already moved past ``base_rev`` (else None)."""
    if base_rev is None:
        return None
    row = Document.objects.filter(namespace=namespace, title=title).values_list("latest__number", flat=True).first()
    if row is None or row == base_rev:
        return None
    document = with_latest(Document.objects.filter(namespace=namespace, title=title).first())
    return _StaleBase(document, "" if document.deleted else readable_text(document.latest))


def _merge(full_title: str, stale: _StaleBase, base_rev: int, text: str) -> _Merged:
    """Merge outside any transaction; ConflictError when the changes overlap or differ too much."""
    base_text = _base_text(full_title, stale.document_id, base_rev)
    if text == stale.current:
        return _Merged(stale.latest_number, text, False, derive.analyse(text, full_title))
    result = merge3(base_text, stale.current, text)
    if not result.clean:
        raise ConflictError(base_text, stale.current, text, result.text, stale.latest_number)
    return _Merged(stale.latest_number, result.text, True, derive.analyse(result.text, full_title))


def _derive(document: Document, text: str, meta: Analysis, *, created: bool) -> None:
    """Everything that follows from the new text (parsed before the lock), in the same transaction."""
    document.deleted = False
    derive.apply_links(document, text, meta)
    derive.index_search(document, text, meta)
    full = join_title(document.namespace, document.title)
    derive.invalidate_dependents(appeared_or_gone={full} if created else set(), changed={full})
