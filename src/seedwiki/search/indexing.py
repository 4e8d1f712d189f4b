"""The search indexes, by database, and building them in bulk: plain service functions for
migrations, import and rebuild.

A bulk load (the dump import, the benches) calls ``drop_indexes()`` before writing many
search_entry rows and ``build_indexes()`` after: on PostgreSQL one GIN build over the loaded table
is several times cheaper than maintaining the index row by row. On SQLite the FTS5 table is kept by
triggers (and index_documents fills it per batch), so only the title index is dropped and built.
Both are idempotent; ``build_indexes()`` alone on a live wiki is harmless (it creates what is missing).

Indexes (besides search_fts, SQLite's FTS5 trigram table of migration 0002):
- PostgreSQL: pg_trgm GIN over title and content (terms of 3+ characters); GIN over
  search_title_key(title) — the lowercased title with every character tripled, so a 1–2 character
  term is a trigram phrase there (별 → 별별별); a btree over title COLLATE "C" (exact and prefix
  title matches, read in title order and stopped after the rows wanted).
- SQLite: a (title, namespace) index: exact and prefix matches. Titles holding a 1–2 character
  term come from the title key table and its FTS5 index (search/title_keys.py, migration 0005),
  which triggers keep and a bulk load leaves in place.
"""
from __future__ import annotations

from django.db import connection

POSTGRES_FUNCTIONS = [
    # IMMUTABLE: an expression index may use it. '(.)' with the 'g' flag: every character, tripled.
    """CREATE OR REPLACE FUNCTION search_title_key(title text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT regexp_replace(lower(title), '(.)', '\\1\\1\\1', 'g') $$""",
]
POSTGRES_INDEXES = {
    "search_entry_title_trgm": "CREATE INDEX IF NOT EXISTS search_entry_title_trgm ON search_entry "
                               "USING gin (title gin_trgm_ops)",
    "search_entry_content_trgm": "CREATE INDEX IF NOT EXISTS search_entry_content_trgm ON search_entry "
                                 "USING gin (content gin_trgm_ops)",
    "search_entry_title_key": "CREATE INDEX IF NOT EXISTS search_entry_title_key ON search_entry "
                              "USING gin (search_title_key(title) gin_trgm_ops)",
    # Byte-order (C collation) btree: exact and prefix ranges, read in title order with a LIMIT.
    "search_entry_title_c": 'CREATE INDEX IF NOT EXISTS search_entry_title_c ON search_entry (title COLLATE "C")',
}
SQLITE_INDEXES = {
    "search_entry_title": "CREATE INDEX IF NOT EXISTS search_entry_title ON search_entry (title, namespace)",
}


def _indexes(vendor: str) -> dict[str, str]:
    return {"postgresql": POSTGRES_INDEXES, "sqlite": SQLITE_INDEXES}.get(vendor, {})


def create_title_indexes(schema_editor) -> None:
    """Migration 0004: the title indexes (the trigram ones came with migration 0002)."""
    vendor = schema_editor.connection.vendor
    for sql in POSTGRES_FUNCTIONS if vendor == "postgresql" else []:
        schema_editor.execute(sql)
    for name, sql in _indexes(vendor).items():
        if name not in ("search_entry_title_trgm", "search_entry_content_trgm"):
            schema_editor.execute(sql)


def drop_title_indexes(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for name in _indexes(vendor):
        if name not in ("search_entry_title_trgm", "search_entry_content_trgm"):
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def drop_indexes() -> None:
    """Before a bulk load: drop what is cheaper to build once afterwards."""
    with connection.cursor() as cursor:
        for name in _indexes(connection.vendor):
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


def build_indexes(*, missing_only: bool = False) -> None:
    """After a bulk load: every search index present, statistics refreshed.

    ``missing_only``: create only the indexes that are not there, and skip the statistics (what
    `seedwiki rebuild` wants: cheap when nothing was dropped)."""
    indexes = _indexes(connection.vendor)
    with connection.cursor() as cursor:
        if missing_only:
            present = set(connection.introspection.get_constraints(cursor, "search_entry"))
            indexes = {name: sql for name, sql in indexes.items() if name not in present}
            if not indexes:
                return
        if connection.vendor == "postgresql":
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for sql in POSTGRES_FUNCTIONS:
                cursor.execute(sql)
        for sql in indexes.values():
            cursor.execute(sql)
        if connection.vendor in ("postgresql", "sqlite") and not missing_only:
            cursor.execute("ANALYZE search_entry")
