"""The job settings, read from the environment when asked (tests change them per test)."""
from __future__ import annotations

import os


def broker_url() -> str:
    """SEEDWIKI_BROKER_URL (redis://… or amqp://…): set, jobs go through Celery; empty, through the database."""
    return os.environ.get("SEEDWIKI_BROKER_URL", "").strip()


def queue_name() -> str:
    """The Celery queue (several wikis may share one broker)."""
    return os.environ.get("SEEDWIKI_JOB_QUEUE", "seedwiki-jobs").strip() or "seedwiki-jobs"


def lease_seconds() -> float:
    """How long a runner owns a job without a sign of life before another may take it."""
    return float(os.environ.get("SEEDWIKI_JOB_LEASE", "60"))


def eager() -> bool:
    """SEEDWIKI_JOBS_EAGER=1: run each job right after its transaction commits, in that process
    (for scripts and tests without a runner; a server never needs it)."""
    return os.environ.get("SEEDWIKI_JOBS_EAGER", "").strip().lower() in ("1", "true", "yes")


def fanout_inline_limit() -> int:
    """Pages a save re-stamps inside its own transaction before handing the rest to a job."""
    return int(os.environ.get("SEEDWIKI_FANOUT_INLINE", "200"))


def fanout_chunk() -> int:
    """Pages a fan-out job re-stamps per transaction. SQLite has one writer for the whole file, so
    its chunks are smaller: a save waiting behind one waits a few milliseconds, not a hundred."""
    return int(os.environ.get("SEEDWIKI_FANOUT_CHUNK", "200" if _sqlite() else "1000"))


def fanout_pause() -> float:
    """After each chunk a fan-out job rests this many times as long as the chunk took, so that
    saves arriving meanwhile get SQLite's write lock (its busy handler polls; nothing queues them
    fairly). PostgreSQL locks rows, so it needs no rest."""
    return float(os.environ.get("SEEDWIKI_FANOUT_PAUSE", "1" if _sqlite() else "0"))


def _sqlite() -> bool:
    from django.db import connection

    return connection.vendor == "sqlite"
