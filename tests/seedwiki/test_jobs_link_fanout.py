"""Link fan-out: a page that many pages link to appears, goes away or moves; their links change
colour. The save re-stamps at most the inline budget, whatever the number of linkers; the job
re-stamps the rest."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seedwiki.documents.models import Document
from seedwiki.documents.services import delete_page, move_page
from seedwiki.documents.services.derive import insert_links_raw
from seedwiki.jobs import core
from seedwiki.jobs.models import Job

from jobs_helpers import database_runner, stamps
from pages_helpers import article_of, body, save, url

pytestmark = pytest.mark.django_db(transaction=True)

BUDGET = 5


@pytest.fixture(autouse=True)
def _database_runner(monkeypatch):
    database_runner(monkeypatch, SEEDWIKI_FANOUT_INLINE=str(BUDGET), SEEDWIKI_FANOUT_CHUNK="7")


def _linkers(target: str, count: int, prefix: str) -> list[int]:
    """``count`` pages linking to ``target``, written in bulk (their rows only: no render needed)."""
    documents = Document.objects.bulk_create([Document(namespace="문서", title=f"{prefix} {n}") for n in range(count)])
    ids = list(Document.objects.filter(title__startswith=f"{prefix} ").values_list("id", flat=True))
    assert len(ids) == len(documents)
    insert_links_raw([(pk, target, "link", "", False) for pk in ids])
    return ids


def _restamped(ids: list[int], before: dict[int, int]) -> int:
    return sum(stamp > before[pk] for pk, stamp in stamps(ids).items())


@pytest.mark.parametrize("change", ["create", "delete", "move"])
def test_the_save_restamps_the_budget_and_the_job_the_rest(change):
    if change != "create":
        save("인기 문서", "있음")
    ids = _linkers("인기 문서", 60, "링크한 문서")
    before = stamps(ids)
    if change == "create":
        save("인기 문서", "이제 있음")
    elif change == "delete":
        delete_page("인기 문서", ip="192.0.2.44")
    else:
        move_page("인기 문서", "옮긴 인기 문서", ip="192.0.2.44")
    assert _restamped(ids, before) <= BUDGET  # inside the request: the budget, not 60
    job = Job.objects.get(kind="fanout")
    assert "인기 문서" in job.args["appeared_or_gone"] and job.state == "pending"
    core.drain()
    job.refresh_from_db()
    assert job.state == "done" and job.progress["bumped"] >= 60
    assert _restamped(ids, before) == 60


def test_the_requests_work_does_not_grow_with_the_number_of_linkers():
    def queries_of_creating(target: str, linkers: int) -> int:
        _linkers(target, linkers, f"{target}에 링크")
        with CaptureQueriesContext(connection) as captured:
            save(target, "새 문서")
        return len(captured.captured_queries)

    assert queries_of_creating("작은 대상", 12) == queries_of_creating("큰 대상", 300)


def test_a_deleted_page_turns_its_linkers_links_red_after_the_job(client):
    save("사라질 문서", "곧 없음")
    for n in range(BUDGET + 4):
        save(f"링크 {n}", "[[사라질 문서]]")
    last = url("w", f"링크 {BUDGET + 3}")
    assert "not-exist" not in article_of(body(client.get(last)))  # blue, and cached
    delete_page("사라질 문서", ip="192.0.2.44")
    core.drain()
    for n in range(BUDGET + 4):
        assert "not-exist" in article_of(body(client.get(url("w", f"링크 {n}"))))
