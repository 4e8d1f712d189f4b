"""The grown deployment's runner: Celery over Redis or RabbitMQ (SEEDWIKI_BROKER_URL).

The database row stays the truth; a message only carries a job id. The one task claims that row
with a lease (core.claim_by_id), so a duplicate or late delivery of a done or running job is a
no-op. Messages are acknowledged after the run (acks_late) and given back when the worker process
dies (reject_on_worker_lost), one at a time (prefetch 1). A periodic sweep (beat, started inside
`seedwiki worker`) sends again what the broker lost: jobs pending too long, or running with an
expired lease.
"""
from __future__ import annotations

import os

from celery import Celery

from seedwiki.jobs import conf

SWEEP_SECONDS = float(os.environ.get("SEEDWIKI_JOB_SWEEP", "15"))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")  # Celery's Django fixup sets Django up

app = Celery("seedwiki")
app.conf.update(
    broker_url=conf.broker_url() or "memory://",
    broker_connection_retry_on_startup=True,
    broker_connection_timeout=3,
    task_default_queue=conf.queue_name(),
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_ignore_result=True,
    task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1},
    worker_hijack_root_logger=False,
    timezone="UTC",
    beat_schedule={"seedwiki-jobs-sweep": {"task": "seedwiki.jobs.sweep", "schedule": SWEEP_SECONDS}},
)


@app.task(name="seedwiki.jobs.run")
def run_job(job_id: int) -> str | None:
    from seedwiki.jobs.core import run_by_id

    return run_by_id(int(job_id))


@app.task(name="seedwiki.jobs.sweep")
def sweep() -> int:
    from seedwiki.jobs.core import overdue_ids, prune

    ids = overdue_ids(grace=SWEEP_SECONDS * 2)
    for job_id in ids:
        send(job_id)
    prune()
    return len(ids)


def send(job_id: int, delay: float = 0.0) -> None:
    run_job.apply_async((job_id,), countdown=delay or None)


def worker_argv(concurrency: int, log_level: str, schedule: str) -> list[str]:
    return ["worker", "--beat", "--schedule", schedule, "--queues", conf.queue_name(),
            "--concurrency", str(concurrency), "--loglevel", log_level, "--without-gossip", "--without-mingle",
            "--hostname", f"{conf.queue_name()}@%h"]
