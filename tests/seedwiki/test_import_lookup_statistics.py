"""A load analyses the tables its batches look titles and blob hashes up in each time what it
wrote doubles (documents/importing/lookup_statistics.py): on PostgreSQL with no statistics the title
lookup walked the whole namespace (225 s over a 1M-page import)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection

from seedwiki import cli
from seedwiki.documents.importing import lookup_statistics
from seedwiki.documents.importing.lookup_statistics import LookupStatistics

pytestmark = [pytest.mark.storage, pytest.mark.django_db(transaction=True)]


def _analyses(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = %s", [table])
        row = cursor.fetchone()
    return row[0] if row else 0


def _write_dump(path: Path, pages: int) -> Path:
    entries = [{"namespace": "0", "title": f"쪽 {n}", "text": f"본문 {n} [[쪽 {n + 1}]]"} for n in range(pages)]
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_tables_are_analysed_at_each_doubling(monkeypatch):
    monkeypatch.setattr(lookup_statistics, "FIRST", 20)
    statistics = LookupStatistics()
    done = [statistics.after(written) for written in (10, 50, 79, 100, 150, 200)]
    if connection.vendor != "postgresql":
        assert not any(done)  # SQLite's planner probes the unique title index without statistics
        return
    # thresholds 20 → 80 → 160 → 320: analysed at 50, 100 and 200 written
    assert done == [False, True, False, True, False, True]


def test_an_import_analyses_the_growing_tables(tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the statistics refresh is for PostgreSQL's planner")
    monkeypatch.setattr(lookup_statistics, "FIRST", 20)
    before = {table: _analyses(table) for table in ("documents_document", "documents_blob")}
    dump = _write_dump(tmp_path / "dump.json", 200)
    assert cli.main(["import", str(dump), "--jobs", "1", "--quiet", "--batch", "50"]) == 0
    for table, count in before.items():
        # 200 pages in batches of 50, fewer than the 10,000 after which the import's end analyses
        # everything: only the three refreshes (at 50, 100 and 200 pages written)
        assert _analyses(table) - count == 3, table
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'documents_document'")
        assert cursor.fetchone()[0] >= 200
