"""Claiming a job with a lease, running its task, and recording how it ended.

Every runner (the thread of `seedwiki serve`, `seedwiki worker` over the database or Celery,
`seedwiki jobs --run-pending`, eager mode) goes through claim_* and execute here.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import secrets
import threading
import traceback

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from seedwiki.jobs import conf
from seedwiki.jobs.models import Job
from seedwiki.jobs.registry import task_of

log = logging.getLogger(__name__)
State = Job.State
BACKOFF_BASE = 2.0  # seconds; attempt n waits base * 4**(n-1), at most an hour
BACKOFF_MAX = 3600.0


class LeaseLost(Exception):
    """Another runner took the job (this one was presumed dead): stop, and keep nothing of this chunk."""


class Step:
    """What a task sees of its job: the arguments, the progress so far, and checkpoint()."""

    def __init__(self, job: Job):
        self.job = job
        self.args = job.args
        self.progress = dict(job.progress or {})

    def checkpoint(self, progress: dict) -> None:
        """Record ``progress`` and renew the lease, inside the task's chunk transaction: the chunk
        and its progress commit together or not at all, and only while this runner owns the job."""
        now = timezone.now()
        owned = Job.objects.filter(id=self.job.pk, state=State.RUNNING, lease_token=self.job.lease_token).update(
            progress=progress, lease_expires=now + dt.timedelta(seconds=conf.lease_seconds()))
        if not owned:
            raise LeaseLost(f"job {self.job.pk} was taken by another runner")
        self.progress = dict(progress)

    @contextlib.contextmanager
    def kept_alive(self):
        """Renew the lease from a thread while the block runs: for a task that calls another
        service for long stretches without a checkpoint (an import's index builds)."""
        stop = threading.Event()
        thread = threading.Thread(target=self._renew_until, args=(stop,), name=f"job-{self.job.pk}-lease", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def _renew_until(self, stop: threading.Event) -> None:
        from django.db import connection

        every = max(0.5, conf.lease_seconds() / 3)
        try:
            while not stop.wait(every):
                try:
                    renewed = Job.objects.filter(id=self.job.pk, state=State.RUNNING, lease_token=self.job.lease_token).update(
                        lease_expires=timezone.now() + dt.timedelta(seconds=conf.lease_seconds()))
                except Exception:  # the database busy (SQLite's writer lock): try again next time
                    log.warning("job %s: lease not renewed this time", self.job.pk, exc_info=True)
                    continue
                if not renewed:
                    log.warning("job %s: lease lost; the next checkpoint stops the task", self.job.pk)
                    return
        finally:
            connection.close()  # this thread's own connection


def _due(now) -> Q:
    return Q(state=State.PENDING, run_after__lte=now) | Q(state=State.RUNNING, lease_expires__lt=now)


def claim_due(kinds: list[str] | None = None) -> Job | None:
    """The next due job, now leased to the caller; None when nothing is due.

    PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED, so runners never wait on each other's rows.
    SQLite: the short IMMEDIATE write transaction is the lock (select_for_update is a no-op there)."""
    while True:
        with transaction.atomic():
            query = Job.objects.select_for_update(skip_locked=True).filter(_due(timezone.now()))
            if kinds:
                query = query.filter(kind__in=kinds)
            job = query.order_by("run_after", "id").first()
            if job is None:
                return None
            if _lease(job):
                return job


def claim_by_id(job_id: int) -> Job | None:
    """Job ``job_id`` leased to the caller if it is due; None if done, running elsewhere or not
    yet due (so a duplicate Celery delivery does nothing)."""
    with transaction.atomic():
        job = Job.objects.select_for_update(skip_locked=True).filter(_due(timezone.now()), id=job_id).first()
        if job is not None and _lease(job):
            return job
    return None


def _lease(job: Job) -> bool:
    """Take ``job`` (locked by the caller); False when it had used all its attempts (now failed)."""
    now = timezone.now()
    if job.state == State.RUNNING and job.attempts >= job.max_attempts:
        # Its last runner died: no attempt left.
        job.state, job.finished_at = State.FAILED, now
        job.last_error = (job.last_error + "\n" if job.last_error else "") + "lease expired (runner lost)"
        job.lease_token, job.lease_expires = "", None
        job.save(update_fields=["state", "finished_at", "last_error", "lease_token", "lease_expires"])
        return False
    if job.state == State.RUNNING:
        job.last_error = "lease expired (runner lost); taken again"
    job.state = State.RUNNING
    job.attempts += 1
    job.lease_token = secrets.token_hex(16)
    job.lease_expires = now + dt.timedelta(seconds=conf.lease_seconds())
    job.started_at = now
    job.save(update_fields=["state", "attempts", "lease_token", "lease_expires", "started_at", "last_error"])
    return True


def execute(job: Job) -> str:
    """Run the leased ``job``'s task; returns its new state (or "lost" when the lease was lost)."""
    try:
        task_of(job.kind)(job.args, Step(job))
    except LeaseLost:
        log.warning("job %s: lease lost, another runner has it", job.pk)
        return "lost"
    except Exception as error:  # the task failed: retry later, or give up after max_attempts
        return _failed(job, error)
    owned = Job.objects.filter(id=job.pk, state=State.RUNNING, lease_token=job.lease_token).update(
        state=State.DONE, finished_at=timezone.now(), lease_token="", lease_expires=None)
    return State.DONE if owned else "lost"


def backoff(attempts: int) -> float:
    return min(BACKOFF_MAX, BACKOFF_BASE * 4 ** max(0, attempts - 1))


def _failed(job: Job, error: Exception) -> str:
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))[-4000:]
    log.warning("job %s (%s) failed, attempt %s of %s: %s", job.pk, job.kind, job.attempts, job.max_attempts, error)
    now = timezone.now()
    if job.attempts >= job.max_attempts:
        fields = {"state": State.FAILED, "finished_at": now}
        delay = None
    else:
        delay = backoff(job.attempts)
        fields = {"state": State.PENDING, "run_after": now + dt.timedelta(seconds=delay)}
    owned = Job.objects.filter(id=job.pk, state=State.RUNNING, lease_token=job.lease_token).update(
        last_error=text, lease_token="", lease_expires=None, **fields)
    if not owned:
        return "lost"
    if delay is not None:
        transaction.on_commit(lambda: _redispatch(job.pk, delay))
    return fields["state"]


def _redispatch(job_id: int, delay: float) -> None:
    from seedwiki.jobs.dispatch import dispatch

    dispatch(job_id, delay)


def run_by_id(job_id: int) -> str | None:
    job = claim_by_id(job_id)
    return execute(job) if job is not None else None


def drain(limit: int | None = None, kinds: list[str] | None = None) -> int:
    """Run due jobs until none is left (or ``limit`` ran); the number run."""
    ran = 0
    while limit is None or ran < limit:
        job = claim_due(kinds)
        if job is None:
            break
        execute(job)
        ran += 1
    return ran


def retry(job_id: int) -> bool:
    """Make a failed (or waiting) job due now, with as many attempts again; it resumes from its progress."""
    changed = Job.objects.filter(id=job_id, state__in=[State.FAILED, State.PENDING]).update(
        state=State.PENDING, max_attempts=F("attempts") + 5, run_after=timezone.now(), finished_at=None)
    if changed:
        transaction.on_commit(lambda: _redispatch(job_id, 0.0))
    return bool(changed)


def overdue_ids(grace: float = 30.0, limit: int = 1000) -> list[int]:
    """Jobs a broker should have delivered by now: pending and due for ``grace`` seconds, or
    running with an expired lease (their worker died). The Celery sweep sends them again."""
    now = timezone.now()
    late = Q(state=State.PENDING, run_after__lte=now - dt.timedelta(seconds=grace)) | Q(
        state=State.RUNNING, lease_expires__lt=now)
    return list(Job.objects.filter(late).order_by("run_after", "id").values_list("id", flat=True)[:limit])


def prune(days: float = 7.0) -> int:
    """Forget done jobs older than ``days`` (failed ones stay until retried or pruned by hand)."""
    cutoff = timezone.now() - dt.timedelta(days=days)
    return Job.objects.filter(state=State.DONE, finished_at__lt=cutoff).delete()[0]
