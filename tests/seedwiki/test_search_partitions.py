"""PostgreSQL: search over the partitioned search_entry (search/partitions.py) finds what one table
would, counts by the blocks of every partition, and migration 0006 turns an existing table into
the partitioned one (and back) keeping its rows."""
from __future__ import annotations

import random

import pytest
from django.core.management import call_command
from django.db import connection

from seedwiki import search
from seedwiki.search.backends.postgres import _blocks_scanned
from seedwiki.search.models import SearchEntry

from wikimore_helpers import make_page

pytestmark = [pytest.mark.storage, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("search_entry is partitioned on PostgreSQL only (SQLite keeps one table and its FTS5 index)")


def _partition_of() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT document_id, tableoid::regclass::text FROM search_entry")
        return dict(cursor.fetchall())


def _indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, regexp_replace(indexdef, ' ON (ONLY )?', ' ON ') FROM pg_indexes "
                       "WHERE tablename = 'search_entry'")
        return dict(cursor.fetchall())


def _titles(q: str, **options) -> set[str]:
    return {hit.document.title for hit in search.query(q, limit=100, **options)[1]}


def test_every_kind_of_term_finds_its_pages_in_both_partitions():
    for n in range(40):
        make_page(f"행성 {n}", f"{'목성' if n % 2 else '토성'}의 위성 {n}번. 고리가 {'있다' if n % 5 == 0 else '없다'}.")
    assert set(_partition_of().values()) == {"search_entry_p0", "search_entry_p1"}
    with_rings = {f"행성 {n}" for n in range(0, 40, 5)}
    on_jupiter = {f"행성 {n}" for n in range(1, 40, 2)}
    assert _titles("있다") == with_rings  # two characters: strpos over id ranges
    assert _titles("목") == on_jupiter  # one character
    assert _titles("고리가 있다") == with_rings  # 3+ characters: the trigram index
    assert _titles("목성의 위성") == on_jupiter
    assert _titles("위성 17번") == {"행성 17"}
    assert _titles("행성 3", target="title") == {f"행성 {n}" for n in range(40) if "3" in str(n)}  # both terms
    assert search.query("위성", target="content")[0] == 40


def test_an_estimate_counts_the_blocks_of_every_partition():
    rng = random.Random(3)
    syllables = [chr(code) for code in range(0xAC00, 0xAC00 + 2000)]
    for n in range(200):  # rows of ~1.6 KB: a few per block, tens of blocks per partition
        make_page(f"기록 {n}", "은하수 " + "".join(rng.choice(syllables) for _ in range(500)))
    results = search.search("은하수", target="content")
    assert results.approximate
    # Only the first partition's first blocks were read for the 60 rows sampled; the two
    # partitions' blocks together make the span (the parent alone has none).
    assert 100 <= results.total <= 400, results.total


def test_blocks_scanned_adds_the_partitions_read_before_the_last():
    tables = [(11, 40), (12, 30)]  # (oid, blocks) in scan order
    assert _blocks_scanned([], tables) == 1
    assert _blocks_scanned([(1, 11, 0), (2, 11, 9)], tables) == 10
    assert _blocks_scanned([(1, 11, 39), (2, 12, 4), (3, 12, 2)], tables) == 40 + 5
    assert _blocks_scanned([(1, 12, 4)], tables) == 40 + 5  # nothing matched in the first
    assert _blocks_scanned([(1, 5, 7)], [(5, 10)]) == 8  # one table, not partitioned


def test_the_migration_converts_an_existing_table_keeping_its_rows():
    for n in range(30):
        make_page(f"항구 {n}", f"배가 드나드는 항구 {n}번 부두")
    rows = sorted(SearchEntry.objects.values_list("id", "document_id", "namespace", "title", "content"))
    indexes = _indexes()
    try:
        call_command("migrate", "search", "0005", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("SELECT relkind FROM pg_class WHERE oid = 'search_entry'::regclass")
            assert cursor.fetchone()[0] == "r"
        assert sorted(SearchEntry.objects.values_list("id", "document_id", "namespace", "title", "content")) == rows
        assert _titles("항구 17번") == {"항구 17"}
    finally:
        call_command("migrate", "search", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = 'search_entry'::regclass")
        assert cursor.fetchone()[0] == "p"
        cursor.execute("SELECT attname, attcompression FROM pg_attribute WHERE attrelid = 'search_entry_p1'::regclass "
                       "AND attname = 'content'")
        content_compression = cursor.fetchone()[1]
        cursor.execute("SELECT attcompression FROM pg_attribute WHERE attrelid = 'search_entry'::regclass "
                       "AND attname = 'content'")
        assert content_compression == cursor.fetchone()[0]  # each partition compresses as the table did
    assert sorted(SearchEntry.objects.values_list("id", "document_id", "namespace", "title", "content")) == rows
    assert _indexes() == indexes
    assert set(_partition_of().values()) == {"search_entry_p0", "search_entry_p1"}
    make_page("항구 새로", "새 부두가 생긴 항구")
    assert SearchEntry.objects.get(title="항구 새로").id > max(row[0] for row in rows)  # the sequence went on
    assert _titles("항구 17번") == {"항구 17"}
    assert _titles("새 부두") == {"항구 새로"}
