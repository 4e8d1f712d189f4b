"""The list pages at scale: the special lists (Needed, Orphaned, Uncategorized, Shortest, Longest,
Old), /backlink of the most-linked page, the big category page and /random, on a wiki of
scale_bench's shape, timed through `seedwiki serve`.

    .venv/bin/python bench/special_pages_bench.py load    --size 100000 --data DIR [--database-url URL]
    .venv/bin/python bench/special_pages_bench.py measure --size 100000 --data DIR [--database-url URL]

`load` does NOT go through `seedwiki import` (at 40–100 documents/s a 100k wiki takes longer than
a bench run can afford): it writes the rows the list pages read — documents (length, time of the
last edit, redirect flag), one revision each (all sharing one blob: the text is not read by these
pages) and the link table (links with scale_bench's power-law popularity and 30% missing targets,
the template included by half of the pages, the big category holding half of them, 20% redirects) —
in bulk (with the link-count triggers suspended, as `seedwiki import` does for a large dump), then
runs `seedwiki specials --rebuild`. `measure` serves the data folder and prints, for
each page, the first request and the median of the rest. The database named by --database-url is
used as it is (it must be empty before `load`). Nothing is asserted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_env import running_server, seedwiki_env, serve_command, wait_until_up
from scale_bench import BIG_CATEGORY, TEMPLATE, Browser, free_port, popular_index, q, title_of


def _links_of(index: int, count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    slots = int(count / 0.7)
    targets = {popular_index(rng, slots) for _ in range(rng.randint(20, 100))}
    rows = [(title_of(t) if t < count else f"없는 문서 {t}", "link", "") for t in sorted(targets)]
    if index % 2 == 0:
        rows.append((TEMPLATE, "include", ""))
    if index % 2 == 1:
        rows.append((BIG_CATEGORY, "category", ""))
    elif rng.random() < 0.5:
        rows.append((f"분류:작은 분류 {rng.randrange(1000)}", "category", ""))
    return rows


def load(count: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from seedwiki.documents import link_counts
    from seedwiki.documents.models import Blob
    from seedwiki.documents.services import edit_page

    # The two pages scale_bench's dump has besides the articles (through the real save path).
    edit_page(TEMPLATE, "'''@이름@''' 공통 상자\n", author_name="bench")
    edit_page(BIG_CATEGORY, "문서의 절반이 속한 분류입니다.\n", author_name="bench")
    raw = "본문".encode()
    blob, _ = Blob.objects.get_or_create(hash=Blob.hash_of(raw), defaults={"data": Blob.compress(raw), "size": len(raw)})
    rng = random.Random(1)
    now = timezone.now()
    started = time.perf_counter()
    with link_counts.suspended():  # as `seedwiki import` does for a large dump
        _load_rows(count, blob, rng, now, started)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE documents_document SET latest_id = (SELECT r.id FROM documents_revision r "
                       "WHERE r.document_id = documents_document.id ORDER BY r.number DESC LIMIT 1) "
                       "WHERE latest_id IS NULL")
        cursor.execute("ANALYZE")
    print(f"loaded {count} documents in {time.perf_counter() - started:.0f} s", flush=True)


def _load_rows(count: int, blob, rng: random.Random, now, started: float) -> None:
    from django.db import transaction

    from seedwiki.documents.models import Document, Revision
    from seedwiki.documents.services.derive import insert_links_raw

    batch = 5000
    for start in range(0, count, batch):
        with transaction.atomic():
            documents, links = [], []
            for index in range(start, min(count, start + batch)):
                redirect = index > 10 and rng.random() < 0.2
                target = title_of(rng.randrange(index)) if redirect else ""
                length = int(rng.lognormvariate(8.3, 0.6)) if not redirect else len(target) + 10
                when = now - dt.timedelta(seconds=rng.randrange(3 * 365 * 86400))
                documents.append(Document(namespace="문서", title=title_of(index), is_redirect=redirect,
                                          redirect_target=target, length=length, updated_at=when))
                links.append([(target, "redirect", "")] if redirect else _links_of(index, count, rng))
            created = Document.objects.bulk_create(documents)
            Revision.objects.bulk_create([
                Revision(document=d, number=1, blob=blob, kind="create", created_at=d.updated_at, author_name="bench",
                         size=d.length, size_delta=d.length) for d in created])
            insert_links_raw([(d.pk, target, kind, key, False) for d, rows in zip(created, links)
                              for target, kind, key in rows])
        print(f"  {min(count, start + batch)} documents ({time.perf_counter() - started:.0f} s)", flush=True)


def pages() -> list[tuple[str, str]]:
    return [
        ("/NeededPages", "/NeededPages"),
        ("/OrphanedPages", "/OrphanedPages"),
        ("/UncategorizedPages", "/UncategorizedPages"),
        ("/ShortestPages", "/ShortestPages"),
        ("/LongestPages", "/LongestPages"),
        ("/OldPages", "/OldPages"),
        ("/backlink of the most-linked page", f"/backlink/{q(title_of(0))}"),
        ("the big category page", f"/w/{q(BIG_CATEGORY)}"),
        ("/random", "/random"),
        ("/RandomPage", "/RandomPage"),
    ]


def measure(env: dict, data_dir: Path, repeat: int) -> None:
    port = free_port()
    with running_server(serve_command(port, 1), env, data_dir) as server:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(server, data_dir, lambda: Browser(base).get("/License"))
        browser = Browser(base)
        print(f"load: {os.getloadavg()}")
        for name, path in pages():
            times, status = [], 0
            for attempt in range(repeat):
                # /w/ pages are kept by the front cache (front_cache.py): a new query string each time
                # makes every request compute the category listing.
                status, _, ms = browser.get(f"{path}?bench={attempt}" if path.startswith("/w/") else path)
                times.append(ms)
            print(f"{name:40} first {times[0]:8.1f} ms   median {statistics.median(times[1:]):8.1f} ms   "
                  f"HTTP {status}", flush=True)
        print(f"load: {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["load", "measure"])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--data", required=True, help="the data folder (created by load)")
    parser.add_argument("--database-url", default="", help="an EMPTY PostgreSQL database to use (default: SQLite)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    data_dir = Path(args.data)
    data_dir.mkdir(parents=True, exist_ok=True)
    env = seedwiki_env(data_dir)
    if args.database_url:
        env["SEEDWIKI_DATABASE_URL"] = args.database_url
    if args.action == "measure":
        measure(env, data_dir, args.repeat)
        return
    subprocess.run([sys.executable, "-m", "seedwiki", "init"], env=env, cwd=data_dir, check=True, capture_output=True)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
    load(args.size)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "seedwiki", "specials", "--rebuild"], env=env, cwd=data_dir)
    print(f"specials --rebuild: exit {done.returncode}, {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
