"""`seedwiki import` run in this process with each phase measured — the one instrument behind
import_scale_bench.py (and import_phases_bench.py, now its short form).

    python bench/import_phase_probe.py DUMP [import args…]

Per phase (load, index drop/rebuild, ANALYZE, link counts, special lists, and inside the load each
writer step: title lookups, blob/revision/document/link inserts, the search rows, the checkpoint,
the wait for the parse workers): calls, wall seconds, this process's CPU seconds, the parse workers'
CPU seconds, the PostgreSQL backend's CPU seconds (its process and parallel workers, read from /proc:
same machine only) and the peak resident memory (this process plus its workers, sampled every 0.1 s).
Also the load rate and CPU ms per element (writer, workers) per slice of PROBE_SLICE elements.
Environment: PROBE_SQL=1 adds wall and CPU seconds per SQL statement shape, on every connection;
PROBE_PROFILE=FILE writes a cProfile of the import (this process only; the forked workers run
unprofiled). It prints one line ``PHASES {json}`` after the import's own output. The phases are
the import's functions, wrapped by name here (nothing in src/ knows about this probe).
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICK = os.sysconf("SC_CLK_TCK")
SLICE = int(os.environ.get("PROBE_SLICE", "100000"))


def _stat(pid) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its children (Linux /proc)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(entry.name)
            if fields and (int(entry.name) == pid or int(fields[1]) == pid):
                total += int(fields[21]) * _PAGE
    return total


def own_rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE


class CpuWatch:
    """CPU seconds of this process's children (parse workers) and of the PostgreSQL backends serving
    it, kept per pid at their last sighting (a process that exits keeps its last figure). The /proc
    scan that finds them runs on the sampler thread; totals() reads only the known pids (cheap
    enough to call around every writer step)."""

    def __init__(self):
        self.backends: set[int] = set()
        self.server: dict[int, float] = {}
        self.children: dict[int, float] = {}
        self.lock = threading.Lock()

    def discover(self) -> None:
        me = os.getpid()
        leaders = {f"for PID {pid}" for pid in self.backends}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            fields = _stat(entry.name)
            if fields is None:
                continue
            if int(fields[1]) == me:
                with self.lock:
                    self.children.setdefault(int(entry.name), 0.0)
            elif leaders:
                try:
                    command = Path(f"/proc/{entry.name}/cmdline").read_text()
                except OSError:
                    continue
                if "parallel worker" in command and any(tag in command for tag in leaders):
                    with self.lock:
                        self.server.setdefault(int(entry.name), 0.0)

    def totals(self) -> tuple[float, float]:
        """(server CPU seconds, worker CPU seconds) so far."""
        with self.lock:
            for pid in self.backends:
                self.server.setdefault(pid, 0.0)
            for table in (self.server, self.children):
                for pid in table:
                    fields = _stat(pid)
                    if fields is not None:
                        table[pid] = (int(fields[11]) + int(fields[12])) / _TICK
            return sum(self.server.values()), sum(self.children.values())


class Phases:
    def __init__(self):
        self.current = "start"
        self.order: list[str] = []
        self.stats: dict[str, dict] = {}
        self.slices: list[tuple] = []
        self.watch = CpuWatch()
        self.sql: dict[str, list] = {}
        self.sql_cpu: dict[str, float] = {}
        self.sampler_cpu = 0.0  # the sampler thread's own CPU, left out of the importer's figures
        self._stop = False
        threading.Thread(target=self._sample, daemon=True).start()

    def _entry(self, name: str) -> dict:
        if name not in self.stats:
            self.order.append(name)
            self.stats[name] = {"calls": 0, "seconds": 0.0, "cpu": 0.0, "workers": 0.0, "server": 0.0,
                                "peak_mb": 0.0, "own_peak_mb": 0.0}
        return self.stats[name]

    def _sample(self) -> None:
        pid, tick = os.getpid(), 0
        while not self._stop:
            entry = self._entry(self.current)
            entry["peak_mb"] = max(entry["peak_mb"], tree_rss(pid) / 2**20)
            entry["own_peak_mb"] = max(entry["own_peak_mb"], own_rss() / 2**20)
            if tick % 5 == 0:
                self.watch.discover()
            tick += 1
            self.sampler_cpu = time.thread_time()
            time.sleep(0.1)

    def cpu(self) -> float:
        """This process's CPU seconds, the sampler thread's left out."""
        return time.process_time() - self.sampler_cpu

    def timing(self, label: str, light: bool = False):
        """A context manager adding one call of ``label``; ``light``: wall time only (for timers
        entered once per page)."""
        phases = self

        class _Timer:
            def __enter__(self):
                self.outer, phases.current = phases.current, label
                self.t = (time.perf_counter(),) if light else (time.perf_counter(), phases.cpu(),
                                                               *phases.watch.totals())

            def __exit__(self, *exc):
                entry = phases._entry(label)
                entry["calls"] += 1
                entry["seconds"] += time.perf_counter() - self.t[0]
                if not light:
                    server, workers = phases.watch.totals()
                    entry["cpu"] += phases.cpu() - self.t[1]
                    entry["server"] += server - self.t[2]
                    entry["workers"] += workers - self.t[3]
                phases.current = self.outer

        return _Timer()

    def wrap(self, module, name: str, label: str | None = None) -> None:
        original = getattr(module, name)

        def phase(*args, **kwargs):
            with self.timing(label or name):
                return original(*args, **kwargs)

        setattr(module, name, phase)

    def wrap_inserts(self, writer) -> None:
        """insert_rows timed per table."""
        original = writer.insert_rows

        def insert_rows(table, columns, rows):
            with self.timing(f"insert_rows {table}"):
                return original(table, columns, rows)

        writer.insert_rows = insert_rows

    def wrap_worker_wait(self, workers) -> None:
        """The time this process waits for each prepared page (wall only: once per page)."""
        original = workers.map_in

        def map_in(*args, **kwargs):
            results = iter(original(*args, **kwargs))

            def waited():
                while True:
                    with self.timing("wait for workers", light=True):
                        try:
                            item = next(results)
                        except StopIteration:
                            return
                    yield item
            return waited()

        workers.map_in = map_in

    def count_slices(self, module) -> None:
        """Time each SLICE dump elements of the load (write_batch moves the checkpoint)."""
        original = module.write_batch

        def mark(end: int) -> None:
            self.slices.append((end, time.perf_counter(), self.cpu(), self.watch.totals()[1],
                                dict(self.sql_cpu)))

        def write_batch(pages, run, end, *args, **kwargs):
            if not self.slices:
                mark(run.position)
            result = original(pages, run, end, *args, **kwargs)
            if end // SLICE > self.slices[-1][0] // SLICE:
                mark(end)
            return result

        module.write_batch = write_batch

    def note_backends(self) -> None:
        """Remember the PostgreSQL backend pid of every connection (its CPU is the server's)."""
        from django.db import connections
        from django.db.backends.signals import connection_created

        def note(sender=None, connection=None, **kwargs):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    self.watch.backends.add(cursor.fetchone()[0])

        connection_created.connect(note, weak=False)
        if connections["default"].connection is not None:
            note(connection=connections["default"])

    def time_statements(self) -> None:
        """Calls, wall and CPU seconds of the calling thread per SQL statement shape (PROBE_SQL=1),
        on every connection: where the writer's time goes."""
        from django.db import connections
        from django.db.backends.signals import connection_created

        def timed(execute, sql, params, many, context):
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return execute(sql, params, many, context)
            finally:
                spent = time.thread_time() - cpu
                entry = self.sql.setdefault(f"{self.current}: {' '.join(sql.split())[:70]}", [0, 0.0, 0.0])
                entry[0] += 1
                entry[1] += time.perf_counter() - started
                entry[2] += spent
                kind = "fts" if "search_fts (rowid" in sql else "links" if "documents_pagelink\" (" in sql else "other"
                self.sql_cpu[kind] = self.sql_cpu.get(kind, 0.0) + spent

        def add(sender=None, connection=None, **kwargs):
            if timed not in connection.execute_wrappers:
                connection.execute_wrappers.append(timed)

        connection_created.connect(add, weak=False)
        add(connection=connections["default"])

    def report(self, totals: dict) -> dict:
        self._stop = True
        pairs = list(zip(self.slices, self.slices[1:]))
        rates = [round((b[0] - a[0]) / (b[1] - a[1])) for a, b in pairs]
        # CPU milliseconds per dump element: the importer process (all its threads) and the parse workers.
        writer = [round((b[2] - a[2]) / (b[0] - a[0]) * 1000, 3) for a, b in pairs]
        workers = [round(max(0.0, b[3] - a[3]) / (b[0] - a[0]) * 1000, 3) for a, b in pairs]
        result = {"phases": {name: self.stats[name] for name in self.order}, "totals": totals, "slice": SLICE,
                  "slice_rates": rates, "slice_writer_cpu_ms": writer, "slice_worker_cpu_ms": workers}
        if self.sql:
            top = sorted(self.sql.items(), key=lambda item: -item[1][1])[:25]
            result["sql"] = {shape: [calls, round(wall, 2), round(cpu, 2)] for shape, (calls, wall, cpu) in top}
            # The writer's CPU per element in the FTS fill, the link rows, the rest of SQL.
            result["slice_sql_cpu_ms"] = {kind: [round((b[4].get(kind, 0) - a[4].get(kind, 0)) / (b[0] - a[0]) * 1000, 3)
                                                 for a, b in pairs] for kind in ("fts", "links", "other")}
        return result


def instrument(phases: Phases) -> None:
    from seedwiki.documents import link_counts
    from seedwiki.documents.importing import finish, indexes, workers, writer
    from seedwiki.documents.importing import run as import_run
    from seedwiki.special import stored_lists

    phases.wrap(import_run, "_load", "load")
    for module, name, label in [
            (indexes, "drop_for_load", "drop indexes"), (workers, "start_pool", "start workers"),
            (writer, "present_titles", None), (writer, "existing_values", None), (writer, "allocate_ids", None),
            (writer, "_index_search", "search rows"), (writer, "_advance", "checkpoint"),
            (writer, "_edit_existing", "edit existing"),
            (indexes, "restore", "indexes"), (import_run, "_refresh_planner_statistics", "analyze"),
            (finish, "bump_pages_linking_to_new", "bump"), (link_counts, "fill_link_counts", "link_counts")]:
        if hasattr(module, name):
            phases.wrap(module, name, label)
    for name in ("needed", "orphaned", "uncategorized"):
        if hasattr(stored_lists, f"{name}_rows"):
            phases.wrap(stored_lists, f"{name}_rows", f"list_{name}")
    for name, label in (("_store", "list_store"), ("_stage", "lists_sql"), ("_swap_in", "lists_swap")):
        if hasattr(stored_lists, name):  # the Python rebuild before issue 9, the SQL one after
            phases.wrap(stored_lists, name, label)
    phases.wrap_inserts(writer)
    phases.wrap_worker_wait(workers)
    phases.count_slices(import_run)
    phases.note_backends()
    if os.environ.get("PROBE_SQL"):
        phases.time_statements()


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
    import django

    django.setup()
    from seedwiki.cli import main as seedwiki_main

    phases = Phases()
    instrument(phases)
    profile_to = os.environ.get("PROBE_PROFILE")
    profiler = None
    if profile_to:
        import cProfile

        profiler = cProfile.Profile()
        # Forked workers would inherit the profiler and run several times slower.
        os.register_at_fork(after_in_child=lambda: sys.setprofile(None))
        profiler.enable()
    started, cpu = time.perf_counter(), phases.cpu()
    code = seedwiki_main(["import", *sys.argv[1:]])
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_to)
    server, workers = phases.watch.totals()
    totals = {"seconds": time.perf_counter() - started, "cpu": phases.cpu() - cpu, "workers": workers,
              "server": server}
    print("PHASES " + json.dumps(phases.report(totals)), flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
