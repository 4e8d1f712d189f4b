"""Creating jobs inside the caller's transaction (a transactional outbox).

The job row commits with the edit that asked for it, so a process dying right after the commit
loses nothing: the row is there for the next runner. Only after the commit is the runner told
(or the id sent to Celery); a lost notice costs a little delay, never the job.
"""
from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from seedwiki.jobs.models import Job

PENDING = Job.State.PENDING


def enqueue(kind: str, args: dict | None = None, *, key: str = "", max_attempts: int = 5, delay: float = 0.0) -> int:
    """Id of the pending job of ``kind``; with ``key``, an untouched pending job with the same key
    is reused instead of adding another (its work has not started, so it covers this call too).
    ``delay`` seconds: the job is due that much later (a reused job keeps its own time)."""
    from seedwiki.jobs.registry import task_of

    task_of(kind)  # an unknown kind fails here, in the caller, not later in a runner
    with transaction.atomic():
        job_id = _reuse(key) if key else None
        while job_id is None:
            try:
                with transaction.atomic():  # savepoint: a concurrent twin may insert the same key
                    job_id = Job.objects.create(kind=kind, key=key, args=args or {}, max_attempts=max_attempts,
                                                run_after=timezone.now() + timedelta(seconds=delay)).pk
            except IntegrityError:
                job_id = _reuse(key)
        transaction.on_commit(lambda: _notify(job_id, delay))
    return job_id


def _reuse(key: str) -> int | None:
    """A pending, never-started job with ``key``, locked by an UPDATE so no runner takes it before our
    commit (PostgreSQL: the claim skips locked rows; SQLite: one writer at a time)."""
    found = Job.objects.filter(key=key, state=PENDING, attempts=0).values_list("id", flat=True).first()
    if found is None:
        return None
    locked = Job.objects.filter(id=found, state=PENDING, attempts=0).update(run_after=F("run_after"))
    return found if locked else None


def _notify(job_id: int, delay: float) -> None:
    from seedwiki.jobs.dispatch import dispatch

    dispatch(job_id, delay)
