"""Secondary indexes and foreign keys left out while a big dump loads, and built once at its end.

A link row's target is random: each insert lands somewhere in a (target, kind, source) index of
millions of rows, and a trigram GIN index (PostgreSQL search) re-sorts every text's trigrams. Built
after the load, each is one sort. Only the indexes that readers use for lookups by value are
dropped; unique ones and those leading with the foreign key (written in order) stay. On PostgreSQL
the foreign keys of these tables go too: each link row queued a check of its page at commit
(measured at 20,000 pages, 829k link rows: 4.0 CPU s at commit; checking them all at the end: 0.4 s).
The statements to create them again are kept in the run record, committed with the drop, so an
import killed at any point builds them when it is run again.
"""
from __future__ import annotations

import re
import threading
from contextlib import nullcontext
from typing import Callable

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction

from seedwiki.documents.importing.run_record import ImportRun
from seedwiki.search import partitions

TABLES = ("documents_pagelink", "search_entry")
KEPT_LEADING_COLUMNS = ("source_id", "document_id", "id")
# Auto mode: worth it only when the dump outweighs the wiki (an edit of an existing page during the
# load would look its links up without the index).
AUTO_MIN_DUMP_BYTES = 64 << 20
AUTO_MAX_EXISTING_DOCUMENTS = 10_000
# Builds run at once, each holding this much (its GIN build time varies little with it, see _BUILT_ASIDE).
ASIDE_WORK_MEM = "64MB"
_FOREIGN_KEY = re.compile(r'^ALTER TABLE (\S+) ADD CONSTRAINT (\S+) FOREIGN KEY', re.I)


def should_drop(mode: str, dump_bytes: int, existing_documents: int) -> bool:
    if mode == "auto":
        return dump_bytes >= AUTO_MIN_DUMP_BYTES and existing_documents <= AUTO_MAX_EXISTING_DOCUMENTS
    return mode == "yes"


def _droppable(foreign_keys: bool) -> list[tuple[str, str]]:
    """(the statement dropping it, the statement creating it again) of each droppable index (and
    foreign key, if asked) on TABLES."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                           "AND tablename = ANY(%s)", [list(TABLES)])
        else:
            marks = ", ".join(["%s"] * len(TABLES))
            cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                           f"AND tbl_name IN ({marks})", list(TABLES))
        rows = cursor.fetchall()
        keys = []
        if foreign_keys and connection.vendor == "postgresql":
            cursor.execute("SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
                           "FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[])",
                           [list(TABLES)])
            keys = cursor.fetchall()
    for name, sql in rows:
        if re.match(r"\s*CREATE\s+UNIQUE", sql, re.I):
            continue
        columns = re.search(r"\((.*)\)\s*(WHERE .*)?$", sql, re.S)
        first = columns.group(1).split(",")[0].strip().strip('"').split()[0].strip('"') if columns else ""
        if first in KEPT_LEADING_COLUMNS:
            continue
        found.append((f"DROP INDEX {quote(name)}", sql))
    for table, name, definition in keys:
        found.append((f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}",
                      f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"))
    return sorted(found)


def drop_for_load(run: ImportRun) -> list[str]:
    """Drop the droppable indexes and foreign keys and note them in ``run``, in one transaction."""
    # Inside a transaction that wrote rows (a test's), their pending checks forbid dropping a key.
    foreign_keys = not connection.in_atomic_block
    with transaction.atomic():
        dropped = list(run.dropped_indexes)
        for drop, create in _droppable(foreign_keys):
            with connection.cursor() as cursor:
                cursor.execute(drop)
            dropped.append(create)
        run.dropped_indexes = dropped
        run.save(update_fields=["dropped_indexes"])
    return dropped


# PostgreSQL builds a GIN index in one process (no parallel build before version 18): the trigram
# index over the page text is most of the rebuild (100,000 pages: 97 of 108 s; 20,000 pages: 20 CPU
# s of which 7 are the trigram extraction, the rest GIN's own sorting, whatever maintenance_work_mem).
# It gets a connection of its own per partition of search_entry (search/partitions.py: one per core),
# and everything else the import does at its end runs meanwhile.
_BUILT_ASIDE = re.compile(r"\bUSING\s+gin\s*\(\s*\"?content\b", re.I)


def _table_of(sql: str) -> str:
    found = re.search(r"\bON\s+(?:ONLY\s+)?(\S+)", sql, re.I)
    return found.group(1).split(".")[-1].strip('"') if found else ""  # pg_indexes names the schema


def built_aside(run: ImportRun) -> set[str]:
    """Tables ``restore`` builds an index of on another connection (they are locked against ANALYZE
    and VACUUM until it is done)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return set()
    return {_table_of(sql) for sql in run.dropped_indexes if _BUILT_ASIDE.search(sql)}


def restore(run: ImportRun, meanwhile: Callable[[], None] | None = None) -> int:
    """Create the indexes and foreign keys ``run`` dropped (again harmless when some exist already);
    ``meanwhile()`` runs once they are built, except the ones built aside, which are waited for
    before this returns. ``run`` notes them as restored only then."""
    statements = [partitions.on_parent(re.sub(r"^\s*CREATE\s+INDEX\s+(?!IF NOT EXISTS)", "CREATE INDEX IF NOT EXISTS ",
                                              sql, count=1, flags=re.I))
                  for sql in run.dropped_indexes]
    aside_tables = built_aside(run)
    aside = [sql for sql in statements if _BUILT_ASIDE.search(sql)] if aside_tables else []
    # A foreign key added or checked waits for a build on its table: those go first.
    first = [sql for sql in statements if _FOREIGN_KEY.match(sql) and _FOREIGN_KEY.match(sql).group(1).strip('"') in aside_tables]
    rest = [sql for sql in statements if sql not in aside and sql not in first]
    _execute_all(connection, first)
    builds, attach = _aside_builds(aside)
    failure: list[BaseException] = []

    def build_aside(sql: list[str]) -> None:
        other = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            _execute_all(other, sql, work_mem=ASIDE_WORK_MEM)
        except BaseException as error:  # re-raised by the caller's thread
            failure.append(error)
        finally:
            other.close()

    workers = [threading.Thread(target=build_aside, args=([sql],), name=f"index-build-aside-{n}")
               for n, sql in enumerate(builds)]
    for worker in workers:
        worker.start()
    try:
        _execute_all(connection, rest)
        if meanwhile is not None:
            meanwhile()
    finally:
        for worker in workers:
            worker.join()
    if failure:
        raise failure[0]
    _execute_all(connection, attach)  # the parts are built: the parent index only attaches them
    if statements:
        run.dropped_indexes = []
        run.save(update_fields=["dropped_indexes"])
    return len(statements)


def _aside_builds(aside: list[str]) -> tuple[list[str], list[str]]:
    """(the statements to run at once, one connection each; those to run once they are done).
    An index of a partitioned table (search/partitions.py) is built on each partition at once, then
    created on the parent, which finds them built and attaches them."""
    builds, attach = [], []
    with connection.cursor() as cursor:
        for sql in aside:
            parts = partitions.partitions_of(cursor, _table_of(sql))
            builds += partitions.on_partitions(sql, parts) if parts else [sql]
            attach += [sql] if parts else []
    return builds, attach


def _execute_all(conn, statements: list[str], work_mem: str = "512MB") -> None:
    if not statements:
        return
    postgresql = conn.vendor == "postgresql"
    with conn.cursor() as cursor:
        if postgresql:
            cursor.execute(f"SET maintenance_work_mem TO '{work_mem}'")
            # An importer killed meanwhile: its server process stops building within a second
            # (else it goes on for minutes, and the rerun's build of the same index collides).
            if conn.pg_version >= 140000:
                cursor.execute("SET client_connection_check_interval TO '1s'")
        for sql in statements:
            key = _FOREIGN_KEY.match(sql)
            if key is None:
                cursor.execute(sql)
            else:
                _add_foreign_key(conn, cursor, sql, key.group(1), key.group(2))
        if postgresql:
            cursor.execute("RESET maintenance_work_mem")
            if conn.pg_version >= 140000:
                cursor.execute("RESET client_connection_check_interval")


def _add_foreign_key(conn, cursor, sql: str, table: str, name: str) -> None:
    """Add a foreign key dropped for the load, then check the rows loaded meanwhile in one pass."""
    cursor.execute("SELECT convalidated FROM pg_constraint WHERE conname = %s AND conrelid = %s::regclass",
                   [name.strip('"'), table])
    row = cursor.fetchone()
    if row is not None and row[0]:
        return
    # A partitioned table takes no NOT VALID key (PostgreSQL 15): added whole, it is checked the same.
    whole = row is None and partitions.is_partitioned(cursor, table.strip('"'))
    if row is None and not whole:
        cursor.execute(f"{sql} NOT VALID")
    check = sql if whole else f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}"
    try:
        with transaction.atomic(using=conn.alias) if conn.in_atomic_block else nullcontext():
            cursor.execute(check)
    except IntegrityError:
        # Rows of a page removed during the load (its cascade ran without the key): drop them, as
        # the key would have.
        column, target, target_column = re.search(r"FOREIGN KEY \((\S+)\) REFERENCES (\S+)\((\S+)\)", sql).groups()
        cursor.execute(f"DELETE FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM {target} r "
                       f"WHERE r.{target_column} = t.{column})")
        cursor.execute(check)
