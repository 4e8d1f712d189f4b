"""PostgreSQL: the stored lists' statements stay within work_mem however skewed the links are.

Link popularity follows a power law: at a million pages one title collects millions of links. A
hash join keyed by link target then holds all of them in one batch that cannot be split, whatever
work_mem says (the Orphaned list's statement grew to 23 GB and the OOM killer ended a 1M import).
Here one title gets thousands of links, work_mem is PostgreSQL's smallest, and hash joins are forced
(the plan a large wiki gets): every hash table and aggregate in the plan must stay within its share
of memory."""
from __future__ import annotations

import json

import pytest
from django.db import connection

from seedwiki.documents.models import Document, PageLink
from seedwiki.special import stored_lists
from pages_helpers import save

pytestmark = [pytest.mark.storage, pytest.mark.django_db]

LINKERS = 6_000
WORK_MEM_KB = 64


@pytest.fixture
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("work_mem and EXPLAIN's memory figures are PostgreSQL's")


def _skewed_wiki() -> None:
    save("인기 문서", "모두가 링크하는 문서")
    save("외톨이", "아무도 링크하지 않는 문서")
    lonely = Document.objects.get(namespace="문서", title="외톨이")
    # Live pages all (any revision will do as their latest): the anti-join's outer side is large too.
    linkers = Document.objects.bulk_create(Document(namespace="문서", title=f"링크 {n}", latest=lonely.latest)
                                           for n in range(LINKERS))
    PageLink.objects.bulk_create(PageLink(source=d, target="인기 문서", kind="link") for d in linkers)
    PageLink.objects.bulk_create(PageLink(source=d, target=f"없는 문서 {n % 50}", kind="link")
                                 for n, d in enumerate(linkers))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE documents_pagelink")
        cursor.execute("ANALYZE documents_document")


def _memory_of_every_node(plan: dict) -> list[tuple[str, int]]:
    found = []
    if "Peak Memory Usage" in plan:
        found.append((plan["Node Type"], plan["Peak Memory Usage"]))
    for child in plan.get("Plans", ()):
        found.extend(_memory_of_every_node(child))
    return found


@pytest.mark.usefixtures("_postgresql_only")
@pytest.mark.parametrize("select", ["_orphaned_sql", "_needed_sql", "_uncategorized_sql"])
def test_hash_joins_stay_within_work_mem_on_a_skewed_link_table(select):
    _skewed_wiki()
    sql, params = getattr(stored_lists, select)()
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM_KB}kB'")
        cursor.execute("SET LOCAL hash_mem_multiplier = 1")
        cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute("SET LOCAL enable_mergejoin = off")
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    used = _memory_of_every_node(plan)
    assert any(node == "Hash" for node, _ in used), used  # the hash join this test is about was planned
    # A hash table's buckets are counted on top of its tuples: allow them, not a whole batch of links.
    assert all(kb <= 2 * WORK_MEM_KB for _, kb in used), used


def test_the_orphaned_list_is_right_on_the_skewed_wiki():  # on both databases
    _skewed_wiki()
    stored_lists.rebuild_special_lists([stored_lists.ListEntry.ORPHANED])
    orphans = set(stored_lists.ListEntry.objects.filter(list="orphaned").values_list("title", flat=True))
    assert "외톨이" in orphans and "인기 문서" not in orphans
