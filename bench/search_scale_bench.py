"""Search at scale: scale_bench's generated wiki (1k … 1M pages) loaded straight into the document
and search tables (bench/search_scale_data.py), then /Search requested in-process through the real
view; prints p50/p95 per query kind at each size and the growth largest/smallest.

    .venv/bin/python bench/search_scale_bench.py [--sizes 1000,100000] [--database-url postgresql://…/db]
                                                 [--root /tmp/seedwiki-search-scale] [--repeat 40]

With SEARCH_SCALE_REUSE=<earlier run's SQLite file or PostgreSQL schema>:<characters>, a size not
yet loaded reuses that run's plain texts cut to that many characters instead of rendering its own
(how the 1M figures were made in the time a bench run has; the result says so only if you do).

Each size keeps its data for the next run: SQLite in <root>/sqlite-<size>/, PostgreSQL in the schema
search_scale_<size> of the given database. <root>/sqlite-<size> may also be (a link to) the folder of
a wiki `import_scale_bench.py --keep-wiki` imported from the same generated dump: it is timed as it is. Several words of each kind are asked in turn (a warm
cache for one word would flatter it). Also prints, per kind, where one request's time goes: the
title lookup, the id-range scan, fetching the shown rows, the rest (documents, snippets, template).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"

KINDS = {
    "1 syllable": ["별", "빛", "강", "산"],
    "2 syllables": ["바람", "구름", "하늘", "노래"],
    "2-word phrase": ["하늘 바람", "구름 노래", "별빛 소리", "바람 시간"],
    "3 syllables": ["하늘별", "바람구", "노래시"],
    "a page's title": [],  # filled per size: titles of existing pages
    "title only, 2 syllables": ["바람", "구름"],
}


def _stage_timers():
    """Wrap the backend's stages with timers: {stage: seconds} summed since the last reset."""
    from seedwiki.search.backends import get_backend

    backend_class = type(get_backend())
    spent: dict[str, float] = {}
    for stage in ("title_ranked", "collect", "fetch"):
        original = getattr(backend_class, stage)

        def timed(self, *args, _original=original, _stage=stage, **kwargs):
            started = time.perf_counter()
            try:
                return _original(self, *args, **kwargs)
            finally:
                spent[_stage] = spent.get(_stage, 0.0) + time.perf_counter() - started

        setattr(backend_class, stage, timed)
    return spent


def _reused_texts() -> list[str] | None:
    """SEARCH_SCALE_REUSE=<sqlite file or schema>:<chars>: texts of an earlier, smaller run."""
    spec = os.environ.get("SEARCH_SCALE_REUSE", "")
    if not spec:
        return None
    source, chars = spec.rsplit(":", 1)
    if source.endswith(".sqlite3"):
        import sqlite3

        rows = sqlite3.connect(source).execute("SELECT substr(content, 1, ?) FROM search_entry ORDER BY id",
                                               [int(chars)]).fetchall()
    else:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(f"SELECT left(content, %s) FROM {source}.search_entry ORDER BY id", [int(chars)])
            rows = cursor.fetchall()
    return [row[0] for row in rows]


def child(size: int, repeat: int) -> None:
    sys.path[:0] = [str(SRC), str(HERE)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from scale_bench import title_of
    from search_scale_data import load

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_entry")
        rows = cursor.fetchone()[0]
    # A wiki imported from the scale dump holds its template and category pages too, and
    # scale_bench.py may have saved a few pages into it.
    if not size <= rows <= size + 16:
        if rows:
            raise SystemExit(f"{rows} search rows where {size} were expected: start from an empty database")
        seconds = load(size, texts=_reused_texts())
        print(f"[{size}] loaded in {seconds:.0f} s", file=sys.stderr, flush=True)
    spent = _stage_timers()
    client = Client(HTTP_HOST="127.0.0.1")
    kinds = dict(KINDS, **{"a page's title": [title_of(i * size // 5 + 3) for i in range(4)]})
    out = {"size": size, "vendor": connection.vendor, "uptime": os.getloadavg(), "kinds": {}}
    for kind, words in kinds.items():
        target = "title" if kind.startswith("title only") else "title_content"
        for word in words:  # once each before timing: the first request of a process pays for imports
            client.get("/Search", {"q": word, "target": target})
        samples, totals = [], {}
        spent.clear()
        for i in range(repeat):
            word = words[i % len(words)]
            started = time.perf_counter()
            response = client.get("/Search", {"q": word, "target": target})
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
            body = response.content.decode()
            totals[word] = body.split('class="search-total">', 1)[1].split("<", 1)[0].strip()
        samples.sort()
        stages = {k: v * 1000 / repeat for k, v in spent.items()}
        stages["rest"] = statistics.mean(samples) - sum(stages.values())
        out["kinds"][kind] = {"p50": statistics.median(samples), "p95": samples[int(len(samples) * 0.95) - 1],
                              "stages": stages, "totals": totals}
    print(json.dumps(out, ensure_ascii=False))


def run_size(size: int, args) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEEDWIKI_")}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), str(HERE)])
    env["SEEDWIKI_SECRET_KEY"] = "bench-secret-key-not-for-production-0123456789abcdef"
    data = Path(args.root) / f"{'pg' if args.database_url else 'sqlite'}-{size}"
    data.mkdir(parents=True, exist_ok=True)
    env["SEEDWIKI_DATA"] = str(data)
    if args.database_url:
        import psycopg

        schema = f"search_scale_{size}"
        with psycopg.connect(args.database_url, autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        options = urllib.parse.quote(f"-c search_path={schema},public")
        env["SEEDWIKI_DATABASE_URL"] = f"{args.database_url}?options={options}"
    result = subprocess.run([sys.executable, __file__, "--child", str(size), "--repeat", str(args.repeat)],
                            env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--database-url", default="", help="PostgreSQL database (one schema per size)")
    parser.add_argument("--root", default="/tmp/seedwiki-search-scale", help="SQLite data folders")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.repeat)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {size: run_size(size, args) for size in sizes}
    first, last = results[sizes[0]], results[sizes[-1]]
    print(f"\n/Search on {first['vendor']}, milliseconds p50 / p95 per size; growth = p95 {sizes[-1]:,} / {sizes[0]:,}")
    print(f"{'query':26s}" + "".join(f"{size:>18,d}" for size in sizes) + f"{'growth':>8s}   where the time goes "
          f"at {sizes[-1]:,} (mean ms: title / scan / fetch / rest)   result count shown")
    for kind in first["kinds"]:
        cells = "".join(f"{results[s]['kinds'][kind]['p50']:.0f} / {results[s]['kinds'][kind]['p95']:.0f}".rjust(18)
                        for s in sizes)
        growth = last["kinds"][kind]["p95"] / first["kinds"][kind]["p95"]
        stages = last["kinds"][kind]["stages"]
        where = " / ".join(f"{stages.get(k, 0):.0f}" for k in ("title_ranked", "collect", "fetch", "rest"))
        shown = next(iter(last["kinds"][kind]["totals"].values()), "")
        print(f"{kind:26s}{cells}{growth:8.2f}   {where:40s} {shown}")
    for size in sizes:
        print(f"load average during {size:,}: " + ", ".join(f"{x:.2f}" for x in results[size]["uptime"]))


if __name__ == "__main__":
    main()
