"""The grown deployment's path: `seedwiki worker` as a Celery worker over the real Redis.

With CI=true Redis (127.0.0.1:6379) is required; elsewhere these tests skip when it is not there.
SEEDWIKI_TEST_BROKER_URL picks the broker (default: Redis database 1).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

from seedwiki.jobs.models import Job

from jobs_helpers import make_includers, seedwiki_on_test_db, stamps
from pages_helpers import article_of, body, save, url

BROKER_URL = os.environ.get("SEEDWIKI_TEST_BROKER_URL", "redis://127.0.0.1:6379/1")


def _broker_answers() -> bool:
    parts = urlsplit(BROKER_URL)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2):
            return True
    except OSError:
        return False


if not _broker_answers():
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        raise RuntimeError(f"broker not reachable at {BROKER_URL} (CI=true: the Celery tests must run)")
    pytest.skip(f"broker not reachable at {BROKER_URL}", allow_module_level=True)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker(monkeypatch):
    """Celery settings for this test (its own queue, a sweep every second); the queue's name."""
    queue = f"queue-test-{uuid.uuid4().hex[:8]}"
    settings = {"SEEDWIKI_BROKER_URL": BROKER_URL, "SEEDWIKI_JOB_QUEUE": queue, "SEEDWIKI_JOB_SWEEP": "1",
                "SEEDWIKI_JOB_LEASE": "4", "SEEDWIKI_FANOUT_INLINE": "3", "SEEDWIKI_FANOUT_CHUNK": "4"}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SEEDWIKI_JOBS_EAGER", raising=False)
    from seedwiki.jobs import celery_app

    celery_app.app.conf.broker_url = BROKER_URL
    celery_app.app.conf.task_default_queue = queue
    yield queue
    _forget_queue(queue)


@contextmanager
def worker_process(log_path, env=None):
    """A `seedwiki worker` process (Celery, one child), ready; stopped (its whole group) after."""
    log = open(log_path, "a")
    worker = seedwiki_on_test_db(["worker", "--concurrency", "1", "--log-level", "info"], env=env, log=log)
    try:
        deadline = time.monotonic() + 90
        while "ready" not in log_path.read_text():
            assert worker.poll() is None, log_path.read_text()[-3000:]
            assert time.monotonic() < deadline, "worker not ready:\n" + log_path.read_text()[-3000:]
            time.sleep(0.2)
        yield worker
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)
        log.close()


@pytest.fixture
def celery_worker(broker, tmp_path):
    log_path = tmp_path / "worker.log"
    with worker_process(log_path):
        yield log_path


def _forget_queue(queue: str) -> None:
    import redis

    client = redis.Redis.from_url(BROKER_URL)
    for key in client.scan_iter(f"*{queue}*"):
        client.delete(key)


def _wait_done(job_id: int, log_path, timeout: float = 60.0) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = Job.objects.get(id=job_id)
        if job.state == "done":
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} not done: {job.state}\n" + log_path.read_text()[-3000:])


def test_a_template_edit_is_fanned_out_by_the_celery_worker(client, celery_worker):
    save("틀:셀러리", "옛 셀러리 틀")
    ids = make_includers("틀:셀러리", 14)
    assert "옛 셀러리 틀" in article_of(body(client.get(url("w", "포함 문서 13"))))
    before = stamps(ids)
    save("틀:셀러리", "새 셀러리 틀")  # after the commit the job id goes to Redis
    job = _wait_done(Job.objects.get(kind="fanout").pk, celery_worker)
    assert job.attempts == 1 and job.progress["bumped"] == 14
    assert all(stamps(ids)[pk] > before[pk] for pk in ids)
    assert "새 셀러리 틀" in article_of(body(client.get(url("w", "포함 문서 13"))))
    assert "seedwiki.jobs.run" in celery_worker.read_text()


def test_a_lost_message_is_sent_again_by_the_sweep_and_duplicates_do_nothing(celery_worker):
    from seedwiki.jobs.celery_app import send

    save("틀:잃어버린", "틀")
    ids = make_includers("틀:잃어버린", 5)
    before = stamps(ids)
    # A job committed but never sent (the process died between commit and send, or Redis lost it).
    lost = Job.objects.create(kind="fanout", args={"appeared_or_gone": [], "changed": ["틀:잃어버린"]})
    job = _wait_done(lost.pk, celery_worker)
    assert job.attempts == 1 and all(stamps(ids)[pk] == before[pk] + 1 for pk in ids)
    send(lost.pk)  # a duplicate delivery of a finished job
    send(lost.pk)
    barrier = Job.objects.create(kind="fanout", args={"appeared_or_gone": [], "changed": ["틀:없음"]})
    send(barrier.pk)
    _wait_done(barrier.pk, celery_worker)
    time.sleep(1)
    job.refresh_from_db()
    assert job.attempts == 1 and all(stamps(ids)[pk] == before[pk] + 1 for pk in ids)


def test_a_celery_worker_killed_mid_job_is_relieved_by_another_exactly_once(broker, tmp_path):
    save("틀:죽는셀러리", "옛")
    ids = make_includers("틀:죽는셀러리", 24)
    log_path = tmp_path / "worker.log"
    with worker_process(log_path, env={"SEEDWIKI_TEST_CHUNK_PAUSE": "0.5"}) as first:
        save("틀:죽는셀러리", "새")
        job = Job.objects.get(kind="fanout")
        after_save = stamps(ids)
        deadline = time.monotonic() + 60
        while not (0 < (Job.objects.get(id=job.pk).progress or {}).get("bumped", 0) < 24):
            assert time.monotonic() < deadline, log_path.read_text()[-3000:]
            time.sleep(0.05)
        os.killpg(first.pid, signal.SIGKILL)  # the worker and its pool child, in the middle of the job
        first.wait(timeout=10)
    job.refresh_from_db()
    assert job.state == "running" and job.progress["bumped"] < 24
    with worker_process(log_path):  # its sweep re-sends the job once the dead worker's lease ran out
        job = _wait_done(job.pk, log_path, timeout=90)
    assert job.attempts == 2 and job.progress["bumped"] == 24
    now = stamps(ids)
    assert {pk: now[pk] - after_save[pk] for pk in ids} == {pk: 1 for pk in ids}
