"""The import of one dump, start to end, resumable: `seedwiki import DUMP`.

Pipeline: this process reads the dump and writes batches; worker processes prepare (parse,
compress) batch k+1 while batch k is written. Each batch commits with the run's checkpoint, so a
killed import run again with the same dump goes on after the last committed batch.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from seedwiki.documents.importing import dump as dumps
from seedwiki.documents.importing import finish, indexes, load_tuning, workers
from seedwiki.documents.importing.lookup_statistics import LookupStatistics
from seedwiki.documents.importing.prepare import prepare
from seedwiki.documents.importing.run_record import ImportRun
from seedwiki.documents.importing.writer import MAX_ERRORS_KEPT, WriteOptions, write_batch
from seedwiki.documents.models import Document


@dataclass
class ImportOptions:
    batch: int = 1000
    limit: int = 0
    jobs: int | None = None
    again: bool = False  # import a dump whose import finished before once more
    indexes_after: str = "auto"  # build link and search indexes after the load: auto, yes, no
    write: WriteOptions = field(default_factory=WriteOptions)


@dataclass
class ImportOutcome:
    run: ImportRun
    resumed_from: int  # dump elements skipped because an earlier run committed them
    already_done: bool
    seconds: float
    written_now: int  # pages created or updated by this process
    errors: list[str]


def run_key(path: Path, options: ImportOptions) -> str:
    """The dump's identity, and the limit (a partial import is a different run)."""
    return hashlib.sha256(f"{dumps.dump_identity(path)}:{options.limit}".encode()).hexdigest()


def find_or_start_run(key: str, name: str, again: bool) -> tuple[ImportRun, bool]:
    """(the run to go on with, whether it is a finished one and nothing is left to do)."""
    with transaction.atomic():
        runs = ImportRun.objects.select_for_update().filter(dump_identity=key).order_by("-id")
        unfinished = runs.exclude(phase=ImportRun.Phase.DONE).first()
        if unfinished is not None:
            return unfinished, False
        finished = runs.first()
        if finished is not None and not again:
            return finished, True
        now = timezone.now()
        last_id = Document.objects.aggregate(last=Max("id"))["last"] or 0
        return ImportRun.objects.create(dump_identity=key, dump_name=name[:255], last_id_before=last_id,
                                        started_at=now, updated_at=now), False


def run_import(path: Path, options: ImportOptions, progress=None) -> ImportOutcome:
    """Import ``path``; ``progress(bytes read, elements done)`` is called after each batch."""
    started = time.perf_counter()
    run, done = find_or_start_run(run_key(path, options), path.name, options.again)
    outcome = ImportOutcome(run, run.position, done, 0.0, 0, [])
    if done:
        return outcome
    jobs = options.jobs if options.jobs is not None else workers.default_jobs()
    if run.phase == ImportRun.Phase.LOADING:
        if run.position == 0 and indexes.should_drop(options.indexes_after, path.stat().st_size,
                                                     Document.objects.count()):
            indexes.drop_for_load(run)
        options.write.sort_links = not run.dropped_indexes
        with load_tuning.tuned_for_load():
            _load(path, run, options, jobs, outcome, progress)
        run.phase = ImportRun.Phase.FINISHING
        run.save(update_fields=["phase"])
    # The same session settings: the list and link-count statements read the whole link table
    # (SQLite 100k, the needed pages: 7.3 s with the default 2 MB page cache, 4.9 s with 128 MB).
    with load_tuning.tuned_for_load():
        _finish(run, options, outcome)
    run.phase, run.finished_at = ImportRun.Phase.DONE, timezone.now()
    run.save(update_fields=["phase", "finished_at"])
    outcome.seconds = time.perf_counter() - started
    return outcome


# A load this large changes the tables' shape: without fresh statistics PostgreSQL plans /backlink,
# category pages and /RandomPage for the empty tables it last analysed (measured: 557 ms instead of
# tens), and the link-count fill below takes 4.1 instead of 0.6 CPU s (20,000 pages). SQLite's
# planner reads sqlite_stat1 the same way.
ANALYZE_AFTER = 10_000


def _finish(run: ImportRun, options: ImportOptions, outcome: ImportOutcome) -> None:
    """Everything the load left to do, before the run is marked done: a run killed in the middle of
    this does it all again when run again. The page-text index builds on a connection of its own
    (indexes.py) while this one does the rest."""
    from seedwiki.documents import link_counts
    from seedwiki.documents.signals import import_finishing

    # Counted over the whole run, so a rerun that only finishes still refreshes the statistics.
    analyze = max(outcome.written_now, run.created + run.updated) >= ANALYZE_AFTER
    busy = indexes.built_aside(run)

    def meanwhile() -> None:
        if analyze:
            _refresh_planner_statistics(exclude=busy, vacuum=True)
        if options.write.derive:
            finish.bump_pages_linking_to_new(run)
            link_counts.ensure_triggers()  # a bulk load's counts, in one pass (link_counts.suspended)
            import_finishing.send(sender=ImportRun, run=run)  # the special lists

    indexes.restore(run, meanwhile)
    if analyze and busy:
        _refresh_planner_statistics(only=busy)


def _refresh_planner_statistics(exclude: set[str] = frozenset(), only: set[str] = frozenset(),
                                vacuum: bool = False) -> None:
    """ANALYZE every table, or those of ``only``, but not those of ``exclude``. PostgreSQL, with
    ``vacuum``: VACUUM (ANALYZE), which also marks the freshly loaded pages all-visible, so reading
    the link table by its (target, kind, source) index needs no visit of the table: the link-count
    fill and the lists below, and /backlink afterwards, read the index alone."""
    from django.db import connection

    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if not postgresql or not (exclude or only or vacuum):
            cursor.execute("ANALYZE")
            return
        # A partition goes with its table (VACUUM and ANALYZE of a partitioned table cover them),
        # and so is left alone while an index is built on it.
        cursor.execute("SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
                       "AND relkind IN ('r', 'p') AND NOT relispartition")
        present = {row[0] for row in cursor.fetchall()}
        tables = ", ".join(connection.ops.quote_name(t) for t in sorted(present & set(only) if only else present - set(exclude)))
        if tables:  # VACUUM cannot run inside a transaction (a test's)
            vacuum = vacuum and not connection.in_atomic_block
            cursor.execute(f"VACUUM (ANALYZE) {tables}" if vacuum else f"ANALYZE {tables}")


def _load(path: Path, run: ImportRun, options: ImportOptions, jobs: int, outcome: ImportOutcome, progress) -> None:
    pool = None  # started with the first full batch: a small dump is not worth the worker start-up
    total = path.stat().st_size
    statistics = LookupStatistics()

    def write(pending) -> None:
        batch, prepared = pending
        result = write_batch(list(prepared), run, batch.end, batch.skipped, options.write)
        outcome.written_now += result.created + result.updated
        statistics.after(outcome.written_now)
        if len(outcome.errors) < MAX_ERRORS_KEPT:
            outcome.errors.extend(result.errors[:MAX_ERRORS_KEPT - len(outcome.errors)])

    try:
        with path.open("r", encoding="utf-8") as stream:
            pending = None
            for batch in dumps.batches(dumps.dump_entries(stream), size=options.batch, start=run.position,
                                       limit=options.limit):
                if pool is None and jobs > 1 and len(batch.entries) >= options.batch:
                    if pending is not None:  # never fork with a batch half-written
                        write(pending)
                        pending = None
                    pool = workers.start_pool(jobs)
                jobs_in = [(entry.full_title, entry.text, entry.extra) for entry in batch.entries]
                prepared = workers.map_in(pool, prepare, jobs_in, jobs)
                if pending is not None:
                    write(pending)
                    if progress is not None:
                        progress(dumps.stream_position(stream, total), run.position)
                pending = (batch, prepared)
            if pending is not None:
                write(pending)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if progress is not None:
        progress(total, run.position)

