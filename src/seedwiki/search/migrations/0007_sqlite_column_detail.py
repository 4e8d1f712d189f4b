"""SQLite: the page-text FTS5 index keeps which column a trigram is in, not where (detail=column).

Positions cost a fifth of a bulk fill's CPU and a quarter of the database (the 100k pages' plain
texts alone: index and texts 1,725 → 1,245 MB, the fill 59 → 48 CPU s; a 100k import's database
1,911 → 1,451 MB). Without them a term is looked up by its trigrams and every row found is checked
for the whole term (search/backends/sqlite.py); what that costs is in docs/wiki-apps.md.
The triggers of migrations 0002 and 0003 name the table and go on working with the new one.

Segments of a level are merged when eight are there, not four (FTS5's 'automerge'): a text is
rewritten fewer times on its way up the levels (a 100k bulk fill: 48 → 43 CPU s), and a lookup reads
at most seven segments per level instead of three.
"""
from django.db import migrations

AUTOMERGE = 8
TABLE = """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, content, content='search_entry', content_rowid='id', tokenize='trigram'{detail})"""


def _recreate(detail: str):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute(TABLE.format(detail=detail))
        if detail:
            schema_editor.execute(f"INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', {AUTOMERGE})")
        schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_postgres_partitions"),
    ]

    operations = [migrations.RunPython(_recreate(", detail=column"), _recreate(""))]
