"""Rows into tables by the fastest plain way each backend has: COPY on PostgreSQL (psycopg 3's
``cursor.copy``), ``executemany`` of one prepared INSERT on SQLite. Ids are allocated up front so
documents, revisions and link rows can point at each other without reading anything back.
"""
from __future__ import annotations

from django.db import connection

_SQLITE_ROWS_PER_CALL = 5000


def allocate_ids(table: str, count: int) -> list[int]:
    """``count`` fresh primary keys of ``table``; call inside the transaction that inserts them."""
    if count <= 0:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, count])
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock (IMMEDIATE), so nobody takes ids meanwhile.
        # AUTOINCREMENT never reuses an id, even a deleted row's: start past sqlite_sequence too.
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {quoted}")
        last = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = %s", [table])
        last = max(last, cursor.fetchone()[0])
    return list(range(last + 1, last + 1 + count))


def insert_rows(table: str, columns: tuple[str, ...], rows) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table``."""
    quoted = connection.ops.quote_name(table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quoted} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {quoted} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        rows = list(rows)
        for start in range(0, len(rows), _SQLITE_ROWS_PER_CALL):
            cursor.executemany(sql, rows[start:start + _SQLITE_ROWS_PER_CALL])


def existing_values(table: str, column: str, values) -> set:
    """Which of ``values`` ``table.column`` holds already (an indexed column)."""
    values = list(values)
    found: set = set()
    quoted, col = connection.ops.quote_name(table), connection.ops.quote_name(column)
    with connection.cursor() as cursor:
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            cursor.execute(f"SELECT {col} FROM {quoted} WHERE {col} IN ({', '.join(['%s'] * len(chunk))})", chunk)
            found.update(row[0] for row in cursor.fetchall())
    return found


def present_titles(keys, *, id_after: int | None = None) -> set[tuple[str, str]]:
    """Which (namespace, title) ``keys`` are documents (with an id past ``id_after``, when given)."""
    from seedwiki.documents.models import Document

    found: set[tuple[str, str]] = set()
    by_namespace: dict[str, list[str]] = {}
    for namespace, title in keys:
        by_namespace.setdefault(namespace, []).append(title)
    for namespace, titles in by_namespace.items():
        for start in range(0, len(titles), 500):
            query = Document.objects.filter(namespace=namespace, title__in=titles[start:start + 500])
            if id_after is not None:
                query = query.filter(id__gt=id_after)
            found.update(query.values_list("namespace", "title"))
    return found
