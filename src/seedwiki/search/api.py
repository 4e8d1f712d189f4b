"""Search index maintenance and queries, independent of the database backend."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from .backends import get_backend
from .backends.base import TARGETS
from .snippets import highlight, snippet
from .terms import split_terms
from .text import plain_text as source_to_plain_text


@dataclass
class SearchHit:
    document: Any  # documents.Document
    title_html: SafeString  # the full title, escaped, terms in <mark>
    snippet_html: SafeString  # a window of the text, escaped, terms in <mark>


def _namespace_and_title(document) -> tuple[str, str]:
    return document.namespace, document.title


def _storable(text: str) -> str:
    # PostgreSQL text cannot hold NUL; a page's source may (it is stored as bytes elsewhere).
    return text.replace("\x00", " ") if "\x00" in text else text


def index_document(document, text: str, *, plain_text: str | None = None) -> None:
    """Store the document's current plain text. Call inside the edit's transaction.

    ``plain_text``: the text already rendered by the caller (W-core parses once per save).
    """
    from .models import SearchEntry

    if getattr(document, "deleted", False):
        remove_document(document)
        return
    namespace, title = _namespace_and_title(document)
    content = _storable(plain_text if plain_text is not None else source_to_plain_text(text or ""))
    # Write only when something changed: on SQLite re-indexing the old text is the expensive part
    # (the FTS trigger fires for an UPDATE of title or content). The comparison runs in the
    # database, so the old text is not read back into Python; no row updated means the row is
    # missing (insert it) or already right (the insert is then ignored).
    updated = (SearchEntry.objects.filter(document_id=document.pk)
               .exclude(namespace=namespace, title=title, content=content)
               .update(namespace=namespace, title=title, content=content))
    if not updated:
        SearchEntry.objects.bulk_create(
            [SearchEntry(document=document, namespace=namespace, title=title, content=content)],
            ignore_conflicts=True)


def index_documents(pairs) -> None:
    """Bulk rows for documents that have none yet: [(document, plain text)] (the dump import)."""
    from .models import SearchEntry

    SearchEntry.objects.bulk_create(
        [SearchEntry(document=d, namespace=d.namespace, title=d.title, content=_storable(plain or ""))
         for d, plain in pairs],
        batch_size=500,
    )


def remove_document(document) -> None:
    from .models import SearchEntry

    SearchEntry.objects.filter(document_id=document.pk).delete()


def query(
    q: str,
    target: str = "title_content",
    namespace: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[int, list[SearchHit]]:
    """Documents whose target column(s) contain every whitespace-separated term of q."""
    from seedwiki.documents.models import Document

    if target not in TARGETS:
        raise ValueError(f"unknown search target {target!r}")
    terms = split_terms(q)
    if not terms:
        return 0, []
    limit = max(1, min(int(limit), 100))
    offset = max(0, int(offset))
    total, rows = get_backend().search(terms, target, namespace or None, limit, offset)
    documents = Document.objects.in_bulk([row.document_id for row in rows])
    hits = []
    for row in rows:
        document = documents.get(row.document_id)
        if document is None:  # removed between the two queries
            continue
        hits.append(
            SearchHit(
                document=document,
                title_html=highlight(document.full_title, terms),
                snippet_html=snippet(row.content, terms),
            )
        )
    return total, hits


def rebuild_index(*, full: bool = False) -> int:
    """Re-derive the rows from the latest revisions (`seedwiki rebuild`). Returns live documents seen.

    Rows whose text did not change are left alone (re-indexing old text is the slow part); rows of
    pages that are gone are removed. ``full=True`` also rebuilds the SQLite FTS5 index from the
    rows, which repairs an index that went out of step (slow: every text is tokenised again).
    """
    from django.db import connection, transaction

    from seedwiki.documents.models import Document

    from .models import SearchEntry
    from .revision_text import latest_text

    count = 0
    with transaction.atomic():
        live = Document.objects.filter(deleted=False, latest__isnull=False)
        SearchEntry.objects.exclude(document__in=live).delete()
        for document in live.select_related("latest__blob").iterator(chunk_size=500):
            index_document(document, latest_text(document))
            count += 1
        if full and connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
    return count
