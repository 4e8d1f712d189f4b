"""NamuMark throughput, memory and scaling benchmark.

    .venv/bin/python bench/namumark_bench.py [DOCUMENTS_DIR] [--repeat N] [--quick]

DOCUMENTS_DIR defaults to $NAMUMARK_CORPUS, then ../shared/corpus/documents next to the repository;
when there is no such folder only the generated documents are measured. For each document it
prints the source size and parse+render_html throughput in KB/s (median of N runs, default 5).
Then:

- overall throughput over all real documents;
- peak memory (tracemalloc) of rendering the largest document, and the process's max RSS;
- scaling: time(2×input) / time(input) (and 4× / 2×) on the real documents concatenated, best of
  N runs (≈2 means linear);
- each generated ~1 MB pathological document (deep nesting, 10,000 footnotes, 5,000-row table,
  unbalanced ``[[ {{{ ||``, …): time and KB/s.

Times come from time.perf_counter; nothing here is asserted — it prints numbers for people.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import namumark  # noqa: E402
from namumark.context import FileInfo, MemoryContext  # noqa: E402

KST = dt.timezone(dt.timedelta(hours=9))
MB = 1024 * 1024


def make_context() -> MemoryContext:
    return MemoryContext(
        pages={"문서": "본문", "틀:t": "@a@ [[문서]] [* 틀 각주]"},
        files={"파일:example.png": FileInfo("/file/example.png", 640, 480)},
        clock=dt.datetime(2026, 7, 17, 12, 0, tzinfo=KST),
        assume_exists=False,
    )


def render_once(source: str) -> int:
    result = namumark.render_html(namumark.parse(source), context=make_context(), title="벤치")
    return len(result.html)


def timed(source: str, repeat: int) -> float:
    """Median seconds of parse + render_html over ``repeat`` runs (after one warm-up)."""
    render_once(source)
    samples = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        render_once(source)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def split_times(source: str, repeat: int) -> tuple[float, float]:
    """Median seconds of parse and of render_html, measured apart."""
    parse_s, render_s = [], []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        doc = namumark.parse(source)
        t1 = time.perf_counter()
        namumark.render_html(doc, context=make_context(), title="벤치")
        t2 = time.perf_counter()
        parse_s.append(t1 - t0)
        render_s.append(t2 - t1)
    return statistics.median(parse_s), statistics.median(render_s)


def peak_memory(source: str) -> int:
    """Peak bytes traced by tracemalloc while parsing and rendering ``source`` once."""
    gc.collect()
    tracemalloc.start()
    try:
        render_once(source)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def best_of(source: str, repeat: int) -> float:
    """Fastest of ``repeat`` runs: the least noisy figure for ratios on a shared machine."""
    render_once(source)
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        render_once(source)
        best = min(best, time.perf_counter() - t0)
    return best


def kbps(nbytes: int, seconds: float) -> float:
    return (nbytes / 1024) / seconds if seconds > 0 else float("inf")


def _repeat_to(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def pathological(size: int = MB) -> dict[str, str]:
    """~``size``-character documents built to hurt a naive renderer."""
    depth = 10_000
    docs = {
        "deep {{{#!wiki}}} nesting": "{{{#!wiki\n" * depth + "x" + "\n}}}" * depth,
        "deep {{{+1 nesting": "{{{+1 " * depth + "x" + "}}}" * depth,
        "deep [* nesting": "[* " * depth + "x" + "]" * depth,
        "deep > quotes": "\n".join(">" * min(i, 200) + " 인용" for i in range(1, 6000)),
        # a list nested as deep as allowed, again and again (issue 11: cost was per level)
        "deep list (24 levels)": _repeat_to(
            "\n".join(" " * level + "* 항목" for level in range(1, 25)) + "\n", size),
        "10,000 footnotes": "".join(f"[* 각주 {i} 내용이 조금 있는 각주]" for i in range(10_000))
        + "\n[각주]",
        "5,000-row table": "\n".join(
            f"||<bgcolor=#fff> {i} || '''값''' || [[문서]] || {{{{{{#red 빨강}}}}}} ||" for i in range(5_000)
        ),
        "unbalanced [[": _repeat_to("[[문서 ", size),
        "unbalanced {{{": _repeat_to("{{{#!wiki ", size),
        "unbalanced ||": _repeat_to("|| 칸 ", size),
        "unbalanced mix": _repeat_to("[[ {{{ || [* ''' ", size),
        "10,000 headings": "".join(f"== 제목 {i} ==\n본문 '''굵게'''\n" for i in range(10_000)) + "[목차]",
        "long paragraph": _repeat_to("가나다 '''라마''' [[바사]] 아자차 ", size),
    }
    # pad the small ones up to about the target size so KB/s compare
    out = {}
    for name, doc in docs.items():
        if len(doc) < size // 2:
            doc = (doc + "\n\n") * max(1, size // max(1, len(doc) + 2))
        out[name] = doc
    return out


def find_corpus(arg: str | None) -> Path | None:
    for candidate in (arg, os.environ.get("NAMUMARK_CORPUS"), REPO.parent / "shared" / "corpus" / "documents"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", help="folder of NamuMark documents")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--quick", action="store_true", help="3 runs, smaller pathological docs")
    args = parser.parse_args(argv)
    repeat = 3 if args.quick else max(1, args.repeat)
    path_size = MB // 4 if args.quick else MB

    print(f"namumark benchmark — python {sys.version.split()[0]}, repeat={repeat} (median)")
    corpus = find_corpus(args.corpus)
    docs: list[tuple[str, str]] = []
    if corpus:
        for p in sorted(corpus.iterdir()):
            if p.is_file():
                docs.append((p.name, p.read_text(encoding="utf-8", errors="replace")))
        print(f"\n== real documents: {corpus} ({len(docs)} files)")
    else:
        print("\n== real documents: none found (pass a folder or set NAMUMARK_CORPUS)")

    total_bytes = 0
    total_time = 0.0
    for name, text in docs:
        nbytes = len(text.encode("utf-8"))
        seconds = timed(text, repeat)
        total_bytes += nbytes
        total_time += seconds
        print(f"  {name[:40]:40s} {nbytes / 1024:8.1f} KB {seconds * 1000:9.1f} ms {kbps(nbytes, seconds):9.0f} KB/s")
    if docs:
        print(f"  {'OVERALL':40s} {total_bytes / 1024:8.1f} KB {total_time * 1000:9.1f} ms "
              f"{kbps(total_bytes, total_time):9.0f} KB/s")
        parse_total = render_total = 0.0
        for _, text in docs:
            p, r = split_times(text, repeat)
            parse_total += p
            render_total += r
        print(f"  split: parse {parse_total * 1000:.0f} ms ({kbps(total_bytes, parse_total):.0f} KB/s), "
              f"render_html {render_total * 1000:.0f} ms ({kbps(total_bytes, render_total):.0f} KB/s)")

        largest = max(docs, key=lambda d: len(d[1]))
        peak = peak_memory(largest[1])
        print(f"\n== memory: peak traced {peak / MB:.1f} MB rendering {largest[0]} "
              f"({len(largest[1].encode('utf-8')) / 1024:.0f} KB source)")

        base = "\n\n".join(text for _, text in docs)
        t1 = best_of(base, repeat)
        t2 = best_of("\n\n".join([base] * 2), repeat)
        t4 = best_of("\n\n".join([base] * 4), max(1, repeat // 2))
        print(f"\n== scaling (best of {repeat}): concatenated corpus {len(base.encode('utf-8')) / MB:.2f} MB "
              f"{t1 * 1000:.0f} ms; 2x {t2 * 1000:.0f} ms; 4x {t4 * 1000:.0f} ms; "
              f"time(2x)/time(x) = {t2 / t1:.2f}, time(4x)/time(2x) = {t4 / t2:.2f} (2.00 = linear)")

    print(f"\n== pathological documents (~{path_size // 1024} KB each; time, throughput, peak traced memory)")
    path_repeat = max(1, min(repeat, 3))
    for name, doc in pathological(path_size).items():
        nbytes = len(doc.encode("utf-8"))
        seconds = timed(doc, path_repeat)
        peak = peak_memory(doc)
        print(f"  {name:28s} {nbytes / 1024:8.0f} KB {seconds * 1000:9.0f} ms {kbps(nbytes, seconds):9.0f} KB/s"
              f" {peak / MB:7.1f} MB")

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"\n== process max RSS: {rss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
