"""Template and link fan-out: a few pages at once inside the save, many through a chunked job."""
from __future__ import annotations

import pytest

from seedwiki.documents.models import Document
from seedwiki.jobs import core
from seedwiki.jobs.models import Job

from jobs_helpers import database_runner, make_includers, stamps
from pages_helpers import article_of, body, save, url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _database_runner(monkeypatch):
    database_runner(monkeypatch, SEEDWIKI_FANOUT_INLINE="5", SEEDWIKI_FANOUT_CHUNK="4")


def test_a_small_fanout_is_done_inside_the_save_without_a_job(client):
    save("틀:작은틀", "옛 작은 틀")
    ids = make_includers("틀:작은틀", 3)
    for n in range(3):
        assert "옛 작은 틀" in article_of(body(client.get(url("w", f"포함 문서 {n}"))))
    before = stamps(ids)
    save("틀:작은틀", "새 작은 틀")
    assert Job.objects.filter(kind="fanout").count() == 0
    assert all(stamp == before[pk] + 1 for pk, stamp in stamps(ids).items())
    for n in range(3):
        assert "새 작은 틀" in article_of(body(client.get(url("w", f"포함 문서 {n}"))))


def test_a_large_fanout_is_a_job_that_reaches_every_including_page(client):
    save("틀:큰틀", "옛 큰 틀")
    ids = make_includers("틀:큰틀", 23)
    for n in (0, 22):
        assert "옛 큰 틀" in article_of(body(client.get(url("w", f"포함 문서 {n}"))))
    before = stamps(ids)
    save("틀:큰틀", "새 큰 틀")
    job = Job.objects.get(kind="fanout")
    assert job.kind == "fanout" and job.state == "pending" and job.args["changed"] == ["틀:큰틀"]
    # The save stopped after its inline budget: most pages wait for the job.
    assert sum(stamps(ids)[pk] > before[pk] for pk in ids) < len(ids)
    assert core.drain() == 1
    job.refresh_from_db()
    assert job.state == "done" and job.progress["bumped"] == 23 and job.attempts == 1
    assert all(stamps(ids)[pk] > before[pk] for pk in ids)
    for n in range(23):
        assert "새 큰 틀" in article_of(body(client.get(url("w", f"포함 문서 {n}"))))


def test_the_fanout_job_follows_templates_included_by_templates():
    # As before the job existed: pages including a page that includes the changed one are
    # re-stamped too (up to MAX_DEPTH levels), whatever the renderer does with nested includes.
    save("틀:안쪽", "옛 안쪽")
    save("틀:바깥", "[include(틀:안쪽)]")
    ids = make_includers("틀:바깥", 12)
    before = stamps(ids)
    save("틀:안쪽", "새 안쪽")
    core.drain()
    job = Job.objects.get(kind="fanout")
    assert job.state == "done" and job.progress["bumped"] == 13  # 틀:바깥 and its 12 includers
    assert all(stamps(ids)[pk] > before[pk] for pk in ids)


def test_creating_a_page_with_many_linkers_turns_their_links_blue_after_the_job(client):
    for n in range(9):
        save(f"링크 문서 {n}", "[[아직 없는 문서]]")
    assert "not-exist" in article_of(body(client.get(url("w", "링크 문서 8"))))  # red, and cached
    save("아직 없는 문서", "이제 있음")
    assert Job.objects.get(kind="fanout").args["appeared_or_gone"] == ["아직 없는 문서"]
    assert "not-exist" in article_of(body(client.get(url("w", "링크 문서 8"))))  # until the job runs
    core.drain()
    for n in range(9):
        assert "not-exist" not in article_of(body(client.get(url("w", f"링크 문서 {n}"))))


def test_an_edit_through_the_web_returns_with_the_fanout_left_to_the_job(client):
    save("틀:웹틀", "옛 웹 틀")
    ids = make_includers("틀:웹틀", 15)
    data = {"text": "새 웹 틀", "base_rev": "1"}
    response = client.post(url("edit", "틀:웹틀"), data)
    assert response.status_code == 302
    assert Job.objects.get(kind="fanout").state == "pending"  # the request did not wait for the fan-out
    core.drain()
    assert all(stamp > 0 for stamp in stamps(ids).values())
    assert "새 웹 틀" in article_of(body(client.get(url("w", "포함 문서 14"))))


def test_two_saves_before_the_runner_comes_make_one_job():
    save("틀:두번", "하나")
    make_includers("틀:두번", 10)
    save("틀:두번", "둘")
    save("틀:두번", "셋")
    assert Job.objects.filter(kind="fanout", state="pending").count() == 1
    core.drain()
    assert Document.objects.filter(title__startswith="포함 문서", render_stamp__gte=1).count() == 10


@pytest.mark.parametrize("pause", ["0", "2"])
def test_the_fanout_job_rests_between_chunks_only_when_told(monkeypatch, pause):
    # SQLite has one writer: the job rests after each chunk (as long as the chunk took, times the
    # pause) so that saves arriving meanwhile get the lock; PostgreSQL's default is no rest.
    from seedwiki.jobs import tasks

    monkeypatch.setenv("SEEDWIKI_FANOUT_PAUSE", pause)
    rests: list[float] = []
    monkeypatch.setattr(tasks.time, "sleep", rests.append)
    save("틀:쉬는틀", "옛")
    ids = make_includers("틀:쉬는틀", 23)
    before = stamps(ids)
    save("틀:쉬는틀", "새")
    assert core.drain() == 1
    assert all(stamps(ids)[pk] > before[pk] for pk in ids)
    chunks = Job.objects.get(kind="fanout").progress["bumped"] // 4 + 1  # 23 pages, 4 a chunk
    assert len(rests) == (chunks if pause == "2" else 0)
    assert all(rest >= 0 for rest in rests)


def test_sqlite_gets_small_resting_fanout_chunks_and_postgresql_large_ones(monkeypatch):
    from django.db import connection

    from seedwiki.jobs import conf

    monkeypatch.delenv("SEEDWIKI_FANOUT_CHUNK", raising=False)
    monkeypatch.delenv("SEEDWIKI_FANOUT_PAUSE", raising=False)
    sqlite = connection.vendor == "sqlite"
    assert conf.fanout_chunk() == (200 if sqlite else 1000)
    assert conf.fanout_pause() == (1.0 if sqlite else 0.0)
