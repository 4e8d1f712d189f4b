"""Scale: a generated wiki of namu.wiki's shape at several sizes, imported and served, every
operation timed; prints each operation's time per size and the growth ratio largest/smallest.

    .venv/bin/python bench/scale_bench.py [--sizes 1000,10000] [--database-url postgresql://…/test]
                                          [--repeat 5] [--keep DIR [--reuse]]

The shape (our own generated text, nothing copied): median 4 KB documents with 1% of 50–200 KB,
20–100 links each with power-law popularity and 30% of link targets missing, one template included
by half of all pages, a category holding half of all pages, 20% redirects.

For each size: the dump is written, imported with the real `seedwiki import` (documents/s), then
`seedwiki serve` answers over HTTP on 127.0.0.1; each operation is requested `--repeat` times:
the first request is "cold", the median of the rest "warm". With --database-url each size gets a
fresh PostgreSQL database on that server (created and dropped); --in-database URL uses that (empty)
database as it is, for a server shared with others. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from bench_env import seedwiki_env

SYLLABLES = "가나다라마바사아자차카타파하강남동서울산천해바람구름하늘별빛소리노래시간역사문화사람도시"
TEMPLATE = "틀:공통 상자"
BIG_CATEGORY = "분류:큰 분류"
COMMON_WORD = "바람"  # a 2-syllable word: SYLLABLES makes it common
ONE_SYLLABLE = "별"


def words(rng: random.Random, count: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(count))


def title_of(index: int) -> str:
    rng = random.Random(index * 7919)
    return f"{words(rng, 1)} {index}"


def popular_index(rng: random.Random, slots: int) -> int:
    """Power law: low indices are linked far more often (density ∝ x^(-2/3))."""
    return int(slots * rng.random() ** 3)


def document_text(index: int, count: int, rng: random.Random) -> str:
    slots = int(count / 0.7)  # indices ≥ count are missing pages: 30% of the targets
    size = 120_000 if rng.random() < 0.01 else int(rng.lognormvariate(8.3, 0.6))  # median ≈ 4 KB
    links = [popular_index(rng, slots) for _ in range(rng.randint(20, 100))]
    parts = []
    if index % 2 == 0:
        parts.append(f"[include({TEMPLATE}, 이름={title_of(index)})]")
    parts.append("[목차]")
    section = 0
    while sum(len(p) for p in parts) * 2.5 < size:  # Hangul: ~2.5 UTF-8 bytes a character here
        section += 1
        parts.append(f"== {words(rng, 2)} {section} ==")
        chunk = links[(section - 1) * 10:section * 10] or [popular_index(rng, slots)]
        body = " ".join(f"[[{title_of(t) if t < count else '없는 문서 ' + str(t)}]]" for t in chunk)
        parts.append(f"'''{words(rng, 1)}'''는 {words(rng, 30)} {body} {words(rng, 20)}.[* {words(rng, 4)}]")
    if index % 2 == 1 or rng.random() < 0.5:
        parts.append(f"[[{BIG_CATEGORY}]]" if index % 2 == 1 else f"[[분류:작은 분류 {rng.randrange(1000)}]]")
    return "\n".join(parts) + "\n"


def write_dump(path: Path, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        template = {"namespace": "1", "title": TEMPLATE.split(":", 1)[1], "contributors": ["bench"],
                    "text": "{{{#!wiki style=\"border:1px solid #ccc\"\n'''@이름@''' 공통 상자}}}\n"}
        out.write(json.dumps(template, ensure_ascii=False))
        category = {"namespace": "2", "title": BIG_CATEGORY.split(":", 1)[1], "contributors": ["bench"],
                    "text": "문서의 절반이 속한 분류입니다.\n"}
        out.write(",\n" + json.dumps(category, ensure_ascii=False))
        for index in range(count):
            if rng.random() < 0.2 and index > 10:
                text = f"#redirect {title_of(rng.randrange(index))}\n"
            else:
                text = document_text(index, count, rng)
            out.write(",\n" + json.dumps({"namespace": "0", "title": title_of(index), "contributors": ["bench"],
                                          "text": text}, ensure_ascii=False))
        out.write("]\n")


# --- serving and timing --------------------------------------------------------------------------

def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str, data: dict | None = None) -> tuple[int, str, float]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=600) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
        return status, text, (time.perf_counter() - started) * 1000


def q(title: str) -> str:
    return urllib.parse.quote(title, safe="/:()!,'*")


def most_linked(count: int) -> str:
    return title_of(0)  # popular_index favours index 0


def operations(count: int) -> list[tuple[str, str]]:
    article = title_of(3)
    return [
        ("article view", f"/w/{q(article)}"),
        ("/backlink of the most-linked page", f"/backlink/{q(most_linked(count))}"),
        ("the big category page", f"/w/{q(BIG_CATEGORY)}"),
        ("/RandomPage", "/RandomPage"),
        ("/random", "/random"),
        ("/Search, common 2-syllable word", f"/Search?q={q(COMMON_WORD)}"),
        ("/Search, 1-syllable word", f"/Search?q={q(ONE_SYLLABLE)}"),
        ("/NeededPages", "/NeededPages"),
        ("/UncategorizedPages", "/UncategorizedPages"),
        ("/OrphanedPages", "/OrphanedPages"),
        ("/ShortestPages", "/ShortestPages"),
        ("/LongestPages", "/LongestPages"),
        ("/OldPages", "/OldPages"),
        ("/RecentChanges", "/RecentChanges"),
    ]


def time_operations(base: str, count: int, repeat: int) -> dict[str, tuple[float, float, int]]:
    browser = Browser(base)
    results = {}
    for name, path in operations(count):
        times, status = [], 0
        for _ in range(repeat):
            status, _, ms = browser.get(path)
            times.append(ms)
        warm = statistics.median(times[1:]) if len(times) > 1 else times[0]
        results[name] = (times[0], warm, status)
    # Saving an ordinary page, then the template that half of all pages include (real form posts
    # through the server, redirect to the page included): the template save should cost the same.
    # Each is saved ``repeat`` times with new text; the template's earlier fan-out jobs may still run
    # while the later saves happen (as on a live wiki).
    for name, title, text in [
            ("saving an ordinary page", title_of(3), "바뀐 보통 문서 {n} [[분류:작은 분류 1]]\n"),
            ("saving the template included by 50%", TEMPLATE,
             "{{{#!wiki style=\"border:1px solid #999\"\n'''@이름@''' 바뀐 공통 상자 {n}}}}\n")]:
        times, status = [], 0
        for n in range(repeat):
            ms, status = save_through_form(browser, title, text.replace("{n}", str(n)))
            times.append(ms)
        results[name] = (times[0], statistics.median(times[1:]) if len(times) > 1 else times[0], status)
    return results


def save_through_form(browser: Browser, title: str, text: str) -> tuple[float, int]:
    status, form, _ = browser.get(f"/edit/{q(title)}")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    base_rev = re.search(r'name="base_rev" value="(\d+)"', form)
    if not (token and base_rev):
        return float("nan"), status
    status, _, ms = browser.get(f"/edit/{q(title)}", {
        "csrfmiddlewaretoken": token.group(1), "base_rev": base_rev.group(1), "text": text, "summary": "bench"})
    return ms, status


def fanout_after_save(env: dict, data_dir: Path, timeout: float = 1800) -> dict:
    """The template save's fan-out job, run by `seedwiki serve` itself: from the save's commit until
    every including page was re-stamped (the job row's created → finished, as /admin/jobs shows)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = subprocess.run([sys.executable, "-m", "seedwiki", "jobs", "--json", "--recent", "50"], env=env,
                             cwd=data_dir, check=True, capture_output=True, text=True).stdout
        info = json.loads(out)
        # Only fan-out jobs count: a special-lists refresh waits for its period (SEEDWIKI_SPECIAL_LISTS_EVERY).
        if not any(job["kind"] == "fanout" and job["state"] in ("pending", "running") for job in info["recent"]):
            fanouts = [job for job in info["recent"] if job["kind"] == "fanout" and job["state"] == "done"]
            if not fanouts:
                return {}
            for job in sorted(fanouts, key=lambda row: row["id"]):
                print(f"fan-out job {job['id']}: {job['bumped']} pages re-stamped, ran {job['duration']:.1f} s, "
                      f"done {job['latency']:.1f} s after the save", flush=True)
            latencies = [job["latency"] * 1000 for job in sorted(fanouts, key=lambda row: row["id"])]
            return {"template fan-out done after the save": (latencies[0], statistics.median(latencies), 0)}
        time.sleep(1)
    return {"template fan-out done after the save": (float("nan"), float("nan"), 0)}


def generate_and_import(data_dir: Path, env: dict, count: int) -> float:
    """Write the generated dump and load it with the real `seedwiki import`; the import's seconds."""
    dump = data_dir / "dump.json"
    started = time.perf_counter()
    write_dump(dump, count)
    print(f"[{count}] dump {dump.stat().st_size / 1e6:.1f} MB written in {time.perf_counter() - started:.1f} s",
          flush=True)
    subprocess.run([sys.executable, "-m", "seedwiki", "init"], env=env, cwd=data_dir, check=True,
                   capture_output=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "seedwiki", "import", str(dump), "--quiet"], env=env, cwd=data_dir,
                   check=True)
    import_seconds = time.perf_counter() - started
    print(f"[{count}] import {count / import_seconds:.0f} docs/s ({import_seconds:.1f} s)", flush=True)
    dump.unlink()  # as large as the wiki itself; the timings need only the database
    return import_seconds


def run_size(count: int, args) -> dict:
    data_dir = Path(args.keep or tempfile.mkdtemp(prefix=f"seedwiki-scale-{count}-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    env = seedwiki_env(data_dir)
    # The saves measure what a save costs; with --repeat above 5 the edit rate limit (10 a minute per
    # address) would answer 429 quickly instead.
    env["SEEDWIKI_RATE_LIMITS"] = "edit.ip=off"
    database = None
    if args.in_database:  # a database given to us (empty): used as it is, never created or dropped
        env["SEEDWIKI_DATABASE_URL"] = args.in_database
    elif args.database_url:
        import psycopg

        database = f"seedwiki_scale_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.database_url, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {database}")
        env["SEEDWIKI_DATABASE_URL"] = urllib.parse.urlsplit(args.database_url)._replace(path="/" + database).geturl()
    server = None
    try:
        record = data_dir / "scale-import.json"
        if args.reuse and record.exists():
            # A wiki kept by an earlier run (--keep): timed again as it is, e.g. with newer code
            # (`seedwiki serve` applies new migrations first); the import figure is that run's.
            import_seconds = json.loads(record.read_text())["seconds"]
            print(f"[{count}] reusing the wiki in {data_dir} (imported at {count / import_seconds:.0f} docs/s)",
                  flush=True)
        else:
            import_seconds = generate_and_import(data_dir, env, count)
            record.write_text(json.dumps({"count": count, "seconds": import_seconds}))
        port = free_port()
        log = open(data_dir / "server.log", "w")
        server = subprocess.Popen([sys.executable, "-m", "seedwiki", "serve", "--port", str(port),
                                   "--log-level", "warning"], env=env, cwd=data_dir, stdout=log, stderr=log)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if Browser(base).get("/License")[0] == 200:
                    break
            except OSError:
                time.sleep(0.3)
        results = time_operations(base, count, args.repeat)
        results.update(fanout_after_save(env, data_dir))
        results["import (docs/s)"] = (count / import_seconds, count / import_seconds, 0)
        return results
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        if database:
            import psycopg

            with psycopg.connect(args.database_url, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated document counts")
    parser.add_argument("--database-url", default="", help="a PostgreSQL server URL (a fresh database per size)")
    parser.add_argument("--in-database", default="",
                        help="an empty PostgreSQL database to use as it is (one size; for a shared server)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", default="", help="keep the data folder here (one size only)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep (SQLite): time the wiki an earlier --keep run left there, no new import")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    table = {count: run_size(count, args) for count in sizes}
    backend = "PostgreSQL" if args.database_url or args.in_database else "SQLite"
    print(f"\n{backend}: cold / warm milliseconds (import: documents/s); ratio = largest/smallest, warm")
    header = f"{'operation':42s}" + "".join(f"{count:>18,d}" for count in sizes) + f"{'ratio':>8s}"
    print(header)
    for name in table[sizes[0]]:
        cells = []
        for count in sizes:
            cold, warm, status = table[count].get(name, (float("nan"), float("nan"), 0))
            bad = "" if status in (0, 200, 302) else f" ({status})"
            cells.append(f"{cold:8.0f} / {warm:6.0f}{bad}" if "docs/s" not in name else f"{warm:17.0f}")
        first, last = table[sizes[0]][name][1], table[sizes[-1]][name][1]
        ratio = (last / first) if first else float("nan")
        print(f"{name:42s}" + "".join(f"{c:>18s}" for c in cells) + f"{ratio:8.2f}")


if __name__ == "__main__":
    main()
