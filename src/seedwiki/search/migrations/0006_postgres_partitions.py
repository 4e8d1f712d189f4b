"""PostgreSQL: search_entry HASH-partitioned on document_id (search/partitions.py), its rows,
indexes and foreign key kept; the primary key becomes (id, document_id). Nothing on SQLite."""
from django.db import migrations


def forward(apps, schema_editor):
    from seedwiki.search import partitions

    partitions.partition(schema_editor)


def backward(apps, schema_editor):
    from seedwiki.search import partitions

    partitions.unpartition(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_sqlite_title_keys"),
    ]

    operations = [migrations.RunPython(forward, backward)]
