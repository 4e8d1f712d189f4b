"""Page views with and without a read replica (SEEDWIKI_REPLICA_DATABASE_URLS, seedwiki/replicas.py).

    .venv/bin/python bench/replica_bench.py [--database-url postgresql://postgres@127.0.0.1:5432/postgres]
                                            [--clients 8] [--duration 8] [--workers 2]

A fresh PostgreSQL database gets wiki_bench's ~20 KB article and its pages; two exact copies are made
from it (CREATE DATABASE … TEMPLATE): the primary, and the stand-in for a streaming replica. Then
`seedwiki serve` runs on a free port on the primary alone and with the copy as its replica,
alternated (--rounds times each), and keep-alive clients read, for a bounded time, each of: the
article (anonymous: the front page cache, one freshness query a view), its history and its
backlinks (every query of the view).
Prints views/s, p50 latency and server CPU per view for each.

On one machine with both databases on one PostgreSQL server a replica adds no capacity: what this
measures is what the routing costs. The gain of a real replica is the primary's CPU and I/O freed
from page views, on another machine. Nothing is asserted. The databases are dropped afterwards.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

from bench_env import running_server, seedwiki_env, serve_command, wait_until_up
from wiki_bench import ARTICLE_TITLE, free_port, load, percentile, prepare_view_wiki, process_tree_cpu

PATHS = {"article (cached)": "/w/" + quote(ARTICLE_TITLE), "history": "/history/" + quote(ARTICLE_TITLE),
         "backlinks": "/backlink/" + quote("연결 문서 1")}


def _url(base: str, name: str) -> str:
    return urlsplit(base)._replace(path="/" + name).geturl()


def _measure(env: dict, data_dir: Path, args) -> dict[str, tuple[float, float, float]]:
    """{label: (views/s, p50 ms, server CPU ms per view)} of one server run."""
    port = free_port()
    results = {}

    def first_view():
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{port}{PATHS['article (cached)']}", timeout=30) as response:
            return response.read()

    with running_server(serve_command(port, args.workers), env, data_dir) as server:
        wait_until_up(server, data_dir, first_view)
        for label, path in PATHS.items():
            asyncio.run(load("127.0.0.1", port, path, args.clients, 2.0, 20 * args.workers))  # warm every worker
            cpu_before = process_tree_cpu(server.pid)
            elapsed, latencies, statuses, _sizes = asyncio.run(
                load("127.0.0.1", port, path, args.clients, args.duration, args.max_requests))
            cpu = process_tree_cpu(server.pid) - cpu_before
            if set(statuses) != {200}:
                raise SystemExit(f"{label}: statuses {statuses}; see {data_dir / 'server.log'}")
            results[label] = (len(latencies) / elapsed, percentile(latencies, 0.5) * 1000, cpu / len(latencies) * 1000)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("SEEDWIKI_BENCH_DATABASE_URL",
                                                                 "postgresql://postgres@127.0.0.1:5432/postgres"),
                        help="a PostgreSQL database to connect to for CREATE DATABASE")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes (default: CPUs)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each setup, alternated (default: 2)")
    args = parser.parse_args(argv)
    import psycopg

    base_name = urlsplit(args.database_url).path.strip("/") or "postgres"
    seed, primary, replica = (f"{base_name}_bench_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("seed", "primary", "replica"))
    admin = psycopg.connect(args.database_url, autocommit=True)
    data_dir = Path(tempfile.mkdtemp(prefix="seedwiki-replica-bench-"))
    try:
        admin.execute(f"CREATE DATABASE {seed}")
        prepare_view_wiki(data_dir, {"SEEDWIKI_DATABASE_URL": _url(args.database_url, seed)})
        # Primary and replica are both copies of the prepared database: a database just written is
        # measurably slower to read than a TEMPLATE copy of it, which would favour the replica.
        for name in (primary, replica):
            admin.execute(f"CREATE DATABASE {name} TEMPLATE {seed}")
        env = {**seedwiki_env(data_dir), "SEEDWIKI_DATABASE_URL": _url(args.database_url, primary)}
        setups = {"primary only": env,
                  "with a replica": {**env, "SEEDWIKI_REPLICA_DATABASE_URLS": _url(args.database_url, replica)}}
        # Alternated (A B A B …): on a shared machine the load drifts, and the order must not decide.
        runs = {f"{setup} #{round_number + 1}": _measure(setup_env, data_dir, args)
                for round_number in range(args.rounds) for setup, setup_env in setups.items()}
        print(f"== page views, PostgreSQL, with and without a read replica (workers: {args.workers}, "
              f"clients: {args.clients}, {args.duration:.0f} s each) ==")
        print(f"{'view':<18} {'setup':<19} {'views/s':>8} {'p50 ms':>8} {'CPU ms/view':>12}")
        for label in PATHS:
            for setup, results in runs.items():
                rate, p50, cpu = results[label]
                print(f"{label:<18} {setup:<19} {rate:>8.0f} {p50:>8.1f} {cpu:>12.2f}")
        print(f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    finally:
        for name in (replica, primary, seed):
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
