"""Request level (issue 6, findings 5–7): a stale-base save, /diff, /blame and /Search on texts of a
megabyte or two cost bounded work, and the merge never holds the write lock.

Work is asserted in units (bounded_diff's counter, sizes of what is stored and queried), never in
seconds; the only clocks are generous guards that turn a hang into a failure. Runs on SQLite and,
with `-m storage`, on PostgreSQL.
"""
from __future__ import annotations

import random
import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from seedwiki.documents import blame as blame_module
from seedwiki.documents import bounded_diff, diffs
from seedwiki.documents.models import Revision
from seedwiki.documents.services import ConflictError, edit_page
from seedwiki.documents.services import edit as edit_module
from seedwiki.documents.services import merge as merge_module
from seedwiki.documents.services.common import Author, lock_document, revision_with_text
from seedwiki.documents.views import history as history_views
from seedwiki.jobs import core
from seedwiki.search.api import MAX_INDEXED_CHARS
from seedwiki.search.models import SearchEntry
from seedwiki.search.terms import MAX_PIECES, MAX_TERM_LENGTH, PIECE_LENGTH, index_pieces
from seedwiki.titles import parse_title

from pages_helpers import IP, body, latest_text, url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.storage]

LINE = "반복되는 같은 줄입니다. 이 줄은 일부러 여러 번 되풀이됩니다.\n"
LINES = [LINE] * (1024 * 1024 // len(LINE.encode()))  # one megabyte of one line repeated
HANG_GUARD = 120  # seconds: only to turn a hang into a failure


def changed(lines, positions, tag) -> str:
    out = list(lines)
    for p in positions:
        out[p] = f"{tag} {p}번 줄\n"
    return "".join(out)


def store_revisions(full_title: str, texts) -> None:
    """Revisions without parsing their text (quick set-up of megabyte histories)."""
    namespace, title = parse_title(full_title)
    for text in texts:
        with transaction.atomic():
            document = lock_document(namespace, title, create=True)
            kind = Revision.Kind.EDIT if document.latest is not None else Revision.Kind.CREATE
            revision_with_text(document, text, kind=kind, author=Author(name="준비"))
            document.save()


@pytest.fixture
def diff_work(monkeypatch):
    """Every bounded diff run by the views and the merge: (items a, items b, budget, work, exhausted)."""
    calls = []
    real = bounded_diff.diff

    def counting(a, b, budget=None):
        result = real(a, b, budget)
        calls.append((len(a), len(b), budget, result.work, result.exhausted))
        return result

    for module in (diffs, blame_module, merge_module):
        monkeypatch.setattr(module, "diff", counting)
    return calls


def within_default_budget(calls) -> bool:
    return all(work <= (budget if budget is not None else bounded_diff.default_budget(n, m))
               for n, m, budget, work, _ in calls)


def on_thread(job) -> threading.Thread:
    def run():
        try:
            job()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


# --- finding 5: the merge of a stale-base save ------------------------------------------------

def test_stale_base_save_of_a_megabyte_merges_while_another_client_saves(client, monkeypatch, diff_work):
    n = len(LINES)
    store_revisions("큰 문서", ["".join(LINES), changed(LINES, [n // 3], "그쪽")])
    edit_page("다른 문서", "0\n", ip=IP)
    saves, errors, stop = [0], [], threading.Event()

    def other_client():
        try:
            while not stop.is_set() and saves[0] < 500:
                edit_page("다른 문서", f"{saves[0] + 1}\n", ip="192.0.2.9", base_rev=saves[0] + 1)
                saves[0] += 1
        except BaseException as error:  # noqa: BLE001 — reported by the test
            errors.append(error)

    # While the merge runs, the other client must be able to save: if the merge held SQLite's write
    # lock (or the page row on PostgreSQL), this wait would run out and the test fail.
    saved_during_merge = []
    real_merge3 = edit_module.merge3

    def merge_then_wait_for_a_save(*texts):
        before = saves[0]
        result = real_merge3(*texts)
        deadline = time.monotonic() + 60
        while saves[0] <= before and not errors and time.monotonic() < deadline:
            time.sleep(0.01)
        saved_during_merge.append(saves[0] > before)
        return result

    monkeypatch.setattr(edit_module, "merge3", merge_then_wait_for_a_save)
    other = on_thread(other_client)
    try:
        response = client.post(url("edit", "큰 문서"), {"text": changed(LINES, [2 * n // 3], "내쪽"), "base_rev": "1"})
    finally:
        stop.set()
        other.join(HANG_GUARD)
    assert not other.is_alive()
    assert errors == []  # no "database is locked"
    assert response.status_code == 302
    assert saved_during_merge == [True]
    expected = list(LINES)
    expected[n // 3], expected[2 * n // 3] = f"그쪽 {n // 3}번 줄\n", f"내쪽 {2 * n // 3}번 줄\n"
    assert latest_text("큰 문서") == "".join(expected)
    merge_calls = [call for call in diff_work if call[0] == n]
    assert len(merge_calls) == 2 and not any(call[4] for call in merge_calls)
    assert within_default_budget(diff_work)


def test_a_page_that_moves_during_the_merge_is_merged_again(monkeypatch):
    title = "움직이는 문서"
    edit_page(title, "하나\n둘\n셋\n넷\n다섯\n", ip=IP)
    edit_page(title, "하나!\n둘\n셋\n넷\n다섯\n", ip=IP, base_rev=1)
    real_merge3 = edit_module.merge3
    seen = []

    def merge_while_someone_saves(base, theirs, yours):
        seen.append(theirs)
        if len(seen) == 1:  # the same page is saved by someone else meanwhile
            other = on_thread(lambda: edit_page(title, theirs.replace("셋", "셋!"), ip="192.0.2.9", base_rev=2))
            other.join(HANG_GUARD)
            assert not other.is_alive(), "the other save waited for a lock held during the merge"
        return real_merge3(base, theirs, yours)

    monkeypatch.setattr(edit_module, "merge3", merge_while_someone_saves)
    result = edit_page(title, "하나\n둘\n셋\n넷\n다섯!\n", ip=IP, base_rev=1)
    assert result.merged and result.revision.number == 4
    assert len(seen) == 2 and "셋!" in seen[1]
    assert latest_text(title) == "하나!\n둘\n셋!\n넷\n다섯!\n"


def test_a_page_that_keeps_moving_gives_a_conflict_that_keeps_the_text(monkeypatch):
    title = "쉬지 않는 문서"
    edit_page(title, "가\n나\n다\n", ip=IP)
    edit_page(title, "가!\n나\n다\n", ip=IP, base_rev=1)
    real_merge3 = edit_module.merge3
    count = [2]

    def merge_while_someone_always_saves(base, theirs, yours):
        count[0] += 1
        number = count[0]
        other = on_thread(lambda: edit_page(title, f"{number}\n" + theirs, ip="192.0.2.9", base_rev=number - 1))
        other.join(HANG_GUARD)
        return real_merge3(base, theirs, yours)

    monkeypatch.setattr(edit_module, "merge3", merge_while_someone_always_saves)
    with pytest.raises(ConflictError) as conflict:
        edit_page(title, "가\n나\n다!\n", ip=IP, base_rev=1)
    assert conflict.value.your_text == "가\n나\n다!\n"
    assert count[0] - 2 == 1 + edit_module.MERGE_ATTEMPTS  # the first merge, then each redo


# --- finding 6: /diff and /blame ----------------------------------------------------------------

def test_diff_of_megabyte_revisions_is_bounded(client, diff_work):
    n = len(LINES)
    store_revisions("큰 비교", ["".join(LINES), changed(LINES, range(0, n, 20), "고침")])
    html = body(client.get(url("diff", "큰 비교", "rev=2&oldrev=1")))
    line_diffs = [call for call in diff_work if call[0] == n + 1]
    assert len(line_diffs) == 1 and not line_diffs[0][4]  # diffed line by line, within budget
    assert within_default_budget(line_diffs)
    assert sum(call[3] for call in diff_work if call is not line_diffs[0]) <= diffs.INLINE_WORK
    assert 0 < html.count('class="sw-diff-insert"') and html.count("<tr") <= diffs.MAX_ROWS
    assert "비교 결과가 너무 길어" in html


def test_diff_of_megabyte_revisions_too_different_to_compare(client, diff_work):
    rng = random.Random(5)
    lines = [f"줄 {rng.randint(0, 3)}\n" for _ in range(100_000)]
    other = [f"줄 {rng.randint(0, 3)}\n" for _ in range(100_000)]
    store_revisions("뒤섞인 비교", ["".join(lines), "".join(other)])
    response = client.get(url("diff", "뒤섞인 비교", "rev=2"))
    html = body(response)
    assert response.status_code == 200
    assert "차이가 너무 커서" in html
    assert within_default_budget(diff_work) and diff_work[0][4]
    assert html.count("<tr") <= diffs.MAX_ROWS


def test_diff_is_cached_per_revision_pair_unless_too_big(client, diff_work, monkeypatch):
    store_revisions("캐시 비교", ["가\n나\n", "가\n다\n"])
    first = body(client.get(url("diff", "캐시 비교", "rev=2")))
    second = body(client.get(url("diff", "캐시 비교", "rev=2")))
    assert first == second and len([c for c in diff_work if c[0] == 3]) == 1
    monkeypatch.setattr(history_views, "MAX_CACHED_DIFF_CHARS", 10)
    cache.clear()
    client.get(url("diff", "캐시 비교", "rev=2&oldrev=1"))
    client.get(url("diff", "캐시 비교", "rev=2&oldrev=1"))  # too big to keep: computed again
    assert len([c for c in diff_work if c[0] == 3]) == 3


def test_blame_of_megabyte_revisions_is_bounded(client, diff_work):
    n = len(LINES)
    texts = ["".join(LINES)] + [changed(LINES, range(k, n, 97), f"r{k + 1}") for k in range(1, 8)]
    store_revisions("큰 책임", texts)
    html = body(client.get(url("blame", "큰 책임")))
    assert sum(call[3] for call in diff_work) + 8 * blame_module.REVISION_WORK <= blame_module.BLAME_WORK
    assert html.count('class="sw-ln"') == blame_module.MAX_BLAME_LINES
    assert f"전체 {n + 1}줄 가운데 1–2000번째 줄" in html and "from=2001" in html
    calls = len(diff_work)
    client.get(url("blame", "큰 책임"))  # cached per revision
    assert len(diff_work) == calls
    last = body(client.get(url("blame", "큰 책임", f"from={n - 9}")))  # the last part of the page
    assert last.count('class="sw-ln"') == 11 and f'<td class="sw-ln">{n + 1}</td>' in last
    assert f"from={n - 2009}" in last and "from=2001" not in last  # a link back, none further


def test_blame_over_budget_says_how_far_it_looked(client, monkeypatch):
    store_revisions("긴 책임", [f"{k}\n" + LINE * 20 for k in range(1, 12)])
    monkeypatch.setattr(blame_module, "BLAME_WORK", blame_module.REVISION_WORK * 4)
    html = body(client.get(url("blame", "긴 책임")))
    assert "r8보다 오래된 판은 살펴보지 않았습니다" in html


# --- finding 7: search ----------------------------------------------------------------------------

def test_search_for_a_long_term_in_a_two_megabyte_page_is_bounded(client):
    edit_page("큰 검색", ("a" * 1000 + "\n") * 2000, ip=IP)
    assert core.drain() >= 1  # a page over SEEDWIKI_SEARCH_INLINE_KB is indexed by a job
    stored = SearchEntry.objects.get(document__title="큰 검색").content
    assert len(stored) == MAX_INDEXED_CHARS
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/Search", {"q": "a" * 199})
    assert response.status_code == 200
    assert "큰 검색" in body(response)
    sql = " ".join(q["sql"] for q in queries.captured_queries if "search_" in q["sql"])
    assert "a" * (MAX_TERM_LENGTH + 1) not in sql  # the term was cut
    # Looked up by pieces: on SQLite by their trigrams (one here), on PostgreSQL by each piece.
    assert 'MATCH \'"aaa"\'' in sql or "%" + "a" * PIECE_LENGTH + "%" in sql


def test_a_long_term_is_found_whole_not_by_its_pieces():
    term = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허"
    pieces = index_pieces(term)
    assert 1 < len(pieces) <= MAX_PIECES
    edit_page("전부 있음", f"앞 {term} 뒤", ip=IP)
    edit_page("조각만 있음", " / ".join(pieces), ip=IP)
    from seedwiki import search

    total, hits = search.query(term)
    assert total == 1 and hits[0].document.title == "전부 있음"
    total, hits = search.query(term + " 앞")
    assert [hit.document.title for hit in hits] == ["전부 있음"]
