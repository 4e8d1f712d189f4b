"""A runner killed with SIGKILL in the middle of a fan-out: another runner finishes the job once
the lease runs out, and every page is re-stamped exactly once by it (chunks and progress commit
together, so nothing is done twice or skipped)."""
from __future__ import annotations

import time

import pytest

from seedwiki.jobs import core
from seedwiki.jobs.models import Job

from jobs_helpers import database_runner, kill_worker_when, make_includers, stamps
from pages_helpers import save

pytestmark = pytest.mark.django_db(transaction=True)
LEASE = "2"


@pytest.fixture(autouse=True)
def _settings(monkeypatch):
    database_runner(monkeypatch, SEEDWIKI_FANOUT_INLINE="3", SEEDWIKI_FANOUT_CHUNK="4", SEEDWIKI_JOB_LEASE=LEASE)


def _wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


def test_a_killed_runner_job_is_finished_by_another_exactly_once(tmp_path, monkeypatch):
    save("틀:죽는틀", "옛 틀")
    ids = make_includers("틀:죽는틀", 40)
    save("틀:죽는틀", "새 틀")
    job = Job.objects.get(kind="fanout")
    after_save = stamps(ids)  # the save re-stamped a few inline; the job does all 40 once more
    monkeypatch.setenv("SEEDWIKI_TEST_CHUNK_PAUSE", "0.4")

    def mid_job():
        job.refresh_from_db()
        bumped = (job.progress or {}).get("bumped", 0)
        return job.state == "running" and 0 < bumped < 40 and bumped
    done_before_kill = kill_worker_when(mid_job, tmp_path / "worker.log")
    job.refresh_from_db()
    assert job.state == "running" and job.progress["bumped"] >= done_before_kill
    assert core.drain() == 0  # the dead runner's lease still holds it
    time.sleep(float(LEASE) + 0.5)
    assert core.drain() == 1
    job.refresh_from_db()
    assert job.state == "done" and job.attempts == 2 and job.progress["bumped"] == 40
    assert "lease expired" in job.last_error
    now = stamps(ids)
    assert {pk: now[pk] - after_save[pk] for pk in ids} == {pk: 1 for pk in ids}
