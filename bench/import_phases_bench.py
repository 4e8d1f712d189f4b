"""Where a `seedwiki import` spends its time, phase by phase: wall seconds, CPU seconds of this
(the importing) process, of the parse workers and of the PostgreSQL backend serving it.

    .venv/bin/python bench/import_phases_bench.py --size 100000 [--database-url postgresql://…/db]
                                                  [--folder DIR] [--profile FILE] [-- extra import args]

Runs `seedwiki init` in a fresh wiki (with --database-url: a fresh database named
``<that database>_phases_<size>``, dropped afterwards), then `seedwiki import` *in this process*
with timing wrappers around the import's phases (writer calls, index drop/rebuild, ANALYZE, link
counts, special lists) and around every SQL statement Django runs. Server CPU is read from /proc
for the backend of this process's connection and its parallel workers (same machine only),
sampled at each phase's ends (processes found by a /proc scan every 0.5 s). --profile writes a cProfile of the whole import (this process only; the workers run unprofiled).
The dump is bench/scale_bench.py's, generated once into --folder and reused. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import cProfile
import functools
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from bench_env import drop_database, initialised_wiki
from scale_bench import write_dump

TICK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return None


class CpuWatch:
    """CPU seconds of the PostgreSQL backends serving this process and of this process's children,
    kept per pid at their last sighting (a process that exits keeps its last figure)."""

    def __init__(self):
        self.backends: set[int] = set()
        self.server: dict[int, float] = {}
        self.children: dict[int, float] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def refresh(self) -> None:
        """Read the CPU of the processes known so far (cheap: a few /proc files)."""
        with self.lock:
            for table in (self.server, self.children):
                for pid in list(table):
                    cpu = _proc_cpu(pid)
                    if cpu is not None:
                        table[pid] = cpu
            for pid in self.backends:
                cpu = _proc_cpu(pid)
                if cpu is not None:
                    self.server[pid] = cpu

    def discover(self) -> None:
        """Scan /proc for this process's children and our backends' parallel workers."""
        me = os.getpid()
        leaders = {f"for PID {pid}" for pid in self.backends}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                    self.children.setdefault(int(entry.name), 0.0)
                elif leaders and stat.split("(", 1)[1].startswith("postgres)"):
                    command = (entry / "cmdline").read_text()
                    if "parallel worker" in command and any(tag in command for tag in leaders):
                        self.server.setdefault(int(entry.name), 0.0)
            except (OSError, IndexError, ValueError):
                continue
        self.refresh()

    def totals(self) -> tuple[float, float]:
        self.refresh()
        return sum(self.server.values()), sum(self.children.values())

    def run(self) -> None:
        while not self.stop.wait(0.5):
            self.discover()


class Phases:
    def __init__(self, watch: CpuWatch):
        self.watch = watch
        self.rows: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0, 0.0, 0.0])
        self.order: list[str] = []

    def wrap(self, owner, name: str, label: str | None = None) -> None:
        original = getattr(owner, name)
        label = label or name

        @functools.wraps(original)
        def timed(*args, **kwargs):
            with self.timing(label):
                return original(*args, **kwargs)

        setattr(owner, name, timed)

    def timing(self, label: str, light: bool = False):
        """``light``: wall time only (for timers entered thousands of times)."""
        phases = self
        totals = (lambda: (0.0, 0.0)) if light else self.watch.totals
        clock = (lambda: 0.0) if light else time.process_time

        class _Timer:
            def __enter__(self):
                self.t = (time.perf_counter(), clock(), *totals())

            def __exit__(self, *exc):
                wall, cpu = time.perf_counter(), clock()
                server, children = totals()
                if label not in phases.rows:
                    phases.order.append(label)
                row = phases.rows[label]
                row[0] += 1
                for i, value in enumerate((wall, cpu, server, children)):
                    row[i + 1] += value - self.t[i]

        return _Timer()

    def print(self, total_docs: int) -> None:
        print(f"{'phase':<34}{'calls':>7}{'wall s':>9}{'main cpu':>10}{'server':>9}{'workers':>9}")
        for label in self.order:
            calls, wall, cpu, server, children, _ = self.rows[label]
            print(f"{label:<34}{calls:>7}{wall:>9.1f}{cpu:>10.1f}{server:>9.1f}{children:>9.1f}")


def statement_timer(stats):
    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            head = " ".join(sql.split()[:6])[:70]
            row = stats[head]
            row[0] += 1
            row[1] += elapsed
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--folder", default="", help="where the dump is kept (default: a temporary folder)")
    parser.add_argument("--profile", default="", help="write a cProfile of the import here")
    parser.add_argument("--keep-database", action="store_true")
    args, extra = parser.parse_known_args()
    extra = [a for a in extra if a != "--"]

    folder = Path(args.folder or tempfile.mkdtemp(prefix="seedwiki-import-phases-"))
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / f"scale-{args.size}.json"
    if not dump.exists():
        write_dump(dump, args.size)
    data_dir = folder / f"phases-wiki-{args.size}"
    env, database = initialised_wiki(data_dir, args.database_url, f"phases_{args.size}")
    try:
        os.environ.clear()
        os.environ.update(env)
        os.chdir(data_dir)
        run_import(dump, args, extra, database is not None)
    finally:
        if database and not args.keep_database:
            drop_database(args.database_url, database)
        shutil.rmtree(data_dir, ignore_errors=True)
        if not args.folder:
            shutil.rmtree(folder, ignore_errors=True)


def run_import(dump: Path, args, extra: list[str], postgres: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
    import django

    django.setup()
    from django.db import connection
    from django.db.backends.signals import connection_created

    from seedwiki import cli
    from seedwiki.documents import link_counts
    from seedwiki.documents.importing import finish, indexes, run, workers, writer
    from seedwiki.special import stored_lists

    watch = CpuWatch()
    phases = Phases(watch)

    def note_backend(sender, connection, **kwargs):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                watch.backends.add(cursor.fetchone()[0])

    connection_created.connect(note_backend)
    stats: dict[str, list] = defaultdict(lambda: [0, 0.0])
    connection.execute_wrappers.append(statement_timer(stats))

    for owner, name in [(run, "_load"), (run, "write_batch"), (indexes, "drop_for_load"), (indexes, "restore"),
                        (run, "_refresh_planner_statistics"), (finish, "bump_pages_linking_to_new"),
                        (workers, "start_pool"), (writer, "present_titles"), (writer, "existing_values"),
                        (writer, "allocate_ids"), (writer, "_index_search"), (writer, "_advance"),
                        (writer, "_edit_existing"), (link_counts, "fill_link_counts"),
                        (stored_lists, "rebuild_special_lists")]:
        phases.wrap(owner, name)
    original_insert = writer.insert_rows

    def insert_rows(table, columns, rows):
        with phases.timing(f"insert_rows {table}"):
            return original_insert(table, columns, rows)

    writer.insert_rows = insert_rows
    original_map = workers.map_in

    def map_in(*a, **k):
        results = original_map(*a, **k)

        def waited():
            iterator = iter(results)
            while True:
                with phases.timing("wait for workers", light=True):
                    try:
                        item = next(iterator)
                    except StopIteration:
                        return
                yield item
        return waited()

    workers.map_in = map_in

    sampler = threading.Thread(target=watch.run, daemon=True)
    sampler.start()
    load = os.getloadavg()
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    profiler = cProfile.Profile() if args.profile else None
    if profiler:  # forked workers would inherit the profiler and run several times slower
        os.register_at_fork(after_in_child=lambda: sys.setprofile(None))
    if profiler:
        profiler.enable()
    with phases.timing("TOTAL import command"):
        code = cli.main(["import", str(dump), "--quiet", *extra])
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    watch.stop.set()
    wall, cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = (children.ru_utime + children.ru_stime) - (children_before.ru_utime + children_before.ru_stime)
    server_cpu, _ = watch.totals()
    from seedwiki.documents.models import Document

    docs = Document.objects.count()
    backend = "PostgreSQL" if postgres else "SQLite"
    print(f"{backend} {args.size} docs (exit {code}): {args.size / wall:.0f} docs/s, {wall:.1f} s wall; CPU s per 1000 "
          f"docs: main {cpu / args.size * 1000:.2f}, workers {worker_cpu / args.size * 1000:.2f}, "
          f"server {server_cpu / args.size * 1000:.2f}; load average {load[0]:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after; {docs} documents")
    print(f"workers: user {children.ru_utime - children_before.ru_utime:.1f} s, system "
          f"{children.ru_stime - children_before.ru_stime:.1f} s, minor faults {children.ru_minflt - children_before.ru_minflt}; "
          f"per process (CPU s at last sight): {sorted(round(v, 1) for v in watch.children.values())}")
    phases.print(args.size)
    print(f"\n{'statement (first words)':<72}{'count':>8}{'wall s':>9}")
    for head, (count, seconds) in sorted(stats.items(), key=lambda kv: -kv[1][1])[:25]:
        print(f"{head:<72}{count:>8}{seconds:>9.2f}")


if __name__ == "__main__":
    main()
