"""Wiki throughput: page views through the production server, and edits through the edit service.

    .venv/bin/python bench/wiki_bench.py [--clients 8] [--duration 10] [--max-requests 40000]
                                         [--workers 1] [--edits 300] [--skip-views] [--skip-edits]

Views: a temporary wiki (SQLite, fresh data folder) gets a generated ~20 KB article (headings, table
of contents, links, footnotes, a table, an included template, categories — our own text). Then
`seedwiki serve` (uvicorn) is started on a free port, the article is fetched once so its HTML is
cached, and N concurrent keep-alive clients on 127.0.0.1 read it for a bounded time and request
count. Prints page views/s and the p50 / p90 / p99 latency, plus one uncached render for scale.

Edits: in this process, against a second fresh SQLite wiki: pages with ~40 links and categories
are edited one after another through `edit_page` (new revision, blob, link-table rewrite, search
row, after-commit invalidation). Prints edits/s and the median edit time — as the CLI saves (the
analysis in this process) and as a request saves (the analysis in a render worker process). Then
one uncached render of the article both ways (the cost of the render pool's hard limit).

Targets on the 2-core development machine: ≥ 500 views/s, ≥ 50 edits/s. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from bench_env import running_server, seedwiki_env, serve_command, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
ARTICLE_TITLE = "벤치마크 문서"

SYLLABLES = "가나다라마바사아자차카타파하강남동서울산천해바람구름하늘별빛소리노래시간역사문화사람도시"


# --- generated text ---------------------------------------------------------------------------

def words(rng: random.Random, count: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(count))


def article_text(target_bytes: int = 20_000, seed: int = 1) -> str:
    """A namu.wiki-shaped article of about ``target_bytes`` UTF-8 bytes (our own random words)."""
    rng = random.Random(seed)
    parts = ["[include(틀:벤치 상자, 제목=벤치마크, 설명=생성된 문서)]", "[목차]"]
    section = 0
    footnote = 0
    while len("\n".join(parts).encode("utf-8")) < target_bytes:
        section += 1
        parts.append(f"== {words(rng, 2)} {section} ==")
        for sub in range(1, 3):
            parts.append(f"=== {words(rng, 2)} {section}.{sub} ===")
            for _ in range(3):
                footnote += 1
                links = " ".join(f"[[연결 문서 {rng.randint(1, 60)}|{words(rng, 1)}]]" for _ in range(2))
                parts.append(f"'''{words(rng, 1)}'''는 {words(rng, 12)} {links} {words(rng, 8)}."
                             f"[* {words(rng, 5)} 각주 {footnote}.] ~~{words(rng, 2)}~~ {{{{{{#red {words(rng, 1)}}}}}}}")
            parts.append("|| 항목 || 값 || 비고 ||")
            for row in range(3):
                parts.append(f"|| {words(rng, 1)} || {rng.randint(1, 999)} || [[https://example.org/{row}|출처]] ||")
            parts.append(" * " + words(rng, 4) + "\n * " + words(rng, 4) + "\n  * " + words(rng, 3))
    parts += ["== 각주 ==", "[각주]", "[[분류:벤치마크]][[분류:생성된 문서]]"]
    return "\n".join(parts) + "\n"


def link_text(rng: random.Random, links: list[int], number: int, round_number: int) -> str:
    """~2 KB page with 40 links and two categories."""
    body = " ".join(f"[[링크 대상 {target}]]" for target in links)
    return (f"== 판 {round_number} ==\n{words(rng, 80)}\n{body}\n[* 각주 {number}]\n"
            f"[[분류:편집 벤치 {number % 7}]][[분류:편집 벤치]]\n")


def next_links(rng: random.Random, links: list[int], changed: int) -> list[int]:
    """An edit changes a paragraph and ``changed`` of the links (all of them when changed ≥ 40)."""
    links = list(links)
    for index in rng.sample(range(len(links)), min(changed, len(links))):
        links[index] = rng.randint(1, 400)
    return links


# --- a temporary wiki -------------------------------------------------------------------------

def setup_django(data_dir: Path) -> None:
    sys.path.insert(0, str(SRC))
    os.environ["SEEDWIKI_DATA"] = str(data_dir)
    os.environ.pop("SEEDWIKI_DATABASE_URL", None)
    os.environ.setdefault("SEEDWIKI_SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdef")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SAVE_PAGES = """
import json, sys
from seedwiki.cli import _setup_django
_setup_django()
from seedwiki.documents.services import edit_page
for title, text in json.load(sys.stdin):
    edit_page(title, text, author_name="bench", summary="bench")
"""
TEMPLATE = "{{{#!wiki style=\"border:1px solid #999\"\n'''@제목@''': @설명@\n}}}\n"


def prepare_view_wiki(data_dir: Path, extra_env: dict | None = None) -> int:
    """Run `seedwiki init`, then save the article, its template and some linked pages; returns the size.

    ``extra_env``: more settings (e.g. SEEDWIKI_DATABASE_URL; bench/replica_bench.py)."""
    env = {**seedwiki_env(data_dir), **(extra_env or {})}
    subprocess.run([sys.executable, "-m", "seedwiki", "init"], env=env, cwd=data_dir, check=True,
                   capture_output=True, timeout=600)
    text = article_text()
    pages = [("틀:벤치 상자", TEMPLATE)]
    pages += [(f"연결 문서 {n}", f"연결 문서 {n}의 본문") for n in range(1, 61, 2)]  # blue and red links
    pages.append((ARTICLE_TITLE, text))
    subprocess.run([sys.executable, "-c", SAVE_PAGES], input=json.dumps(pages).encode(), env=env, cwd=data_dir,
                   check=True, capture_output=True, timeout=600)
    return len(text.encode("utf-8"))


# --- load generator: asyncio keep-alive clients (cheap per request, so the server is measured) -

async def client_loop(host: str, port: int, request: bytes, deadline: float, budget: list[int],
                      latencies: list[float], statuses: dict[int, int], sizes: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while budget[0] > 0 and time.perf_counter() < deadline:
            budget[0] -= 1
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length, chunked, closing = None, False, False
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"transfer-encoding" and b"chunked" in value.lower():
                    chunked = True
                elif name == b"connection" and b"close" in value.lower():
                    closing = True
            received = 0
            if chunked:
                while True:
                    size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
                    await reader.readexactly(size + 2)
                    received += size
                    if size == 0:
                        break
            elif length is not None:
                await reader.readexactly(length)
                received = length
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
            sizes.append(received)
            if closing:
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
    finally:
        writer.close()


async def load(host: str, port: int, path: str, clients: int, duration: float, max_requests: int):
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Language: ko\r\n"
               f"Connection: keep-alive\r\n\r\n").encode()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    sizes: list[int] = []
    budget = [max_requests]
    started = time.perf_counter()
    deadline = started + duration
    await asyncio.gather(*(client_loop(host, port, request, deadline, budget, latencies, statuses, sizes)
                           for _ in range(clients)))
    return time.perf_counter() - started, latencies, statuses, sizes


def process_tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its children (uvicorn workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        own, parent = int(entry.name), int(fields[1])
        if own == pid or parent == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def bench_views(args) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="seedwiki-view-bench-"))
    try:
        size = prepare_view_wiki(data_dir)
        port = free_port()
        if args.interface == "serve":  # the production command
            command = serve_command(port, args.workers)
        else:  # for comparison: uvicorn on Django's ASGI or WSGI application directly
            module = "seedwiki.asgi:application" if args.interface == "asgi" else "seedwiki.wsgi:application"
            command = [sys.executable, "-m", "uvicorn", module, "--interface", args.interface.replace("asgi", "asgi3"),
                       "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
                       "--log-level", "warning"]
        path = "/w/" + quote(ARTICLE_TITLE)

        def first_view():
            t0 = time.perf_counter()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
                return response.read(), time.perf_counter() - t0

        with running_server(command, seedwiki_env(data_dir), data_dir) as server:
            page, first = wait_until_up(server, data_dir, first_view)
            # Warm every worker's cache (each process has its own in-memory cache).
            asyncio.run(load("127.0.0.1", port, path, args.clients, 5.0, 50 * args.workers))
            cpu_before, client_before = process_tree_cpu(server.pid), time.process_time()
            elapsed, latencies, statuses, sizes = asyncio.run(
                load("127.0.0.1", port, path, args.clients, args.duration, args.max_requests))
            server_cpu = process_tree_cpu(server.pid) - cpu_before
            client_cpu = time.process_time() - client_before
        views = len(latencies)
        print("== page views (seedwiki serve / uvicorn, SQLite) ==")
        print(f"article: {size / 1024:.1f} KB of NamuMark → {len(page) / 1024:.1f} KB of HTML; "
              f"first (uncached) view {first * 1000:.0f} ms")
        print(f"server: {args.interface}; clients: {args.clients} keep-alive connections, workers: {args.workers}, "
              f"bounded by {args.duration:.0f} s / {args.max_requests} requests")
        print(f"views: {views} in {elapsed:.2f} s → {views / elapsed:.0f} views/s  (target ≥ 500)")
        print(f"latency: p50 {percentile(latencies, 0.5) * 1000:.1f} ms, p90 {percentile(latencies, 0.9) * 1000:.1f} ms, "
              f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
        print(f"statuses: {dict(sorted(statuses.items()))}, mean body {statistics.mean(sizes) / 1024:.1f} KB")
        per_view = server_cpu / views if views else float("nan")
        print(f"server CPU: {per_view * 1000:.2f} ms per view ({server_cpu:.1f} s in all; load generator "
              f"{client_cpu:.1f} s) → {1 / per_view:.0f} views/s per fully available core; "
              f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def bench_edits(args) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="seedwiki-edit-bench-"))
    try:
        setup_django(data_dir)
        from seedwiki.documents.models import PageLink
        from seedwiki.documents.services import edit_page

        rng = random.Random(7)
        pages = max(10, args.edits // 10)
        links = {n: [rng.randint(1, 400) for _ in range(40)] for n in range(pages)}
        for number in range(pages):  # every page exists first, so each timed save is an edit
            edit_page(f"편집 벤치 {number}", link_text(rng, links[number], number, 0), author_name="bench")
        print("== edits (edit_page: revision + blob + link rows + search row + invalidation, SQLite WAL) ==")
        from seedwiki import render_pool

        if render_pool.pool() is not None:  # warm, as `seedwiki serve` starts it
            render_pool.pool().start(wait=render_pool.SPAWN_TIMEOUT)
        for label, changed, as_request in (("typical edit: a paragraph and 2 of 40 links change", 2, False),
                                           ("every link changes", 40, False),
                                           ("typical edit as a request (analysis in a render worker)", 2, True)):
            samples = []
            scope = render_pool.untrusted_input() if as_request else contextlib.nullcontext()
            scope.__enter__()
            started, cpu_started = time.perf_counter(), process_tree_cpu(os.getpid())  # render workers included
            for index in range(args.edits):
                number = index % pages
                links[number] = next_links(rng, links[number], changed)
                text = link_text(rng, links[number], number, index + 1)
                t0 = time.perf_counter()
                edit_page(f"편집 벤치 {number}", text, author_name="bench")
                samples.append(time.perf_counter() - t0)
            elapsed, cpu = time.perf_counter() - started, process_tree_cpu(os.getpid()) - cpu_started
            scope.__exit__(None, None, None)
            print(f"{label}: {args.edits} edits over {pages} pages in {elapsed:.2f} s → "
                  f"{args.edits / elapsed:.0f} edits/s (target ≥ 50); median {statistics.median(samples) * 1000:.1f} ms, "
                  f"p99 {percentile(samples, 0.99) * 1000:.1f} ms; CPU {cpu / args.edits * 1000:.1f} ms per edit "
                  f"→ {args.edits / cpu:.0f} edits/s on a fully available core")
        print(f"link rows now {PageLink.objects.count()}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        bench_render_overhead(render_pool)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def bench_render_overhead(render_pool, renders: int = 20) -> None:
    """An uncached render of the ~20 KB article (a preview, a cache miss): in this process, as the
    CLI renders, and in a render worker, as a request renders (rendering.render_source)."""
    from seedwiki.rendering import render_source

    text = article_text()
    print("== uncached render of the 20 KB article (render_source) ==")
    for label, scope in (("in-process", contextlib.nullcontext), ("render worker", render_pool.untrusted_input)):
        samples = []
        with scope():
            render_source(text, ARTICLE_TITLE)  # warm
            for _ in range(renders):
                t0 = time.perf_counter()
                render_source(text, ARTICLE_TITLE)
                samples.append(time.perf_counter() - t0)
        print(f"{label}: median {statistics.median(samples) * 1000:.1f} ms, min {min(samples) * 1000:.1f} ms "
              f"over {renders} renders")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--max-requests", type=int, default=40_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes (default: CPUs)")
    parser.add_argument("--interface", choices=["serve", "asgi", "wsgi"], default="serve",
                        help="serve: `seedwiki serve` (default); asgi/wsgi: uvicorn on that Django entry point")
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--skip-views", action="store_true")
    parser.add_argument("--skip-edits", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_views:
        bench_views(args)
    if not args.skip_edits:
        bench_edits(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
