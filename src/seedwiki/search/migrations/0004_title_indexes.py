"""Title indexes for bounded, title-first search (see search/indexing.py for what each serves)."""
from django.db import migrations


def forward(apps, schema_editor):
    from seedwiki.search.indexing import create_title_indexes

    create_title_indexes(schema_editor)


def backward(apps, schema_editor):
    from seedwiki.search.indexing import drop_title_indexes

    drop_title_indexes(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_update_trigger_columns"),
    ]

    operations = [migrations.RunPython(forward, backward)]
