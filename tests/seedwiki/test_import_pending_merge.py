"""The import's background merge of the trigram index's pending list (PostgreSQL): entries written
during the block are merged by the second connection, a fork of the worker pool in the middle
leaves both connections working, and on SQLite the block does nothing."""
from __future__ import annotations

import time

import pytest
from django.db import connection, transaction

from seedwiki.documents.importing import indexes, pending_merge, workers
from seedwiki.documents.services import edit_page

pytestmark = pytest.mark.django_db(transaction=True)
INDEX = "search_entry_content_trgm"


def _pages(first: int, count: int) -> None:
    with transaction.atomic():
        for n in range(first, first + count):
            edit_page(f"병합 {n}", f"본문 낱말 가나다라 {n} 마바사아", author_name="x")


def _merge_now() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [INDEX])
        return cursor.fetchone()[0]


def _double(n: int) -> int:
    return n * 2


def test_the_block_merges_the_pending_list_even_across_a_fork():
    if connection.vendor != "postgresql":
        with pending_merge.merged_in_background(indexes.KEPT_DURING_LOAD):
            assert not pending_merge._active  # no thread, no second connection
        return
    with connection.cursor() as cursor:
        cursor.execute("SET gin_pending_list_limit TO '64MB'")  # nothing merged by the inserts
    try:
        _pages(0, 5)
        assert _merge_now() > 0  # new rows' entries do wait in the pending list
        with pending_merge.merged_in_background(indexes.KEPT_DURING_LOAD):
            merger = pending_merge._active[0]
            pool = workers.start_pool(2)  # forks: the merger's connection is closed around it
            try:
                assert list(workers.map_in(pool, _double, [1, 2, 3], 2)) == [2, 4, 6]
            finally:
                pool.shutdown()
            _pages(5, 5)
            deadline = time.monotonic() + 20
            while merger.merged_pages == 0 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert merger.merged_pages > 0
        assert not merger.is_alive() and not pending_merge._active
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_entry WHERE content LIKE %s", ["%가나다라%"])
            assert cursor.fetchone()[0] == 10
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET gin_pending_list_limit")
