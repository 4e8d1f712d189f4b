"""SQLite: re-index in FTS5 only when the title or the text changed.

An FTS5 'delete' of an external-content row re-tokenises the old text (tens of ms for a 16 KB
page); an UPDATE that touches only the namespace (or nothing the index holds) must not pay it.
"""
from django.db import migrations

NEW_TRIGGER = """CREATE TRIGGER search_entry_au AFTER UPDATE OF title, content ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, content)
            VALUES ('delete', old.id, old.title, old.content);
        INSERT INTO search_fts(rowid, title, content) VALUES (new.id, new.title, new.content);
    END"""
OLD_TRIGGER = """CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, content)
            VALUES ('delete', old.id, old.title, old.content);
        INSERT INTO search_fts(rowid, title, content) VALUES (new.id, new.title, new.content);
    END"""


def _replace_trigger(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        schema_editor.execute("DROP TRIGGER IF EXISTS search_entry_au")
        schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_trigram_index"),
    ]

    operations = [
        migrations.RunPython(_replace_trigger(NEW_TRIGGER), _replace_trigger(OLD_TRIGGER)),
    ]
