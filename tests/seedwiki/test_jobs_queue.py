"""The job queue itself: outbox, de-duplication, retries with backoff, leases taken over."""
from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from seedwiki.jobs import core
from seedwiki.jobs.enqueue import enqueue
from seedwiki.jobs.models import Job
from seedwiki.jobs.registry import TASKS, job

pytestmark = pytest.mark.django_db(transaction=True)

CALLS: list[dict] = []


@job("test-flaky")
def flaky(args, step):
    """Fails its first args["fail"] attempts."""
    CALLS.append(args)
    if len(CALLS) <= args.get("fail", 0):
        raise RuntimeError(f"failure number {len(CALLS)}")


@job("test-chunks")
def chunks(args, step):
    """Counts to args["n"] one checkpoint at a time (resumable)."""
    done = step.progress.get("done", 0)
    while done < args["n"]:
        with transaction.atomic():
            done += 1
            CALLS.append({"item": done})
            step.checkpoint({"done": done})


@pytest.fixture(autouse=True)
def _calls(monkeypatch):
    CALLS.clear()
    monkeypatch.delenv("SEEDWIKI_BROKER_URL", raising=False)
    monkeypatch.delenv("SEEDWIKI_JOBS_EAGER", raising=False)
    yield
    CALLS.clear()


def _make_due(job_id: int) -> None:
    Job.objects.filter(id=job_id).update(run_after=timezone.now())


def test_a_job_of_a_rolled_back_transaction_never_exists():
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            enqueue("test-flaky", {})
            raise RuntimeError("the edit failed")
    assert Job.objects.count() == 0
    assert core.drain() == 0 and CALLS == []


def test_unknown_kind_fails_in_the_caller():
    with pytest.raises(LookupError):
        enqueue("no-such-kind", {})
    assert "test-flaky" in TASKS


def test_failed_job_is_retried_with_backoff_then_done():
    job_id = enqueue("test-flaky", {"fail": 2})
    assert core.drain() == 1
    job = Job.objects.get(id=job_id)
    assert job.state == "pending" and job.attempts == 1 and "failure number 1" in job.last_error
    assert job.run_after > timezone.now() + dt.timedelta(seconds=1)  # backoff: not due yet
    assert core.drain() == 0
    _make_due(job_id)
    core.drain()
    job.refresh_from_db()
    assert job.state == "pending" and job.attempts == 2 and "failure number 2" in job.last_error
    assert job.run_after - timezone.now() > dt.timedelta(seconds=core.backoff(1))  # grows with attempts
    _make_due(job_id)
    core.drain()
    job.refresh_from_db()
    assert job.state == "done" and job.attempts == 3 and job.finished_at is not None
    assert len(CALLS) == 3


def test_a_job_failing_every_attempt_ends_failed_and_can_be_retried():
    job_id = enqueue("test-flaky", {"fail": 99}, max_attempts=2)
    core.drain()
    _make_due(job_id)
    core.drain()
    job = Job.objects.get(id=job_id)
    assert job.state == "failed" and job.attempts == 2
    _make_due(job_id)
    assert core.drain() == 0  # failed jobs are not taken again by themselves
    assert core.retry(job_id)
    core.drain()
    job.refresh_from_db()
    assert job.state == "pending" and job.attempts == 3  # retried once more (still failing)


def test_pending_jobs_with_one_key_are_one_job_until_it_starts():
    with transaction.atomic():
        first = enqueue("test-flaky", {"n": 1}, key="same")
        second = enqueue("test-flaky", {"n": 1}, key="same")
    third = enqueue("test-flaky", {"n": 1}, key="same")
    other = enqueue("test-flaky", {"n": 1}, key="other")
    assert first == second == third and other != first
    assert Job.objects.filter(key="same").count() == 1
    claimed = core.claim_due()
    assert claimed.pk == first
    # Started: its work may already be past what a new edit changed, so a new job is made.
    fourth = enqueue("test-flaky", {"n": 1}, key="same")
    assert fourth != first and Job.objects.filter(key="same", state="pending").count() == 1


def test_a_job_whose_lease_ran_out_is_taken_again_and_the_old_runner_cannot_write():
    job_id = enqueue("test-chunks", {"n": 5})
    lost = core.claim_due()
    assert lost.pk == job_id and core.claim_due() is None  # leased: nobody else takes it
    Job.objects.filter(id=job_id).update(lease_expires=timezone.now() - dt.timedelta(seconds=1))
    again = core.claim_due()
    assert again.pk == job_id and again.attempts == 2 and again.lease_token != lost.lease_token
    assert core.execute(lost) == "lost"  # its first checkpoint is refused: nothing it did is kept
    assert CALLS == [{"item": 1}]
    assert core.execute(again) == "done"
    job = Job.objects.get(id=job_id)
    assert job.state == "done" and job.progress == {"done": 5}


def test_a_job_resumes_from_its_last_checkpoint():
    job_id = enqueue("test-chunks", {"n": 4})
    Job.objects.filter(id=job_id).update(progress={"done": 3})
    core.drain()
    assert CALLS == [{"item": 4}]
    assert Job.objects.get(id=job_id).state == "done"


def test_a_runner_lost_on_its_last_attempt_leaves_the_job_failed():
    job_id = enqueue("test-chunks", {"n": 1}, max_attempts=1)
    core.claim_due()
    Job.objects.filter(id=job_id).update(lease_expires=timezone.now() - dt.timedelta(seconds=1))
    assert core.claim_due() is None
    job = Job.objects.get(id=job_id)
    assert job.state == "failed" and "lease expired" in job.last_error


def test_eager_mode_runs_the_job_after_commit(monkeypatch):
    monkeypatch.setenv("SEEDWIKI_JOBS_EAGER", "1")
    with transaction.atomic():
        job_id = enqueue("test-chunks", {"n": 2})
        assert CALLS == []  # not before the commit
    assert Job.objects.get(id=job_id).state == "done" and len(CALLS) == 2


def test_runners_at_once_run_each_job_exactly_once():
    """PostgreSQL: claims skip each other's locked rows; SQLite: one short write transaction each."""
    import threading

    from django.db import connection

    ids = [enqueue("test-chunks", {"n": 3}) for _ in range(12)]
    errors = []

    def runner():
        try:
            core.drain()
        except Exception as error:  # reported below, with the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert list(Job.objects.filter(id__in=ids).values_list("state", "attempts").distinct()) == [("done", 1)]
    assert len(CALLS) == 12 * 3
