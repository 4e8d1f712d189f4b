"""PostgreSQL: search_entry HASH-partitioned on document_id, so a bulk import builds the page-text
trigram index on every partition at once, one connection each (documents/importing/indexes.py).

PostgreSQL (before 18) builds a GIN index in one process: at the end of a 100,000-page import that
one build over the page text was the whole critical path. Split over PARTITIONS tables it runs on
PARTITIONS cores (100k pages, 2 cores at load 5: 198 s wall in one build, 88 s in two); the parent
index then only attaches them.

A partitioned table's unique constraints must hold its partition key: the primary key is
(id, document_id) — id alone stays unique, as one identity sequence hands it out — and
document_id keeps its own unique constraint. Columns (with their compression), the other indexes
and the foreign key are those of the unpartitioned table, by the same names. SQLite is untouched.
"""
from __future__ import annotations

import re

TABLE = "search_entry"
PARTITIONS = 2
_REMAINDER = re.compile(r"remainder (\d+)", re.I)
_CREATE_INDEX = re.compile(r"^\s*CREATE\s+INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(\S+)\s+ON\s+(?:ONLY\s+)?(\S+)\s+(.*)$",
                           re.I | re.S)


def is_partitioned(cursor, table: str = TABLE) -> bool:
    cursor.execute("SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass(%s)", [table])
    row = cursor.fetchone()
    return bool(row and row[0])


def partitions_of(cursor, table: str = TABLE) -> list[str]:
    """The partitions of ``table`` in their hash remainder order, the order a scan of the parent
    reads them in; [] when it is not partitioned."""
    cursor.execute("SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
                   "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(%s)", [table])
    bounds = cursor.fetchall()
    return [name for name, _bound in sorted(bounds, key=lambda row: int(_REMAINDER.search(row[1]).group(1)))]


def blocks_in_scan_order(cursor, table: str = TABLE) -> list[tuple[int, int]]:
    """(oid, size in blocks) of each table holding ``table``'s rows — itself, or its partitions in
    the order a scan of it reads them (a row's ctid block counts within its own partition)."""
    cursor.execute("SELECT c.oid, pg_relation_size(c.oid) / current_setting('block_size')::int, "
                   "coalesce(pg_get_expr(c.relpartbound, c.oid), '') FROM pg_class c "
                   "WHERE c.oid = to_regclass(%s) AND c.relkind = 'r' "
                   "OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass(%s))",
                   [table, table])
    found = cursor.fetchall()
    found.sort(key=lambda row: int(_REMAINDER.search(row[2]).group(1)) if row[2] else 0)
    return [(oid, blocks) for oid, blocks, _bound in found]


def partition_index_name(index: str, partition: str, table: str = TABLE) -> str:
    """The name of ``index``'s part on ``partition``: search_entry_content_trgm → search_entry_p0_content_trgm."""
    suffix = index[len(table) + 1:] if index.startswith(table + "_") else index
    return f"{partition}_{suffix}"[:63]


def on_parent(sql: str) -> str:
    """A CREATE INDEX read back from pg_get_indexdef, which says ON ONLY for a partitioned table
    (an index covering no partition): the statement that covers them all."""
    return re.sub(r"\bON\s+ONLY\b", "ON", sql, count=1, flags=re.I)


def on_partitions(sql: str, partitions: list[str]) -> list[str]:
    """The CREATE INDEX ``sql`` of the parent as one statement per partition, named by
    partition_index_name: once they are built, the parent's CREATE INDEX only attaches them."""
    found = _CREATE_INDEX.match(sql)
    if found is None:
        return []
    name, table, rest = found.groups()
    schema = table.rpartition(".")[0]
    statements = []
    for part in partitions:
        qualified = f"{schema}.{part}" if schema else part
        statements.append(f"CREATE INDEX IF NOT EXISTS {partition_index_name(name.strip(chr(34)), part)} "
                          f"ON {qualified} {rest}")
    return statements


def partition(schema_editor) -> None:
    """Migration 0006: the table becomes partitioned, its rows and everything defined on it kept."""
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            if not is_partitioned(cursor):
                _rebuild(cursor, partitioned=True)


def unpartition(schema_editor) -> None:
    """Migration 0006 backwards: one plain table again."""
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            if is_partitioned(cursor):
                _rebuild(cursor, partitioned=False)


def _rebuild(cursor, *, partitioned: bool) -> None:
    """Copy the table into a new one of the other shape, then give it the old one's name, sequence
    position, constraints and indexes (created after the copy: one sort each)."""
    constraints, indexes = _definitions(cursor)
    compressed = _compressed_columns(cursor)
    cursor.execute(f"SELECT pg_get_serial_sequence('{TABLE}', 'id')")
    cursor.execute(f"SELECT last_value, is_called FROM {cursor.fetchone()[0]}")
    last_value, is_called = cursor.fetchone()
    new = f"{TABLE}_new"
    shape = " PARTITION BY HASH (document_id)" if partitioned else ""
    cursor.execute(f"CREATE TABLE {new} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING STORAGE "
                   f"INCLUDING STATISTICS INCLUDING COMMENTS){shape}")
    parts = [f"{TABLE}_p{r}" for r in range(PARTITIONS)] if partitioned else []
    for remainder, name in enumerate(parts):
        cursor.execute(f"CREATE TABLE {name} PARTITION OF {new} "
                       f"FOR VALUES WITH (MODULUS {PARTITIONS}, REMAINDER {remainder})")
    # Set on each table that stores rows: on a parent it reaches no partition that exists already.
    for table in [new, *parts]:
        for column, method in compressed:
            cursor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION {method}")
    cursor.execute(f"INSERT INTO {new} SELECT * FROM {TABLE}")
    cursor.execute(f"DROP TABLE {TABLE}")
    cursor.execute(f"ALTER TABLE {new} RENAME TO {TABLE}")
    cursor.execute(f"SELECT pg_get_serial_sequence('{TABLE}', 'id')")
    sequence = cursor.fetchone()[0]
    cursor.execute(f"ALTER SEQUENCE {sequence} RENAME TO {TABLE}_id_seq")
    cursor.execute(f"SELECT setval('{TABLE}_id_seq', %s, %s)", [last_value, is_called])
    key = "(id, document_id)" if partitioned else "(id)"
    cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY {key}")
    for name, definition in constraints:
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} {definition}")
    for sql in indexes:
        for statement in [*on_partitions(sql, parts), on_parent(sql)]:
            cursor.execute(statement)


def _definitions(cursor) -> tuple[list[tuple[str, str]], list[str]]:
    """(name and definition of each constraint but the primary key, CREATE statement of each
    index no constraint owns) of the table."""
    cursor.execute("SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint "
                   "WHERE conrelid = %s::regclass AND contype <> 'p' ORDER BY conname", [TABLE])
    constraints = cursor.fetchall()
    cursor.execute("SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = %s::regclass "
                   "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid "
                   "AND c.conrelid = i.indrelid) ORDER BY i.indexrelid::regclass::text", [TABLE])
    return constraints, [row[0] for row in cursor.fetchall()]


def _compressed_columns(cursor) -> list[tuple[str, str]]:
    """(column, method) of each column given a compression method of its own (migration 0002's lz4)."""
    cursor.execute("SHOW server_version_num")
    if int(cursor.fetchone()[0]) < 140000:  # no per-column compression before PostgreSQL 14
        return []
    cursor.execute("SELECT quote_ident(attname), CASE attcompression WHEN 'l' THEN 'lz4' ELSE 'pglz' END "
                   "FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped "
                   "AND attcompression <> ''", [TABLE])
    return cursor.fetchall()
