"""Backend-specific substring indexes over search_entry.

SQLite: an FTS5 table with the trigram tokenizer (SQLite >= 3.34) using search_entry as external
content, kept in sync by triggers so every write to search_entry — inside the edit transaction —
updates the index too. PostgreSQL: pg_trgm GIN indexes, which serve ILIKE '%x%' directly.
Other backends get no index; the LIKE scan in the generic backend still answers.
"""
from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, content, content='search_entry', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_fts(rowid, title, content) VALUES (new.id, new.title, new.content);
    END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, content)
            VALUES ('delete', old.id, old.title, old.content);
    END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, content)
            VALUES ('delete', old.id, old.title, old.content);
        INSERT INTO search_fts(rowid, title, content) VALUES (new.id, new.title, new.content);
    END""",
    # Rows that existed before this migration (none on a fresh install, but be exact).
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_entry_title_trgm ON search_entry USING gin (title gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_entry_content_trgm ON search_entry USING gin (content gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_content_trgm",
    "DROP INDEX IF EXISTS search_entry_title_trgm",
]


# Texts are read whole by every LIKE recheck; lz4 (PostgreSQL 14+, when built with it)
# decompresses several times faster than the default pglz.
POSTGRES_LZ4 = "ALTER TABLE search_entry ALTER COLUMN content SET COMPRESSION lz4"


def _postgres_has_lz4(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        return cursor.fetchone() is not None


def _run(statements_by_vendor, *, forward=True):
    def operation(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)
        if forward and schema_editor.connection.vendor == "postgresql" and _postgres_has_lz4(schema_editor):
            schema_editor.execute(POSTGRES_LZ4)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}, forward=False),
        ),
    ]
