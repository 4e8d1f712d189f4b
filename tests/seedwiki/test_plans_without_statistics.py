"""Query plans that hold without planner statistics (a wiki grown by edits was never ANALYZEd): the
big category page walks the title index and search never starts from the namespace index. On
SQLite the plans themselves are checked (EXPLAIN QUERY PLAN on a database without sqlite_stat1);
on both databases the pages list what they should."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages_helpers import save
from seedwiki import search
from seedwiki.documents.models import Document
from seedwiki.special import category

pytestmark = [pytest.mark.django_db, pytest.mark.storage]


def _plans(queries) -> list[tuple[str, str]]:
    """(sql, its plan text) of each captured SELECT (SQLite)."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
        for query in queries:
            if query["sql"].startswith("SELECT"):
                cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                found.append((query["sql"], " | ".join(row[3] for row in cursor.fetchall())))
    return found


def test_big_category_section_walks_the_title_index(monkeypatch):
    save("분류:큰", "큰 분류")
    for i in range(12):
        save(f"{chr(0xAC00 + i * 3)} 문서", "[[분류:큰|열쇠]]" if i == 5 else "[[분류:큰]]")
        save(f"틀:{i}", "분류 밖")
    monkeypatch.setattr(category, "FEW_MEMBERS", 0)  # the plan of a large, dense section
    monkeypatch.setattr(category, "DENSE", 10**9)
    monkeypatch.setattr(category, "PER_PAGE", 5)
    document = Document.objects.get(namespace="분류", title="큰")
    with CaptureQueriesContext(connection) as captured:
        listing = category.category_listing(document, ["문서", "틀", "분류"])
    shown = [m.full_title for _heading, members in listing["documents"]["groups"] for m in members]
    assert len(shown) == 5 and listing["documents"]["count"] == 12 and listing["documents"]["next"]
    if connection.vendor != "sqlite":
        return
    plans = _plans(captured.captured_queries)
    walk = [plan for sql, plan in plans if 'FROM "documents_document"' in sql and "ORDER BY" in sql
            and "documents_pagelink" in sql]
    assert walk and all("document_title_order" in plan and "TEMP B-TREE" not in plan for plan in walk), walk
    keyed = [plan for sql, plan in plans if sql.startswith('SELECT "documents_pagelink"') and "sort_key\" >" in sql]
    assert keyed and all("pagelink_sort_keyed" in plan for plan in keyed), keyed


def test_search_never_starts_from_the_namespace_index():
    for i in range(8):
        save(f"바람 {i}", "본문의 바람")
        save(f"별 {i}", "다른 글")
    with CaptureQueriesContext(connection) as captured:
        total, hits = search.query("바람", within=["문서", "틀"])
        search.query("별", within=["문서"])
    assert total == 8 and len(hits) == 8
    if connection.vendor != "sqlite":
        return
    plans = _plans(captured.captured_queries)
    searched = [plan for sql, plan in plans if "search_entry e" in sql]
    assert searched and not any("namespace" in plan for plan in searched), searched
    # No step reads the whole table: the id bounds are two index seeks, and titles holding a 1–2
    # character term come from the title key index (search/title_keys.py), not a scan of titles.
    assert not any("SCAN search_entry" in plan or "SCAN e" in plan for _sql, plan in plans), plans
    contains = [plan for sql, plan in plans if "search_title_key_fts MATCH" in sql]
    assert len(contains) == 2 and all(plan.startswith("SCAN search_title_key_fts VIRTUAL TABLE") for plan in contains)
