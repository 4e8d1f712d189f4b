"""Pieces every write service shares: locking a page, naming the author, appending a revision."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from seedwiki.documents.models import Blob, Document, Revision
from seedwiki.documents.services.errors import PageNotFoundError, SummaryTooLongError, TooLargeError
from seedwiki.documents.services.storage import normalize_text, store_blob
from seedwiki.titles import join_title, parse_title


@dataclass
class Author:
    """Who makes a change: an account, an IP address, or (scripts, import) just a name."""

    user: object = None
    ip: str | None = None
    name: str | None = None

    @property
    def display(self) -> str:
        if self.user is not None and getattr(self.user, "is_authenticated", False):
            return self.user.get_username()
        return self.name or self.ip or "127.0.0.1"

    @property
    def account(self):
        if self.user is not None and getattr(self.user, "is_authenticated", False):
            return self.user
        return None


def check_size(text: str) -> str:
    """Normalised text, or TooLargeError when it is over the limit."""
    text = normalize_text(text)
    size = len(text.encode("utf-8"))
    limit = settings.SEEDWIKI_MAX_TEXT_BYTES
    if size > limit:
        raise TooLargeError(size, limit)
    return text


def lock_document(namespace: str, title: str, *, create: bool) -> Document | None:
    """The page's row, locked until the surrounding transaction ends.

    PostgreSQL: SELECT … FOR UPDATE. SQLite: the transaction itself began with BEGIN IMMEDIATE
    (settings), so writers are already serialised and no lock clause is needed.
    """
    assert transaction.get_connection().in_atomic_block, "lock_document needs transaction.atomic"
    # No join in the locking query: on PostgreSQL a FOR UPDATE that waited for another writer
    # re-reads the updated row but not the joined revision, so `latest` would come back empty.
    document = _locked_row(namespace, title)
    if document is None and create:
        try:
            with transaction.atomic():
                document = Document.objects.create(namespace=namespace, title=title)
        except IntegrityError:  # a concurrent writer created it first: wait for its lock
            document = _locked_row(namespace, title)
    return with_latest(document)


@contextmanager
def locked_page(full_title: str, *, deleted_ok: bool) -> Iterator[tuple[Document, str]]:
    """(document, normalised full title) of an existing page, locked inside a transaction that ends
    with the block; PageNotFoundError when the page never existed (or, unless deleted_ok, is deleted)."""
    namespace, title = parse_title(full_title)
    full = join_title(namespace, title)
    with transaction.atomic():
        document = lock_document(namespace, title, create=False)
        if document is None or (document.latest is None if deleted_ok else not document.exists):
            raise PageNotFoundError(full)
        yield document, full


# The rows of a save are read with plain SQL through raw(): the ORM's query building cost more
# than the queries (bench/wiki_bench.py edits); raw() still converts the columns like the ORM.

def _one(model, where: str, params: list, suffix: str = ""):
    table = connection.ops.quote_name(model._meta.db_table)
    return next(iter(model.objects.raw(f"SELECT * FROM {table} WHERE {where}{suffix}", params)), None)


def _locked_row(namespace: str, title: str) -> Document | None:
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return _one(Document, "namespace = %s AND title = %s", [namespace, title], lock)


def with_latest(document: Document | None) -> Document | None:
    """Load the (locked) document's latest revision and blob, read after the lock was granted."""
    if document is not None and document.latest_id is not None:
        revision = _one(Revision, "id = %s", [document.latest_id])
        revision.blob = _one(Blob, "hash = %s", [revision.blob_id])
        document.latest = revision
    return document


SUMMARY_LIMIT = 255  # Revision.summary's max_length


def check_summary(summary: str | None) -> str:
    """The summary as stored, or SummaryTooLongError: an editor's summary is refused, not cut."""
    cleaned = _one_line(summary)
    if len(cleaned) > SUMMARY_LIMIT:
        raise SummaryTooLongError(len(cleaned), SUMMARY_LIMIT)
    return cleaned


def clean_summary(summary: str | None) -> str:
    """One line of at most 255 characters; control characters (NUL breaks PostgreSQL text) dropped."""
    return _one_line(summary)[:SUMMARY_LIMIT]


def _one_line(summary: str | None) -> str:
    text = "".join(ch if ch.isprintable() else " " for ch in (summary or ""))
    return " ".join(text.split())


def append_revision(document: Document, blob: Blob, *, kind: str, author: Author, summary: str = "",
                    at: dt.datetime | None = None, extra: dict | None = None) -> Revision:
    """Write r(N+1) of ``document`` pointing at ``blob`` and move the document's latest pointer."""
    previous = document.latest
    number = (previous.number if previous else 0) + 1
    previous_size = previous.size if previous is not None and previous.kind != Revision.Kind.DELETE else 0
    when = at or timezone.now()
    revision = Revision.objects.create(
        document=document, number=number, blob=blob, kind=kind, created_at=when,
        user=author.account, ip=author.ip if author.account is None else None,
        author_name=author.display[:150], summary=clean_summary(summary),
        size=blob.size, size_delta=blob.size - previous_size, extra=extra or {},
    )
    document.latest = revision
    document.length = blob.size
    document.updated_at = when
    return revision


def revision_with_text(document: Document, text: str, **kwargs) -> Revision:
    return append_revision(document, store_blob(text), **kwargs)
