"""Search at scale: title matches first, a bounded candidate scan with an estimated total ("약 N건"),
bounded paging and the time budget — through the service and the /Search page."""
from __future__ import annotations

import pytest

from seedwiki import search
from seedwiki.search import bounded, engine

from wikimore_helpers import make_page

pytestmark = pytest.mark.django_db


def titles_of(hits):
    return [hit.document.full_title for hit in hits]


@pytest.fixture
def small_ranges(monkeypatch):
    """Scan ranges of a few ids, so a test wiki of dozens of pages behaves like a big one."""
    monkeypatch.setattr(bounded, "FIRST_SPAN", 4)
    monkeypatch.setattr(engine, "SAMPLE", 1)


def test_title_matches_come_first_exact_then_prefix_then_shorter():
    make_page("오래된 문서", "본문에 바람이 분다")  # oldest: first in index order, but only its text matches
    make_page("산들바람", "제목에만")
    make_page("바람개비", "제목에만")
    make_page("바람", "제목과 같다")
    make_page("바람의 노래", "제목에만")
    total, hits = search.query("바람")
    assert total == 5
    assert titles_of(hits) == ["바람", "바람개비", "바람의 노래", "산들바람", "오래된 문서"]


def test_one_and_two_syllable_queries_on_the_page(client):
    make_page("산", "높은 산과 강물")
    make_page("강가", "물이 흐르는 곳")
    make_page("바다", "짠물")
    one = client.get("/Search", {"q": "강"}).content.decode()
    assert one.count('class="search-hit"') == 2 and "전체 2 건" in one
    assert one.index("<mark>강</mark>가") < one.index("<mark>강</mark>물")  # the title match first
    two = client.get("/Search", {"q": "물이"}).content.decode()
    assert two.count('class="search-hit"') == 1 and "<mark>물이</mark>" in two
    title_only = client.get("/Search", {"q": "바다", "target": "title"}).content.decode()
    assert title_only.count('class="search-hit"') == 1


def test_total_is_estimated_when_the_scan_stops_early(client, small_ranges):
    for i in range(60):
        make_page(f"항목 {i:02d}", "공통 낱말" if i % 2 == 0 else "다른 낱말")
    results = search.search("공통", limit=5)
    assert results.approximate and not results.timed_out
    assert len(results.hits) == 5
    assert 15 <= results.total <= 45  # 30 match; an estimate from the share of ids scanned
    page = client.get("/Search", {"q": "공통"}).content.decode()
    assert "약 " in page and page.count('class="search-hit"') == 20


def test_paging_reaches_every_result_and_the_last_page_is_exact(client, small_ranges):
    for i in range(45):
        make_page(f"목록 {i:02d}", "모두 같은 낱말")
    seen = []
    for number in (1, 2, 3):
        body = client.get("/Search", {"q": "낱말", "page": str(number)}).content.decode()
        seen += [line for line in body.splitlines() if 'class="search-hit-title"' in line]
    assert len(seen) == 45 and len(set(seen)) == 45
    last = search.search("낱말", limit=20, offset=40)
    assert not last.approximate and last.total == 45 and len(last.hits) == 5


def test_paging_is_bounded_by_the_ranked_cap(client, monkeypatch):
    monkeypatch.setattr(engine, "MAX_RESULTS", 40)
    for i in range(50):
        make_page(f"많은 {i:02d}", "흔한 낱말")
    body = client.get("/Search", {"q": "흔한", "page": "5"}).content.decode()
    assert body.count('class="search-hit"') == 20
    assert 'aria-current="page">2<' in body  # page 5 is past the cap: the last reachable page


def test_a_search_past_its_time_budget_shows_what_it_found_and_says_so(client, small_ranges, monkeypatch):
    monkeypatch.setattr(bounded, "TIME_BUDGET", 0)
    for i in range(30):
        make_page(f"드문 {i:02d}", "아무 내용" if i < 29 else "희귀한 말")
    results = search.search("희귀")
    assert results.timed_out and results.hits == []
    body = client.get("/Search", {"q": "희귀"}).content.decode()
    assert "검색 시간이 제한을 넘어" in body


def test_collect_estimates_from_the_share_scanned():
    found = bounded.collect(lambda low, high: [i for i in range(low, high + 1) if i % 4 == 0], 1, 100_000, want=50)
    assert not found.complete and len(found.ids) >= 50
    assert 20_000 <= found.estimated_total() <= 30_000
    everything = bounded.collect(lambda low, high: [i for i in range(low, high + 1) if i % 1000 == 0], 1, 5000, 50)
    assert everything.complete and everything.estimated_total() == 5


def test_round_estimate_keeps_two_digits():
    assert engine.round_estimate(87) == 87
    assert engine.round_estimate(12_345) == 12_000
    assert engine.round_estimate(996) == 1000


def test_title_search_past_the_ranked_cap_says_at_least(client, monkeypatch):
    monkeypatch.setattr(engine, "MAX_RESULTS", 5)
    for i in range(8):
        make_page(f"구름 {i}", "내용")
    make_page("맑은 하늘", "구름 없음")
    results = search.search("구름", target="title")
    assert results.at_least and results.total == 5 and len(results.hits) == 5
    assert all("구름" in hit.document.title for hit in results.hits)
    body = client.get("/Search", {"q": "구름", "target": "title"}).content.decode()
    assert "5 건 이상" in body


def test_a_three_syllable_term_is_estimated_then_paged_to_an_exact_end(small_ranges):
    for i in range(30):
        make_page(f"긴말 {i:02d}", "여기에 무지개다리 있음" if i % 3 else "없음")
    first = search.search("무지개다리", limit=5)
    assert first.approximate and len(first.hits) == 5 and first.total >= 5
    last = search.search("무지개다리", limit=20, offset=0)
    rest = search.search("무지개다리", limit=20, offset=20)
    assert not rest.approximate and rest.total == 20
    assert len({hit.document.pk for hit in last.hits + rest.hits}) == 20


@pytest.mark.django_db(transaction=True)  # PostgreSQL builds no index over rows with pending FK checks
def test_indexes_dropped_for_a_bulk_load_come_back_with_build_indexes():
    from django.db import connection

    from seedwiki.search import indexing

    make_page("별빛 마을", "밤하늘")
    indexing.drop_indexes()
    make_page("별 헤는 밤", "시")
    indexing.build_indexes()
    indexing.build_indexes()  # idempotent
    names = set(indexing._indexes(connection.vendor))
    with connection.cursor() as cursor:
        present = {info.get("name") or name for name, info in
                   connection.introspection.get_constraints(cursor, "search_entry").items()}
    assert names <= present
    assert titles_of(search.query("별", target="title")[1]) == ["별 헤는 밤", "별빛 마을"]


def test_a_long_term_in_titles_ranks_before_the_same_term_in_texts():
    make_page("본문만", "무지개다리 이야기")
    make_page("옛 무지개다리", "다리")
    make_page("무지개다리", "다리")
    total, hits = search.query("무지개다리")
    assert total == 3 and titles_of(hits) == ["무지개다리", "옛 무지개다리", "본문만"]
    _, title_hits = search.query("무지개다리 옛", target="title")
    assert titles_of(title_hits) == ["옛 무지개다리"]
