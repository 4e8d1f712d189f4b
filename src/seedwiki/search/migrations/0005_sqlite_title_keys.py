"""SQLite: the title key table and its FTS5 trigram index (search/title_keys.py), filled for the
rows already there. PostgreSQL indexes the same key as an expression (migration 0004)."""
from django.db import migrations


def forward(apps, schema_editor):
    from seedwiki.search import title_keys

    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in title_keys.SQLITE_CREATE:
        schema_editor.execute(sql)
    with schema_editor.connection.cursor() as cursor:
        title_keys.fill_keys(cursor)


def backward(apps, schema_editor):
    from seedwiki.search import title_keys

    if schema_editor.connection.vendor == "sqlite":
        for sql in title_keys.SQLITE_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_title_indexes"),
    ]

    operations = [migrations.RunPython(forward, backward)]
