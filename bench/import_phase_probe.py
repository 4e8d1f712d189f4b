"""`seedwiki import` run in this process with each phase measured: wall seconds, this process's CPU
seconds and the peak resident memory (this process plus its worker processes, sampled every 0.1 s)
while the phase ran, and the load rate per slice of the dump.

    python bench/import_phase_probe.py DUMP [import args…]

import_scale_bench.py starts the importer through this script; it prints one line
``PHASES {json}`` after the import's own output. The phases are the import's functions, wrapped
by name here (nothing in src/ knows about this probe).
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")
SLICE = int(os.environ.get("PROBE_SLICE", "100000"))


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its children (Linux /proc)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(entry.name) == pid or int(fields[1]) == pid:
                total += int(fields[21]) * _PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def children_cpu(pid: int) -> float:
    """CPU seconds used so far by the live children of ``pid`` (the parse workers)."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    ticks += int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                continue
    return ticks / os.sysconf("SC_CLK_TCK")


def own_rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE


class Phases:
    def __init__(self):
        self.current = "start"
        self.stats: dict[str, dict] = {}
        self.slices: list[tuple[int, float]] = []
        self._stop = False
        threading.Thread(target=self._sample, daemon=True).start()

    def _entry(self, name: str) -> dict:
        return self.stats.setdefault(name, {"seconds": 0.0, "cpu": 0.0, "peak_mb": 0.0, "own_peak_mb": 0.0})

    def _sample(self) -> None:
        pid = os.getpid()
        while not self._stop:
            entry = self._entry(self.current)
            entry["peak_mb"] = max(entry["peak_mb"], tree_rss(pid) / 2**20)
            entry["own_peak_mb"] = max(entry["own_peak_mb"], own_rss() / 2**20)
            time.sleep(0.1)

    def wrap(self, module, name: str, label: str) -> None:
        original = getattr(module, name)

        def phase(*args, **kwargs):
            outer, self.current = self.current, label
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                entry = self._entry(label)
                entry["seconds"] += time.perf_counter() - started
                entry["cpu"] += time.process_time() - cpu
                self.current = outer

        setattr(module, name, phase)

    def count_slices(self, module) -> None:
        """Time each SLICE dump elements of the load (write_batch moves the checkpoint)."""
        original = module.write_batch

        def mark(end: int) -> None:
            self.slices.append((end, time.perf_counter(), time.process_time(), children_cpu(os.getpid()),
                                dict(getattr(self, "sql_cpu", {}))))

        def write_batch(pages, run, end, *args, **kwargs):
            if not self.slices:
                mark(run.position)
            result = original(pages, run, end, *args, **kwargs)
            if end // SLICE > self.slices[-1][0] // SLICE:
                mark(end)
            return result

        module.write_batch = write_batch

    def time_statements(self) -> None:
        """CPU seconds of the calling thread per SQL statement shape (PROBE_SQL=1), on every connection
        (the import writes on a thread of its own, with its own connection): where the writer's time goes."""
        from django.db import connections
        from django.db.backends.signals import connection_created
        self.sql: dict[str, list] = {}
        self.sql_cpu: dict[str, float] = {}

        def timed(execute, sql, params, many, context):
            started = time.thread_time()
            try:
                return execute(sql, params, many, context)
            finally:
                spent = time.thread_time() - started
                entry = self.sql.setdefault(f"{self.current}: {sql[:70]}", [0, 0.0])
                entry[0] += 1
                entry[1] += spent
                kind = "fts" if "search_fts (rowid" in sql else "links" if "documents_pagelink\" (" in sql else "other"
                self.sql_cpu[kind] = self.sql_cpu.get(kind, 0.0) + spent

        def add(sender=None, connection=None, **kwargs):
            if timed not in connection.execute_wrappers:
                connection.execute_wrappers.append(timed)

        connection_created.connect(add, weak=False)
        add(connection=connections["default"])

    def report(self) -> dict:
        self._stop = True
        if getattr(self, "sql", None):
            top = sorted(self.sql.items(), key=lambda item: -item[1][1])[:25]
            self.stats["sql"] = {shape: [calls, round(cpu, 2)] for shape, (calls, cpu) in top}
        pairs = list(zip(self.slices, self.slices[1:]))
        rates = [round((b[0] - a[0]) / (b[1] - a[1])) for a, b in pairs]
        # CPU milliseconds per dump element: the importer process (all its threads) and the parse workers.
        writer = [round((b[2] - a[2]) / (b[0] - a[0]) * 1000, 3) for a, b in pairs]
        workers = [round(max(0.0, b[3] - a[3]) / (b[0] - a[0]) * 1000, 3) for a, b in pairs]
        if getattr(self, "sql", None):  # the writer's CPU per element in the FTS fill, the link rows, the rest of SQL
            self.stats["slice_sql_cpu_ms"] = {kind: [round((b[4].get(kind, 0) - a[4].get(kind, 0)) / (b[0] - a[0]) * 1000, 3)
                                                     for a, b in pairs] for kind in ("fts", "links", "other")}
        return {"phases": self.stats, "slice": SLICE, "slice_rates": rates, "slice_writer_cpu_ms": writer,
                "slice_worker_cpu_ms": workers}


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
    import django

    django.setup()
    from seedwiki.cli import main as seedwiki_main
    from seedwiki.documents import link_counts
    from seedwiki.documents.importing import finish, indexes
    from seedwiki.documents.importing import run as import_run
    from seedwiki.special import stored_lists

    phases = Phases()
    phases.wrap(import_run, "_load", "load")
    phases.wrap(indexes, "restore", "indexes")
    phases.wrap(import_run, "_refresh_planner_statistics", "analyze")
    phases.wrap(finish, "bump_pages_linking_to_new", "bump")
    phases.wrap(link_counts, "fill_link_counts", "link_counts")
    for name in ("needed", "orphaned", "uncategorized"):
        if hasattr(stored_lists, f"{name}_rows"):
            phases.wrap(stored_lists, f"{name}_rows", f"list_{name}")
    for name, label in (("_store", "list_store"), ("_stage", "lists_sql"), ("_swap_in", "lists_swap")):
        if hasattr(stored_lists, name):  # the Python rebuild before issue 9, the SQL one after
            phases.wrap(stored_lists, name, label)
    phases.count_slices(import_run)
    if os.environ.get("PROBE_SQL"):
        phases.time_statements()
    code = seedwiki_main(["import", *sys.argv[1:]])
    print("PHASES " + json.dumps(phases.report()), flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
