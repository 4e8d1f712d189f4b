"""SQLite: titles holding a 1–2 character term, by the title key index (search/title_keys.py)
against the covering scan of all titles it replaced, at several sizes up to a million titles.

    .venv/bin/python bench/title_key_bench.py [--sizes 1000,100000,1000000] [--repeat 15] [--keep DIR]

Only the title step of a search is built and timed (a search_entry-shaped table of scale_bench's
titles, no texts: a million pages' texts take hours to load here): the same SQL the search
backend runs, in one process, median milliseconds of ``--repeat`` runs per query. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from scale_bench import title_of  # noqa: E402
from seedwiki.search import title_keys  # noqa: E402
from seedwiki.search.backends.sqlite import fts_phrase  # noqa: E402

TERMS = ["별", "강", "바람", "구름", "하늘"]
NAMESPACES = ("문서", "틀", "분류", "파일", "사용자")
WANT = 1000  # engine.MAX_RESULTS


def build(path: Path, count: int) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE search_entry (id INTEGER PRIMARY KEY AUTOINCREMENT, namespace TEXT, title TEXT)")
    db.execute("BEGIN")
    db.executemany("INSERT INTO search_entry (namespace, title) VALUES ('문서', ?)",
                   ((title_of(i),) for i in range(count)))
    db.execute("CREATE INDEX search_entry_title ON search_entry (title, namespace)")
    for sql in title_keys.SQLITE_CREATE:
        db.execute(sql)
    db.executemany("INSERT INTO search_title_key (id, key) VALUES (?, ?)",
                   ((pk, title_keys.title_key(title)) for pk, title in db.execute("SELECT id, title FROM search_entry")))
    db.execute("COMMIT")
    return db


def timed(db: sqlite3.Connection, sql: str, params: list, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(db.execute(sql, params).fetchall())
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", default="", help="keep the built databases here (and reuse them)")
    args = parser.parse_args()
    marks = ", ".join("?" * len(NAMESPACES))
    scan = (f"SELECT e.id, e.title FROM search_entry e WHERE instr(e.title, ?) > 0 "
            f"AND +e.namespace IN ({marks}) LIMIT {WANT}")
    keyed = (f"SELECT e.id, e.title FROM search_title_key_fts JOIN search_entry e ON e.id = search_title_key_fts.rowid "
             f"WHERE search_title_key_fts MATCH ? AND instr(e.title, ?) > 0 AND +e.namespace IN ({marks}) LIMIT {WANT}")
    print(f"{'size':>9s} {'term':6s} {'scan ms':>8s} {'key ms':>8s} {'titles':>7s}")
    with tempfile.TemporaryDirectory(prefix="title-key-bench-") as folder:
        for count in [int(s) for s in args.sizes.split(",")]:
            started = time.perf_counter()
            path = Path(args.keep or folder) / f"titles-{count}.sqlite3"
            db = sqlite3.connect(path, isolation_level=None) if path.exists() else build(path, count)
            print(f"{count:9,d} ready in {time.perf_counter() - started:.1f} s", flush=True)
            for term in TERMS:
                scan_ms, found = timed(db, scan, [term, *NAMESPACES], args.repeat)
                key_ms, found_keyed = timed(db, keyed, [fts_phrase(title_keys.key_needle(term)), term, *NAMESPACES], args.repeat)
                same = "" if found == found_keyed else f" (differs: {found_keyed})"
                print(f"{count:9,d} {term:6s} {scan_ms:8.2f} {key_ms:8.2f} {found:7d}{same}", flush=True)
            db.close()


if __name__ == "__main__":
    main()
