"""Search index maintenance and queries, independent of the database backend."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.safestring import SafeString

from . import title_keys
from .backends.base import TARGETS
from .engine import find
from .indexing import build_indexes
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


# Indexed plain text per page, in characters: beyond it a page is not found by search. It bounds
# the index's size (an FTS5 trigram index is ~3× its text), the work of matching a term against
# one page, and the snippet (snippets.MAX_SCANNED_CHARS is the same).
MAX_INDEXED_CHARS = 256 * 1024


def _storable(text: str) -> str:
    # PostgreSQL text cannot hold NUL; a page's source may (it is stored as bytes elsewhere).
    text = text[:MAX_INDEXED_CHARS]
    return text.replace("\x00", " ") if "\x00" in text else text


def index_document(document, text: str, *, plain_text: str | None = None) -> None:
    """Store the document's current plain text. Call inside the edit's transaction.

    ``plain_text``: the text already rendered by the caller (W-core parses once per save).
    """
    from django.db import connection

    from .models import SearchEntry

    if getattr(document, "deleted", False):
        remove_document(document)
        return
    namespace, title = _namespace_and_title(document)
    content = _storable(plain_text if plain_text is not None else source_to_plain_text(text or ""))
    # Write only what changed: on SQLite re-indexing the old text is the expensive part (the FTS
    # trigger fires for an UPDATE of title or content). The texts are compared in the database,
    # so the old one is not read back; plain SQL, as the ORM's query building cost more than this.
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    keys = connection.vendor == "sqlite"  # SQLite keeps the title keys here (title_keys.py)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, namespace = %s, title = %s, content = %s FROM {table} WHERE document_id = %s",
                       [namespace, title, content, document.pk])
        row = cursor.fetchone()
        if row is None:
            cursor.execute(f"INSERT INTO {table} (document_id, namespace, title, content) VALUES (%s, %s, %s, %s)",
                           [document.pk, namespace, title, content])
            if keys:
                title_keys.store_keys(cursor, [(cursor.lastrowid, title)])
            return
        changed = [(name, value) for same, name, value in zip(row[1:], ("namespace", "title", "content"),
                                                               (namespace, title, content)) if not same]
        if changed:
            cursor.execute(f"UPDATE {table} SET {', '.join(f'{name} = %s' for name, _ in changed)} "
                           "WHERE document_id = %s", [value for _, value in changed] + [document.pk])
            if keys and not row[2]:
                title_keys.store_keys(cursor, [(row[0], title)])


def index_documents(pairs) -> None:
    """Bulk rows for documents that have none yet: [(document, plain text)] (the dump import)."""
    from django.db import connection

    rows = [(d.pk, d.namespace, d.title, _storable(plain or "")) for d, plain in pairs]
    if not rows:
        return
    if connection.vendor == "sqlite":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM search_entry")
            last_id = cursor.fetchone()[0]
            if not _bulk_index_sqlite(connection, rows, last_id):
                _bulk_create(rows)
            title_keys.fill_keys(cursor, after_id=last_id)  # ids only grow: the new rows are past it
        return
    if connection.vendor == "postgresql":  # COPY: no ORM objects, no statement of 2,000 parameters
        with connection.cursor() as cursor, cursor.cursor.copy(
                "COPY search_entry (document_id, namespace, title, content) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    _bulk_create(rows)


def _bulk_create(rows) -> None:
    from .models import SearchEntry

    SearchEntry.objects.bulk_create(
        [SearchEntry(document_id=pk, namespace=ns, title=title, content=content) for pk, ns, title, content in rows],
        batch_size=500,
    )


FTS5_HASH_SIZE = 1024 * 1024  # SQLite's default for FTS5's in-memory pending terms
BULK_HASH_SIZE = 64 * 1024 * 1024


def _bulk_index_sqlite(connection, rows, last_id: int) -> bool:
    """Insert the rows, then fill the FTS index from them with one INSERT … SELECT.

    The insert trigger (migration 0002) would index them one by one; the statement-level fill
    costs about a third less CPU (bench/import_bench.py). The trigger is dropped and created again
    from its own stored SQL inside one transaction, so no other connection ever sees the table
    without it. False when there is no such trigger (the caller inserts the plain way).
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'search_entry_ai'")
        trigger = cursor.fetchone()
        if trigger is None:
            return False
        cursor.execute("DROP TRIGGER search_entry_ai")
        try:
            cursor.executemany("INSERT INTO search_entry (document_id, namespace, title, content) "
                               "VALUES (%s, %s, %s, %s)", rows)
            # A batch's terms are flushed as one segment instead of one per megabyte (fewer
            # segments to merge later); set back before the transaction ends, so no other
            # connection ever works with it.
            cursor.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', %s)", [BULK_HASH_SIZE])
            # Ids only grow (AUTOINCREMENT), so the new rows are exactly those past the old maximum.
            cursor.execute("INSERT INTO search_fts (rowid, title, content) "
                           "SELECT id, title, content FROM search_entry WHERE id > %s", [last_id])
        finally:
            cursor.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', %s)", [FTS5_HASH_SIZE])
            cursor.execute(trigger[0])
    return True


def remove_document(document) -> None:
    from .models import SearchEntry

    SearchEntry.objects.filter(document_id=document.pk).delete()


@dataclass
class SearchResults:
    hits: list[SearchHit]
    total: int  # exact, or an estimate when ``approximate`` ("약 N건")
    approximate: bool = False
    at_least: bool = False  # more match than are ranked ("N건 이상"): only titles are counted so
    timed_out: bool = False  # the search's time budget ran out: more pages may match
    reachable: int = 0  # how many results paging can reach (the ranked list is capped)


def search(
    q: str,
    target: str = "title_content",
    namespace: str | None = None,
    limit: int = 20,
    offset: int = 0,
    within: list[str] | None = None,
) -> SearchResults:
    """Documents whose target column(s) contain every whitespace-separated term of q: titles that
    match first (exact, then prefix, then shorter), then other matches in index order.

    ``within``: only pages of these namespaces (the reader's readable ones); None: every page."""
    from seedwiki.documents.models import Document

    if target not in TARGETS:
        raise ValueError(f"unknown search target {target!r}")
    terms = split_terms(q)
    if not terms:
        return SearchResults(hits=[], total=0)
    limit = max(1, min(int(limit), 100))
    found = find(terms, target, namespace or None, limit, max(0, int(offset)),
                 within=list(within) if within is not None else None)
    documents = Document.objects.in_bulk([row.document_id for row in found.rows])
    hits = []
    for row in found.rows:
        document = documents.get(row.document_id)
        if document is None:  # removed between the two queries
            continue
        hits.append(SearchHit(document=document, title_html=highlight(document.full_title, terms),
                              snippet_html=snippet(row.content, terms)))
    return SearchResults(hits=hits, total=found.total, approximate=found.approximate, at_least=found.at_least,
                         timed_out=found.timed_out, reachable=found.reachable)


def query(q: str, target: str = "title_content", namespace: str | None = None, limit: int = 20,
          offset: int = 0, within: list[str] | None = None) -> tuple[int, list[SearchHit]]:
    """search() as (total, hits), for callers that need no more."""
    results = search(q, target, namespace, limit, offset, within)
    return results.total, results.hits


def rebuild_index(*, full: bool = False) -> int:
    """Re-derive the rows from the latest revisions (`seedwiki rebuild`). Returns live documents seen.

    Rows whose text did not change are left alone (re-indexing old text is the slow part); rows of
    pages that are gone are removed. ``full=True`` also rebuilds the SQLite FTS5 index from the
    rows, which repairs an index that went out of step (slow: every text is tokenised again).
    """
    from django.db import connection

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
                title_keys.fill_keys(cursor)
                cursor.execute(f"INSERT INTO {title_keys.KEY_FTS}({title_keys.KEY_FTS}) VALUES ('rebuild')")
    build_indexes(missing_only=True)  # any index a bulk load dropped comes back
    return count
