"""Import at scale: `seedwiki import` of bench/scale_bench.py's generated wiki (namu.wiki's shape)
at several sizes, on SQLite or PostgreSQL, with its wall time, CPU time, peak memory and the
database's size on disk.

    .venv/bin/python bench/import_scale_bench.py [--sizes 10000,100000] [--database-url postgresql://…/db]
                                                 [--folder DIR] [--keep-dumps] [--keep-wiki]
                                                 [--statements] [--profile FILE] [-- extra import args]

Peak memory is the largest sum of the resident sizes of the importer and its worker processes,
sampled every 0.2 s: flat across sizes means memory does not grow with the dump. The importer runs
under import_phase_probe.py, which adds per phase (load and each writer step inside it, index builds,
link counts, each special list…) its calls, seconds, CPU seconds of the importer, of the parse workers
and of the PostgreSQL backend, and peak RSS, and the load rate per slice of PROBE_SLICE elements;
--statements adds wall and CPU seconds per SQL statement shape, --profile FILE a cProfile of the
importer (bench/import_phases_bench.py is this with one size and both). With
--database-url each size gets a fresh database named ``<that database>_scale_<size>`` on that
server, dropped afterwards (kept with --keep-wiki, which also leaves the SQLite folder and the record
that `scale_bench.py --keep DIR --reuse [--in-database URL]` needs to time the pages of that wiki). The load average is printed with every figure (2-core machines shared
with other work give noisy wall times; CPU seconds per document are the steadier figure).
Nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_env import drop_database, initialised_wiki
from import_phase_probe import tree_rss
from scale_bench import write_dump


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def database_bytes(env: dict, data_dir: Path) -> int:
    url = env.get("SEEDWIKI_DATABASE_URL")
    if url:
        import psycopg

        with psycopg.connect(url) as conn:
            return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return sum(p.stat().st_size for p in data_dir.glob("seedwiki.sqlite3*"))


def run_size(count: int, args, extra: list[str]) -> None:
    folder = Path(args.folder or tempfile.mkdtemp(prefix="seedwiki-import-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / f"scale-{count}.json"
    if not dump.exists():
        started = time.perf_counter()
        write_dump(dump, count)
        print(f"[{count}] dump {dump.stat().st_size / 1e6:.0f} MB written in {time.perf_counter() - started:.0f} s",
              flush=True)
    data_dir = folder / f"wiki-{count}"
    env, database = initialised_wiki(data_dir, args.database_url, f"scale_{count}")
    try:
        load_before = os.getloadavg()
        cpu_before, started = _children_cpu(), time.perf_counter()
        probe = Path(__file__).with_name("import_phase_probe.py")
        if args.statements:
            env["PROBE_SQL"] = "1"
        if args.profile:
            env["PROBE_PROFILE"] = str(Path(args.profile).resolve())
        importer = subprocess.Popen([sys.executable, str(probe), str(dump), "--quiet", *extra],
                                    env=env, cwd=data_dir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        peak = [0]

        def sample():
            while importer.poll() is None:
                peak[0] = max(peak[0], tree_rss(importer.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        output = importer.communicate()[0]
        sampler.join()
        wall, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
        if importer.returncode != 0:
            print(f"[{count}] import failed (exit {importer.returncode}):\n{output[-3000:]}")
            return
        size = database_bytes(env, data_dir)
        if args.keep_wiki:
            (data_dir / "scale-import.json").write_text(json.dumps({"count": count, "seconds": wall}))
            print(f"[{count}] wiki kept in {data_dir}" + (f", database {database}" if database else ""), flush=True)
        backend = "PostgreSQL" if database else "SQLite"
        print(f"[{count}] {backend}: {count / wall:.0f} docs/s ({wall:.1f} s wall), CPU {cpu:.1f} s "
              f"({cpu / count * 1000:.2f} ms/doc), peak RSS {peak[0] / 2**20:.0f} MB, database {size / 2**20:.0f} MB; "
              f"load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after", flush=True)
        lines = output.strip().splitlines()
        phases = json.loads(lines.pop()[len("PHASES "):]) if lines and lines[-1].startswith("PHASES ") else None
        print("   " + "\n   ".join(lines[-2:]), flush=True)
        if phases:
            print_phases(phases, count)
    finally:
        if not args.keep_wiki:
            if database:
                drop_database(args.database_url, database)
            shutil.rmtree(data_dir, ignore_errors=True)
        if not args.keep_dumps:
            dump.unlink(missing_ok=True)
        if not args.folder and not args.keep_wiki:
            shutil.rmtree(folder, ignore_errors=True)


def print_phases(report: dict, count: int) -> None:
    totals = report.get("totals")
    if totals:
        print(f"   CPU ms per document: importer {totals['cpu'] / count * 1000:.2f}, parse workers "
              f"{totals['workers'] / count * 1000:.2f}, PostgreSQL server {totals['server'] / count * 1000:.2f}")
    print(f"   {'phase':<34}{'calls':>7}{'wall s':>9}{'cpu s':>8}{'workers':>9}{'server':>8}{'peak MB':>9}{'alone':>7}")
    for name, entry in report["phases"].items():
        print(f"   {name:<34}{entry['calls']:>7}{entry['seconds']:>9.1f}{entry['cpu']:>8.1f}{entry['workers']:>9.1f}"
              f"{entry['server']:>8.1f}{entry['peak_mb']:>9.0f}{entry['own_peak_mb']:>7.0f}")
    if report["slice_rates"]:  # a dump smaller than one slice has none
        print(f"   load rate per {report['slice']} elements: {report['slice_rates']} docs/s; CPU ms per element: "
              f"writer {report['slice_writer_cpu_ms']}, parse workers {report['slice_worker_cpu_ms']}", flush=True)
    if report.get("sql"):
        print(f"   SQL CPU ms per element by slice: {report['slice_sql_cpu_ms']}")
        print(f"   {'phase: statement (first words)':<90}{'count':>8}{'wall s':>9}{'cpu s':>8}")
        for shape, (calls, wall, cpu) in report["sql"].items():
            print(f"   {shape:<90}{calls:>8}{wall:>9.2f}{cpu:>8.2f}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--database-url", default="", help="a PostgreSQL server URL (a fresh database per size)")
    parser.add_argument("--folder", default="", help="where dumps and SQLite files go (default: a temporary one)")
    parser.add_argument("--keep-dumps", action="store_true", help="keep (and reuse) the generated dumps")
    parser.add_argument("--keep-wiki", action="store_true",
                        help="keep the imported wiki (folder, PostgreSQL database) for scale_bench.py --reuse")
    parser.add_argument("--statements", action="store_true", help="time every SQL statement shape (PROBE_SQL)")
    parser.add_argument("--profile", default="", help="write a cProfile of the importer process here")
    args, extra = parser.parse_known_args()
    extra = [a for a in extra if a != "--"]
    for count in (int(s) for s in args.sizes.split(",")):
        run_size(count, args, extra)


if __name__ == "__main__":
    main()
