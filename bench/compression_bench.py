"""Revision compression: a zstd context per call versus one per thread, and many threads at once.

Prints microseconds per compress/decompress of real corpus pages (or generated ones) for each way,
and the throughput of N threads compressing and verifying at once through the storage functions.
Usage: .venv/bin/python bench/compression_bench.py [--threads 8] [--rounds 2000]
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

import zstandard

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from seedwiki.documents import compression  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "documents"


def pages() -> list[bytes]:
    found = sorted(CORPUS.rglob("*"))[:21] if CORPUS.is_dir() else []
    texts = [p.read_bytes() for p in found if p.is_file()]
    return texts or [("== 문단 ==\n[[링크]] '''굵게''' 나무위키 문장입니다.\n" * n).encode() for n in (50, 300, 2000)]


def per_call(texts, rounds):
    start = time.perf_counter()
    for i in range(rounds):
        zstandard.ZstdCompressor(level=compression.FAST_LEVEL).compress(texts[i % len(texts)])
    compress = (time.perf_counter() - start) / rounds
    frames = [zstandard.ZstdCompressor(level=3).compress(t) for t in texts]
    start = time.perf_counter()
    for i in range(rounds):
        zstandard.ZstdDecompressor().decompress(frames[i % len(frames)])
    return compress, (time.perf_counter() - start) / rounds


def per_thread(texts, rounds):
    start = time.perf_counter()
    for i in range(rounds):
        compression.compress(texts[i % len(texts)], fast=True)
    compress = (time.perf_counter() - start) / rounds
    frames = [compression.compress(t, fast=True) for t in texts]
    start = time.perf_counter()
    for i in range(rounds):  # bytes only, as per_call measures (decompress_text also decodes UTF-8)
        compression._decompressor().decompress(frames[i % len(frames)])
    return compress, (time.perf_counter() - start) / rounds


def threaded(texts, rounds, threads):
    errors = []

    def work():
        try:
            for i in range(rounds):
                raw = texts[i % len(texts)]
                if compression.decompress_text(compression.compress_verified(raw, fast=True)).encode() != raw:
                    errors.append("mismatch")
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))

    workers = [threading.Thread(target=work) for _ in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return threads * rounds / (time.perf_counter() - start), errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()
    texts = pages()
    size = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} pages, mean {size / 1024:.1f} KB, load {os.getloadavg()[0]:.1f}")
    small = [("가나다라 [[링크]] 문서 내용 " * 300).encode()]  # one 11 KB page: the context cost shows
    for label, sample in (("corpus pages", texts), ("one 11 KB page", small)):
        for name, way in (("context per call", per_call), ("context per thread", per_thread)):
            c, d = way(sample, args.rounds)
            print(f"{label:15s} {name:20s} compress {c * 1e6:8.1f} µs   decompress {d * 1e6:8.1f} µs")
    rate, errors = threaded(texts, args.rounds // 4, args.threads)
    print(f"{args.threads} threads, compress+verify+decompress: {rate:,.0f} pages/s, errors {len(errors)}")


if __name__ == "__main__":
    main()
