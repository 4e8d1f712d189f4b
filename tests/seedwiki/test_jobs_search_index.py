"""Search rows of large pages written by a job: keyed per page, indexing the latest revision when
it runs; small pages indexed inside the save."""
from __future__ import annotations

import pytest

from seedwiki import search
from seedwiki.documents.services import delete_page, move_page
from seedwiki.jobs import core
from seedwiki.jobs.models import Job
from seedwiki.search import index_later
from seedwiki.search import text as search_text

from jobs_helpers import database_runner
from pages_helpers import save

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _database_runner(monkeypatch):
    database_runner(monkeypatch, SEEDWIKI_SEARCH_INLINE_KB="1")


def large(word: str) -> str:
    """A page above the 1 KB test threshold, with ``word`` in it."""
    return f"{word} 이 문서는 길다.\n" + "채움 글 " * 400


def found(term: str) -> list[str]:
    return [hit.document.full_title for hit in search.query(term)[1]]


def test_a_small_page_is_indexed_inside_the_save():
    save("짧은 문서", "짧은글고유어 하나")
    assert Job.objects.filter(kind="search_index").count() == 0
    assert found("짧은글고유어") == ["짧은 문서"]


def test_a_large_page_is_found_by_title_at_once_and_by_its_text_after_the_job():
    save("긴 문서", large("첫째고유어"))
    job = Job.objects.get(kind="search_index")
    assert job.state == "pending" and job.key == f"search-index:{job.args['document']}"
    assert found("긴 문서") == ["긴 문서"] and found("첫째고유어") == []
    assert core.drain() == 1
    assert found("첫째고유어") == ["긴 문서"]


def test_after_the_job_the_new_text_is_found_and_the_old_is_not():
    save("바뀌는 문서", large("옛고유어"))
    core.drain()
    save("바뀌는 문서", large("새고유어"))
    assert found("옛고유어") == ["바뀌는 문서"]  # the previous text, until the job
    core.drain()
    assert found("새고유어") == ["바뀌는 문서"] and found("옛고유어") == []


def test_saves_while_the_job_waits_join_it_and_it_indexes_the_latest_text():
    for word in ("하나고유어", "둘고유어", "셋고유어"):
        save("자주 고친 문서", large(word))
    assert Job.objects.filter(kind="search_index", state="pending").count() == 1
    core.drain()
    assert found("셋고유어") == ["자주 고친 문서"] and found("하나고유어") == found("둘고유어") == []


def test_a_job_left_from_a_large_version_indexes_the_small_one_saved_since():
    save("줄어든 문서", large("큰판고유어"))
    save("줄어든 문서", "작은판고유어")  # inline: the row is right at once
    assert found("작은판고유어") == ["줄어든 문서"]
    core.drain()
    assert found("작은판고유어") == ["줄어든 문서"] and found("큰판고유어") == []


def test_a_job_that_read_an_older_revision_writes_nothing_and_the_next_job_indexes_the_newest(monkeypatch):
    save("경쟁 문서", large("먼저고유어"))
    reads = []
    original = search_text.plain_text

    def text_then_a_save(source):
        reads.append(source[:8])
        if len(reads) == 1:  # while the first job works outside its transaction, the page changes
            save("경쟁 문서", large("나중고유어"))
        return original(source)

    monkeypatch.setattr(search_text, "plain_text", text_then_a_save)
    assert core.drain() == 2
    first, second = Job.objects.filter(kind="search_index").order_by("id")
    assert first.progress == {"skipped": "changed since read"} and "revision" in second.progress
    assert found("나중고유어") == ["경쟁 문서"] and found("먼저고유어") == []


def test_a_page_deleted_or_moved_before_its_job_ends_right():
    save("지울 문서", large("지울고유어"))
    delete_page("지울 문서", ip="192.0.2.44")
    save("옮길 문서", large("옮길고유어"))
    move_page("옮길 문서", "옮긴 문서", ip="192.0.2.44")
    core.drain()
    assert found("지울고유어") == []
    assert found("옮길고유어") == ["옮긴 문서"]  # the moved page, under its new title


def test_the_threshold_is_in_utf8_bytes(monkeypatch):
    monkeypatch.setenv("SEEDWIKI_SEARCH_INLINE_KB", "3")
    assert not index_later.is_large("가" * 1000)  # 3,000 bytes
    assert index_later.is_large("가" * 1100)  # 3,300 bytes
    assert not index_later.is_large("a" * 3072) and index_later.is_large("a" * 3073)
