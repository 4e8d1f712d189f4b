"""Building the search indexes in bulk: plain service functions for import and rebuild.

A bulk load (the dump import, `seedwiki rebuild`, the benches) calls ``drop_indexes()`` before
writing many search_entry rows and ``build_indexes()`` after: on PostgreSQL one GIN build over the
loaded table is several times cheaper than maintaining the index row by row. On SQLite the FTS5
tables are kept by triggers (and index_documents fills them per batch), so both are cheap no-ops
there apart from what build_indexes repairs. Both are idempotent.
"""
from __future__ import annotations

from django.db import connection

POSTGRES_INDEXES = {
    "search_entry_title_trgm": "CREATE INDEX IF NOT EXISTS search_entry_title_trgm ON search_entry "
                               "USING gin (title gin_trgm_ops)",
    "search_entry_content_trgm": "CREATE INDEX IF NOT EXISTS search_entry_content_trgm ON search_entry "
                                 "USING gin (content gin_trgm_ops)",
}


def drop_indexes() -> None:
    """Before a bulk load: drop what is cheaper to build once afterwards."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name in POSTGRES_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


def build_indexes() -> None:
    """After a bulk load: every search index present and up to date, statistics refreshed."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for sql in POSTGRES_INDEXES.values():
                cursor.execute(sql)
            cursor.execute("ANALYZE search_entry")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE search_entry")
