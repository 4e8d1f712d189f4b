"""Secondary indexes left out while a big dump loads, and built once at its end.

A link row's target is random: each insert lands somewhere in a (target, kind, source) index of
millions of rows, and a trigram GIN index (PostgreSQL search) re-sorts every text's trigrams. Built
after the load, each is one sort. Only the indexes that readers use for lookups by value are
dropped; unique ones and those leading with the foreign key (written in order) stay, and so does
PostgreSQL's trigram index over the text (KEPT_DURING_LOAD, see below). The statements
to create them again are kept in the run record, committed with the drop, so an import killed at
any point builds them when it is run again.
"""
from __future__ import annotations

import re

from django.db import DatabaseError, connection, transaction

from seedwiki.documents.importing.run_record import ImportRun

TABLES = ("documents_pagelink", "search_entry")
KEPT_LEADING_COLUMNS = ("source_id", "document_id", "id")
# PostgreSQL's trigram index over the page text is kept through the load: built at the end it is
# one single-threaded statement (measured: ~0.75 ms of CPU a page, 40% of a 100k import's time) that
# leaves the second core idle; kept, its entries go to the GIN pending list with each COPY and are
# merged in bulk every few MB (load_tuning.py), in the same CPU time, while the workers parse.
KEPT_DURING_LOAD = ("search_entry_content_trgm",)
# Auto mode: worth it only when the dump outweighs the wiki (an edit of an existing page during the
# load would look its links up without the index).
AUTO_MIN_DUMP_BYTES = 64 << 20
AUTO_MAX_EXISTING_DOCUMENTS = 10_000


def should_drop(mode: str, dump_bytes: int, existing_documents: int) -> bool:
    if mode == "auto":
        return dump_bytes >= AUTO_MIN_DUMP_BYTES and existing_documents <= AUTO_MAX_EXISTING_DOCUMENTS
    return mode == "yes"


def _droppable() -> list[tuple[str, str]]:
    """(index name, its CREATE statement) of the secondary indexes on TABLES."""
    found = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                           "AND tablename = ANY(%s)", [list(TABLES)])
        else:
            marks = ", ".join(["%s"] * len(TABLES))
            cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                           f"AND tbl_name IN ({marks})", list(TABLES))
        rows = cursor.fetchall()
    for name, sql in rows:
        if re.match(r"\s*CREATE\s+UNIQUE", sql, re.I):
            continue
        columns = re.search(r"\((.*)\)\s*(WHERE .*)?$", sql, re.S)
        first = columns.group(1).split(",")[0].strip().strip('"').split()[0].strip('"') if columns else ""
        if first in KEPT_LEADING_COLUMNS or name in KEPT_DURING_LOAD:
            continue
        found.append((name, sql))
    return sorted(found)


def drop_for_load(run: ImportRun) -> list[str]:
    """Drop the droppable indexes and note them in ``run``, in one transaction."""
    with transaction.atomic():
        dropped = list(run.dropped_indexes)
        for name, sql in _droppable():
            with connection.cursor() as cursor:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
            dropped.append(sql)
        run.dropped_indexes = dropped
        run.save(update_fields=["dropped_indexes"])
    return dropped


def restore(run: ImportRun) -> int:
    """Create the indexes ``run`` dropped (again harmless when some exist already)."""
    statements = list(run.dropped_indexes)
    if not statements:
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET maintenance_work_mem TO '512MB'")
        for sql in statements:
            cursor.execute(re.sub(r"^\s*CREATE\s+INDEX\s+(?!IF NOT EXISTS)", "CREATE INDEX IF NOT EXISTS ", sql,
                                  count=1, flags=re.I))
        if connection.vendor == "postgresql":
            cursor.execute("RESET maintenance_work_mem")
    _merge_pending_lists()
    run.dropped_indexes = []
    run.save(update_fields=["dropped_indexes"])
    return len(statements)


def _merge_pending_lists() -> None:
    """What the kept GIN indexes still hold in their pending lists, merged now (best effort: only
    the index's owner may, and an unmerged list is correct, only slower to search)."""
    if connection.vendor != "postgresql":
        return
    for name in KEPT_DURING_LOAD:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT gin_clean_pending_list(to_regclass(%s)) WHERE to_regclass(%s) IS NOT NULL",
                               [name, name])
        except DatabaseError:
            continue
