"""NamuMark throughput, memory and scaling benchmark, against the targets of issue 11.

    .venv/bin/python bench/namumark_bench.py [DOCUMENTS_DIR] [--repeat N] [--quick] [--wall]

DOCUMENTS_DIR defaults to $NAMUMARK_CORPUS, then ../shared/corpus/documents next to the repository
(read at run time, never copied); when there is no such folder only the generated documents are
measured. For each document it prints the source size and parse+render_html throughput in KB/s
(median of N runs, default 5). Then:

- overall throughput over all real documents, and the slowest one;
- peak memory (tracemalloc) of parsing and rendering the largest document, as a multiple of its
  size, and the process's max RSS. The HTML is made as UTF-8 (``render_html(..., utf8=True)``),
  the form the wiki's render workers make and send it in; as a str, a page of Korean takes
  2 bytes for every character of its HTML (the 5,000-row table: ~15x instead of ~9x);
- scaling: time(2×input) / time(input) (and 4× / 2×) on the real documents concatenated, best of
  N runs, the sizes taking turns in each round so a drift in the machine speed does not skew
  the ratio (≈2 means linear);
- each generated pathological document (deep nesting, 10,000 footnotes, 5,000-row table,
  unbalanced ``[[ {{{ ||``, …) at ~1 MB and with twice its units: time, KB/s, the ratio (per
  byte, times 2), peak memory;
- last, each target of issue 11 with the value measured and ok / MISS.

Times are CPU seconds of this process (time.process_time): on a shared machine wall time mostly
measures the neighbours. ``--wall`` uses time.perf_counter instead. Nothing here is asserted —
it prints numbers for people.
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
clock = time.process_time  # --wall: time.perf_counter

# issue 11's targets
PATHOLOGICAL_SECONDS = 1.0  # every ~1 MB pathological document under this
DOCUMENT_MBPS = 1.5  # no real document slower than this (MB/s)
OVERALL_MBPS = 3.0  # all real documents together at least this
RATIO = 2.2  # time(2x) / time(x), corpus and each pathological family
MEMORY_TIMES = 10  # peak traced memory / source bytes


def make_context() -> MemoryContext:
    return MemoryContext(
        pages={"문서": "본문", "틀:t": "@a@ [[문서]] [* 틀 각주]"},
        files={"파일:example.png": FileInfo("/file/example.png", 640, 480)},
        clock=dt.datetime(2026, 7, 17, 12, 0, tzinfo=KST),
        assume_exists=False,
    )


def render_once(source: str, utf8: bool = False) -> int:
    result = namumark.render_html(namumark.parse(source), context=make_context(), title="벤치", utf8=utf8)
    return len(result.utf8 if utf8 else result.html)


def _loops(source: str) -> int:
    """Calls per sample: a tiny document is rendered many times in a row so that one sample
    lasts ~10 ms (a single 10 µs call is below what the clock measures well)."""
    t0 = clock()
    render_once(source)
    return max(1, int(0.01 / max(clock() - t0, 1e-6)))


def timed(source: str, repeat: int) -> float:
    """Median seconds of parse + render_html over ``repeat`` runs (after one warm-up)."""
    render_once(source)
    loops = _loops(source)
    samples = []
    for _ in range(repeat):
        gc.collect()
        t0 = clock()
        for _ in range(loops):
            render_once(source)
        samples.append((clock() - t0) / loops)
    return statistics.median(samples)


def split_times(source: str, repeat: int) -> tuple[float, float]:
    """Median seconds of parse and of render_html, measured apart."""
    parse_s, render_s = [], []
    for _ in range(repeat):
        gc.collect()
        t0 = clock()
        doc = namumark.parse(source)
        t1 = clock()
        namumark.render_html(doc, context=make_context(), title="벤치")
        t2 = clock()
        parse_s.append(t1 - t0)
        render_s.append(t2 - t1)
    return statistics.median(parse_s), statistics.median(render_s)


def peak_memory(source: str) -> int:
    """Peak bytes traced by tracemalloc while parsing and rendering ``source`` once, the HTML
    made as UTF-8 bytes (as the wiki's render workers do)."""
    gc.collect()
    tracemalloc.start()
    try:
        render_once(source, utf8=True)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def best_of_each(sources: list[str], repeat: int) -> list[float]:
    """Fastest of ``repeat`` runs of each source, the sources taking turns in every round: a
    ratio of two of them is then not skewed by the machine's speed drifting between them (on a
    shared host it was seen to change 2x within minutes)."""
    for source in sources:
        render_once(source)
    best = [float("inf")] * len(sources)
    for _ in range(repeat):
        for k, source in enumerate(sources):
            gc.collect()
            t0 = clock()
            render_once(source)
            best[k] = min(best[k], clock() - t0)
    return best


def kbps(nbytes: int, seconds: float) -> float:
    return (nbytes / 1024) / seconds if seconds > 0 else float("inf")


def pathological(size: int = MB, times: int = 1) -> dict[str, str]:
    """~``size``-character documents built to hurt a naive renderer; with ``times`` each holds
    exactly that many times as much (the same units, repeated), for the scaling ratio."""
    docs = _units(size, times)
    # the small ones are repeated up to about ``size`` so KB/s compare (as many copies at any ``times``)
    for name, one in (docs if times == 1 else _units(size, 1)).items():
        if len(one) < size // 2:
            docs[name] = (docs[name] + "\n\n") * max(1, size // (len(one) + 2))
    return docs


def _units(size: int, times: int) -> dict[str, str]:
    depth = 10_000
    scale = size / MB

    def rep(unit: str) -> str:
        return unit * (max(1, size // len(unit)) * times)

    def count(n: int) -> range:  # n at 1 MB
        return range(max(1, int(n * scale)) * times)

    nests = {
        "deep {{{#!wiki}}} nesting": "{{{#!wiki\n" * depth + "x" + "\n}}}" * depth,
        "deep {{{+1 nesting": "{{{+1 " * depth + "x" + "}}}" * depth,
        "deep [* nesting": "[* " * depth + "x" + "]" * depth,
    }
    docs = {name: "\n\n".join([doc] * times) for name, doc in nests.items()}
    docs.update({
        "deep > quotes": "\n".join(">" * min(i % 5999 + 1, 200) + " 인용" for i in count(5999)),
        # a list nested as deep as allowed, again and again (issue 11: cost was per level)
        "deep list (24 levels)": rep("\n".join(" " * level + "* 항목" for level in range(1, 25)) + "\n"),
        "10,000 footnotes": "".join(f"[* 각주 {i} 내용이 조금 있는 각주]" for i in count(10_000)) + "\n[각주]",
        "5,000-row table": "\n".join(f"||<bgcolor=#fff> {i} || \'\'\'값\'\'\' || [[문서]] || {{{{{{#red 빨강}}}}}} ||"
                                     for i in count(5_000)),
        "unbalanced [[": rep("[[문서 "),
        "unbalanced {{{": rep("{{{#!wiki "),
        "unbalanced ||": rep("|| 칸 "),
        "unbalanced mix": rep("[[ {{{ || [* \'\'\' "),
        "10,000 headings": "".join(f"== 제목 {i} ==\n본문 \'\'\'굵게\'\'\'\n" for i in count(10_000)) + "[목차]",
        "long paragraph": rep("가나다 \'\'\'라마\'\'\' [[바사]] 아자차 "),
    })
    return docs


def find_corpus(arg: str | None) -> Path | None:
    for candidate in (arg, os.environ.get("NAMUMARK_CORPUS"), REPO.parent / "shared" / "corpus" / "documents"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def mbps(nbytes: int, seconds: float) -> float:
    return (nbytes / MB) / seconds if seconds > 0 else float("inf")


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISS"


def measure_corpus(docs: list[tuple[str, str]], repeat: int, targets: list) -> None:
    total_bytes = 0
    total_time = 0.0
    slowest = None  # (MB/s, name)
    for name, text in docs:
        nbytes = len(text.encode("utf-8"))
        seconds = timed(text, repeat)
        total_bytes += nbytes
        total_time += seconds
        rate = mbps(nbytes, seconds)
        if slowest is None or rate < slowest[0]:
            slowest = (rate, name)
        print(f"  {name[:40]:40s} {nbytes / 1024:8.1f} KB {seconds * 1000:9.1f} ms {kbps(nbytes, seconds):9.0f} KB/s"
              + ("" if rate >= DOCUMENT_MBPS else "  < %.1f MB/s" % DOCUMENT_MBPS))
    overall = mbps(total_bytes, total_time)
    print(f"  {'OVERALL':40s} {total_bytes / 1024:8.1f} KB {total_time * 1000:9.1f} ms "
          f"{kbps(total_bytes, total_time):9.0f} KB/s")
    parse_total = render_total = 0.0
    for _, text in docs:
        p, r = split_times(text, repeat)
        parse_total += p
        render_total += r
    print(f"  split: parse {parse_total * 1000:.0f} ms ({kbps(total_bytes, parse_total):.0f} KB/s), "
          f"render_html {render_total * 1000:.0f} ms ({kbps(total_bytes, render_total):.0f} KB/s)")
    targets.append((f"no real document under {DOCUMENT_MBPS} MB/s",
                    f"slowest {slowest[1]} {slowest[0]:.2f} MB/s", slowest[0] >= DOCUMENT_MBPS))
    targets.append((f"all real documents at least {OVERALL_MBPS} MB/s", f"{overall:.2f} MB/s",
                    overall >= OVERALL_MBPS))

    largest = max(docs, key=lambda d: len(d[1].encode("utf-8")))
    nbytes = len(largest[1].encode("utf-8"))
    peak = peak_memory(largest[1])
    print(f"\n== memory: peak traced {peak / MB:.2f} MB rendering {largest[0]} "
          f"({nbytes / 1024:.0f} KB source): {peak / nbytes:.1f}x the source")
    targets.append((f"peak memory <= {MEMORY_TIMES}x the source (largest real document)",
                    f"{peak / nbytes:.1f}x ({largest[0]})", peak <= MEMORY_TIMES * nbytes))

    base = "\n\n".join(text for _, text in docs)
    t1, t2, t4 = best_of_each([base, "\n\n".join([base] * 2), "\n\n".join([base] * 4)], repeat)
    print(f"\n== scaling (best of {repeat}): concatenated corpus {len(base.encode('utf-8')) / MB:.2f} MB "
          f"{t1 * 1000:.0f} ms; 2x {t2 * 1000:.0f} ms; 4x {t4 * 1000:.0f} ms; "
          f"time(2x)/time(x) = {t2 / t1:.2f}, time(4x)/time(2x) = {t4 / t2:.2f} (2.00 = linear)")
    targets.append((f"corpus time(2x)/time(x) <= {RATIO}", f"{t2 / t1:.2f} (4x/2x {t4 / t2:.2f})",
                    t2 / t1 <= RATIO))


def measure_pathological(size: int, repeat: int, targets: list) -> None:
    print(f"\n== pathological documents at ~{size // 1024} KB and twice that "
          "(best of runs; peak traced memory as a multiple of the source)")
    print(f"  {'':28s} {'size':>8s} {'time':>9s} {'speed':>10s} {'2x time':>9s} {'ratio':>6s} {'peak':>8s}")
    slowest = worst_ratio = worst_memory = None
    for (name, doc), doc2 in zip(pathological(size).items(), pathological(size, 2).values()):
        nbytes = len(doc.encode("utf-8"))
        seconds, seconds2 = best_of_each([doc, doc2], repeat)
        # numbered units make the doubled document a little longer (10,000 → 20,000): the
        # ratio is taken for exactly twice the bytes
        growth = len(doc2.encode("utf-8")) / nbytes / 2
        ratio = seconds2 / seconds / growth if seconds > 0 else float("inf")
        times = peak_memory(doc) / nbytes
        print(f"  {name:28s} {nbytes / 1024:6.0f} KB {seconds * 1000:6.0f} ms {kbps(nbytes, seconds):6.0f} KB/s"
              f" {seconds2 * 1000:6.0f} ms {ratio:6.2f} {times:7.1f}x", flush=True)
        # a document far from 1 MB is judged by its time scaled to 1 MB
        per_mb = seconds * MB / nbytes
        if slowest is None or per_mb > slowest[0]:
            slowest = (per_mb, name)
        if worst_ratio is None or ratio > worst_ratio[0]:
            worst_ratio = (ratio, name)
        if worst_memory is None or times > worst_memory[0]:
            worst_memory = (times, name)
    if size == MB:
        targets.append((f"every ~1 MB pathological document under {PATHOLOGICAL_SECONDS:.0f} s",
                        f"slowest {slowest[1]} {slowest[0]:.2f} s per MB",
                        slowest[0] < PATHOLOGICAL_SECONDS))
    targets.append((f"each pathological time(2x)/time(x) <= {RATIO}",
                    f"worst {worst_ratio[1]} {worst_ratio[0]:.2f}", worst_ratio[0] <= RATIO))
    targets.append((f"pathological peak memory <= {MEMORY_TIMES}x the source",
                    f"worst {worst_memory[1]} {worst_memory[0]:.1f}x", worst_memory[0] <= MEMORY_TIMES))


def main(argv: list[str] | None = None) -> int:
    global clock
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", help="folder of NamuMark documents")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--quick", action="store_true", help="3 runs, smaller pathological docs")
    parser.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    args = parser.parse_args(argv)
    repeat = 3 if args.quick else max(1, args.repeat)
    path_size = MB // 4 if args.quick else MB
    clock = time.perf_counter if args.wall else time.process_time

    print(f"namumark benchmark — python {sys.version.split()[0]}, repeat={repeat} (median), "
          f"{'wall-clock' if args.wall else 'CPU'} time, load average {os.getloadavg()[0]:.2f}")
    corpus = find_corpus(args.corpus)
    docs: list[tuple[str, str]] = []
    if corpus:
        for p in sorted(corpus.iterdir()):
            if p.is_file():
                docs.append((p.name, p.read_text(encoding="utf-8", errors="replace")))
        print(f"\n== real documents: {corpus} ({len(docs)} files)")
    else:
        print("\n== real documents: none found (pass a folder or set NAMUMARK_CORPUS)")

    targets: list = []  # (target, measured, met)
    if docs:
        measure_corpus(docs, repeat, targets)
    measure_pathological(path_size, max(1, min(repeat, 3)), targets)

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"\n== process max RSS: {rss / 1024:.0f} MB")
    print(f"\n== targets (issue 11){'' if path_size == MB else ' — --quick: pathological sizes are not 1 MB'}")
    for target, measured, met in targets:
        print(f"  {verdict(met):4s}  {target:58s} {measured}")
    print(f"  load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
