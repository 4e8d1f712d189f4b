"""Worker processes for the CPU-bound part of an import or a rebuild (parsing, compressing)."""
from __future__ import annotations

import os

# The writer (this process, or the PostgreSQL backend it feeds) is the pipeline's narrow part: with
# two cores and two parse workers, three processes compete, and the writer waited for a core a
# fifth of the time (SQLite 100k: load 99 s wall for 80 s of the writer's CPU; 89 s at nice 10).
# Lower priority lets it run whenever it can; the workers still get every cycle it leaves.
WORKER_NICENESS = 10


def _start_worker(parent: int) -> None:
    from seedwiki.process_guard import die_with_parent

    die_with_parent(parent)
    try:
        os.nice(WORKER_NICENESS)
    except OSError:  # a platform or sandbox without priorities: the same work, in the same order
        pass


def start_pool(jobs: int):
    """A fork-based pool of ``jobs`` processes, or None for ``jobs`` <= 1 (work in this process)."""
    if jobs <= 1:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from django.db import connections

    from seedwiki.documents.services.analysis import Analysis

    connections.close_all()  # never share a database connection with forked children
    # Workers end with this process, even when it is killed with SIGKILL (no orphaned parsers).
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker, initargs=(os.getpid(),))
    pool.submit(Analysis).result()  # start the workers now, before this process opens the database
    return pool


def default_jobs() -> int:
    return min(os.cpu_count() or 1, 4)


def map_in(pool, func, jobs_in: list, workers: int):
    """``func`` over ``jobs_in`` in the pool (an iterator whose work has started), or here."""
    if pool is None:
        return map(func, jobs_in)
    return pool.map(func, jobs_in, chunksize=max(1, len(jobs_in) // (workers * 4)))
