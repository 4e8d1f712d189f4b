"""Secondary indexes left out while a big dump loads, and built once at its end.

A link row's target is random: each insert lands somewhere in a (target, kind, source) index of
millions of rows, and a trigram GIN index (PostgreSQL search) re-sorts every text's trigrams. Built
after the load, each is one sort. Only the indexes that readers use for lookups by value are
dropped; unique ones and those leading with the foreign key (written in order) stay. The statements
to create them again are kept in the run record, committed with the drop, so an import killed at
any point builds them when it is run again.
"""
from __future__ import annotations

import re
import threading

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from seedwiki.documents.importing.run_record import ImportRun

TABLES = ("documents_pagelink", "search_entry")
KEPT_LEADING_COLUMNS = ("source_id", "document_id", "id")
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
        if first in KEPT_LEADING_COLUMNS:
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
    statements = [re.sub(r"^\s*CREATE\s+INDEX\s+(?!IF NOT EXISTS)", "CREATE INDEX IF NOT EXISTS ", sql, count=1, flags=re.I)
                  for sql in run.dropped_indexes]
    if not statements:
        return 0
    if connection.vendor == "postgresql":
        _build_on_two_connections(statements)
    else:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    run.dropped_indexes = []
    run.save(update_fields=["dropped_indexes"])
    return len(statements)


# PostgreSQL builds a GIN index in one process (no parallel build before version 18): the trigram
# index over the page text takes most of the rebuild (measured at 100,000 pages: 97 of 108 s). The
# GIN indexes get a second connection of their own, and the other indexes are built meanwhile.
_SECOND_CONNECTION = re.compile(r"\bUSING\s+gin\b", re.I)


def _build_on_two_connections(statements: list[str]) -> None:
    gin = [sql for sql in statements if _SECOND_CONNECTION.search(sql)]
    rest = [sql for sql in statements if sql not in gin]
    failure: list[BaseException] = []

    def build_gin() -> None:
        other = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            _execute_all(other, gin)
        except BaseException as error:  # re-raised by the caller's thread
            failure.append(error)
        finally:
            other.close()

    # Inside a transaction (a test's) the other connection would wait for this one's locks.
    parallel = gin and rest and not connection.in_atomic_block
    worker = threading.Thread(target=build_gin, name="gin-index-build") if parallel else None
    if worker is not None:
        worker.start()
    try:
        _execute_all(connection, rest if worker is not None else statements)
    finally:
        if worker is not None:
            worker.join()
    if failure:
        raise failure[0]


def _execute_all(conn, statements: list[str]) -> None:
    with conn.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem TO '512MB'")
        for sql in statements:
            cursor.execute(sql)
        cursor.execute("RESET maintenance_work_mem")
