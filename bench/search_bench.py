"""Search throughput: index N documents, then time queries of 1, 2 and 3+ syllables.

Uses a fresh SQLite database (or SEEDWIKI_DATABASE_URL's PostgreSQL) in a temporary data folder.
Documents are the corpus articles (read at run time, never stored) under numbered titles, so the
index holds realistic Korean text. Prints documents indexed per second and the median / p95 time
of each query kind.

    .venv/bin/python bench/search_bench.py [--docs 3000] [--repeat 30]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "documents"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("SEEDWIKI_DATA", tempfile.mkdtemp(prefix="seedwiki-search-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def corpus_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.glob("*.namu"))]
    if not texts:
        # No corpus: synthetic Korean text, so the bench still runs.
        words = ["대한민국", "서울", "역사", "문화", "경제", "정치", "과학", "기술", "사람", "도시", "강", "산"]
        texts = [" ".join(words[(i * 7 + j) % len(words)] for j in range(2000)) for i in range(20)]
    return texts


def timed(fn, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_django()

    from django.db import connection, transaction

    from seedwiki import search
    from seedwiki.documents.models import Document
    from seedwiki.search.text import indexing_mode

    texts = corpus_texts()
    total_bytes = 0
    start = time.perf_counter()
    with transaction.atomic():
        for i in range(args.docs):
            text = texts[i % len(texts)]
            document = Document.objects.create(namespace="문서", title=f"벤치 문서 {i:05d}")
            search.index_document(document, text)
            total_bytes += len(text.encode("utf-8"))
    elapsed = time.perf_counter() - start
    print(f"backend={connection.vendor} indexing={indexing_mode()} docs={args.docs} "
          f"source={total_bytes / 1e6:.1f} MB")
    print(f"index: {args.docs / elapsed:.0f} docs/s ({total_bytes / 1e6 / elapsed:.2f} MB/s, incl. render_text)")

    queries = {
        "1 syllable (scan)": "강",
        "2 syllables (scan)": "서울",
        "3 syllables (trigram)": "대한민",
        "4+ syllables (trigram)": "대한민국",
        "2 terms 3+ (trigram)": "대한민국 역사",
        "rare 3+ (trigram)": "존재하지않는말",
        "title only, 2": "벤치",
    }
    for label, q in queries.items():
        target = "title" if label.startswith("title") else "title_content"
        total, _ = search.query(q, target=target)
        median, p95 = timed(lambda: search.query(q, target=target), args.repeat)
        print(f"query {label:24s} q={q!r:14s} hits={total:6d} median={median:7.1f} ms p95={p95:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
