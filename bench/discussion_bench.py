"""Discussions: opening a long thread, and posting comments concurrently, through the production server.

    .venv/bin/python bench/discussion_bench.py [--comments 5000] [--clients 8] [--duration 10]
                                               [--views 200] [--workers 1]

A temporary wiki (SQLite, fresh data folder) gets one thread of N comments (NamuMark with bold,
links and a footnote; our own text), written straight into the tables. `seedwiki serve` is started
on a free port, then:
- views: GET /thread/<slug> (the first block of 30) — once cold (every comment rendered), then
  ``--views`` times warm from one client: p50 / p90 / max latency;
- posting: ``--clients`` anonymous clients, each with its own CSRF cookie and address-free keep-alive
  connection, POST comments as fast as they can for ``--duration`` seconds (the page script's JSON
  request); comments/s, latency, and a check that the stored numbers are 1…N with no gap. The
  per-address comment rate limit is switched off for the run (all clients share 127.0.0.1).

Targets on the 2-core development machine: first page < 50 ms, ≥ 50 comments/s with 8 clients.
Nothing is asserted.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench_env import running_server, seedwiki_env, serve_command, wait_until_up
from wiki_bench import free_port, percentile

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
THREAD_SLUG = "BenchLongThreadSlug"

MAKE_THREAD = """
import sys
from seedwiki.cli import _setup_django
_setup_django()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.utils import timezone
from seedwiki.discussions.models import Comment, Thread
from seedwiki.documents.models import Document
from seedwiki.documents.services import edit_page
count = int(sys.argv[1])
edit_page("벤치마크 토론 문서", "본문", author_name="bench")
now = timezone.now()
thread = Thread.objects.create(slug=%(slug)r, document=Document.objects.get(title="벤치마크 토론 문서"),
                               topic="긴 토론", created_at=now, updated_at=now, comment_count=count)
rows = [Comment(thread=thread, number=n, author_name="192.0.2.%%d" %% (n %% 200 + 1), ip="192.0.2.%%d" %% (n %% 200 + 1),
                text="'''%%d번''' 의견입니다. [[벤치마크 토론 문서]]를 보세요.[* 각주 %%d]\\n둘째 줄 ~~취소~~" %% (n, n),
                created_at=now) for n in range(1, count + 1)]
Comment.objects.bulk_create(rows, batch_size=1000)
""" % {"slug": THREAD_SLUG}


def timed_get(connection, path: str) -> tuple[float, int, bytes]:
    t0 = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    return time.perf_counter() - t0, response.status, body


def bench_views(port: int, views: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    path = f"/thread/{THREAD_SLUG}"
    cold, status, body = timed_get(connection, path)
    shown = len(re.findall(rb'data-number="', body))
    latencies = []
    for _ in range(views):
        elapsed, status, _body = timed_get(connection, path)
        assert status == 200, status
        latencies.append(elapsed)
    connection.close()
    print(f"first page of the thread: {shown} comments, {len(body) / 1024:.1f} KB of HTML")
    print(f"  cold (all {shown} comments rendered): {cold * 1000:.1f} ms")
    print(f"  warm, {views} views: p50 {percentile(latencies, 0.5) * 1000:.1f} ms, "
          f"p90 {percentile(latencies, 0.9) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms  (target < 50 ms)")


class Poster(threading.Thread):
    def __init__(self, port: int, index: int, stop_at: float):
        super().__init__(daemon=True)
        self.port, self.index, self.stop_at = port, index, stop_at
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request("GET", f"/thread/{THREAD_SLUG}")
        response = connection.getresponse()
        response.read()
        cookie = response.getheader("Set-Cookie", "")
        token = re.search(r"csrftoken=([^;]+)", cookie).group(1)
        headers = {"Cookie": f"csrftoken={token}", "X-CSRFToken": token, "Accept": "application/json",
                   "X-Requested-With": "XMLHttpRequest", "Content-Type": "application/x-www-form-urlencoded",
                   "Referer": f"http://127.0.0.1:{self.port}/"}
        n = 0
        while time.monotonic() < self.stop_at:
            n += 1
            body = urllib.parse.urlencode({"text": f"클라이언트 {self.index}의 {n}번째 댓글"})
            t0 = time.perf_counter()
            connection.request("POST", f"/thread/{THREAD_SLUG}", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            self.latencies.append(time.perf_counter() - t0)
            self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
        connection.close()


def bench_posting(port: int, clients: int, duration: float, data_dir: Path, before: int) -> None:
    stop_at = time.monotonic() + duration
    posters = [Poster(port, i, stop_at) for i in range(clients)]
    t0 = time.perf_counter()
    for poster in posters:
        poster.start()
    for poster in posters:
        poster.join(duration + 120)
    elapsed = time.perf_counter() - t0
    latencies = [x for p in posters for x in p.latencies]
    statuses: dict[int, int] = {}
    for poster in posters:
        for code, count in poster.statuses.items():
            statuses[code] = statuses.get(code, 0) + count
    ok = statuses.get(200, 0)
    with sqlite3.connect(data_dir / "seedwiki.sqlite3") as db:
        numbers = [row[0] for row in db.execute(
            "SELECT c.number FROM discussions_comment c JOIN discussions_thread t ON t.id = c.thread_id "
            "WHERE t.slug = ? ORDER BY c.number", (THREAD_SLUG,))]
    print(f"posting: {clients} clients for {duration:.0f} s → {ok} comments in {elapsed:.2f} s = "
          f"{ok / elapsed:.0f} comments/s  (target ≥ 50)")
    print(f"  latency: p50 {percentile(latencies, 0.5) * 1000:.1f} ms, p90 {percentile(latencies, 0.9) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms; statuses {dict(sorted(statuses.items()))}")
    print(f"  numbers stored: {len(numbers)}, gapless 1…{len(numbers)}: {numbers == list(range(1, len(numbers) + 1))}, "
          f"new ones: {len(numbers) - before}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--views", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="seedwiki-discussion-bench-"))
    env = seedwiki_env(data_dir)
    # The clients all come from 127.0.0.1: the per-address comment limit would measure itself.
    env["SEEDWIKI_RATE_LIMITS"] = "comment.ip=off"
    try:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", MAKE_THREAD, str(args.comments)], env=env, cwd=data_dir, check=True)
        print(f"== discussions (seedwiki serve, SQLite, {args.workers} worker(s)) ==")
        print(f"thread of {args.comments} comments written in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        with running_server(serve_command(port, args.workers), env, data_dir) as server:
            wait_until_up(server, data_dir,
                          lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/RecentDiscuss", timeout=5).read())
            bench_views(port, args.views)
            bench_posting(port, args.clients, args.duration, data_dir, args.comments)
        print(f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
