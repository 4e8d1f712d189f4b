"""Revision compression from many threads at once (issue: one shared zstd context corrupted saves).

python-zstandard's compressor and decompressor objects must not be used by two threads at the
same time; before the fix every request thread shared one of each, and 8 threads gave dozens of
"Data corruption detected" errors per few thousand calls (sharing the compressor crashed Python).
"""
from __future__ import annotations

import random
import threading

import pytest

from seedwiki.documents import compression
from seedwiki.documents.compression import DamagedBlobError
from seedwiki.documents.models import Blob

THREADS = 12
ROUNDS = 300


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    words = ["나무위키", "문서", "[[링크]]", "'''굵게'''", "== 문단 ==", "{{{#!wiki", "}}}", "각주[* 설명]", "x" * 50]
    return ["\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(1, 400))) for _ in range(5))
            for _ in range(8)]


def _hammer(results: list, index: int, barrier: threading.Barrier) -> None:
    texts = _texts(index)
    failures = 0
    try:
        barrier.wait(timeout=30)
        for round_ in range(ROUNDS):
            text = texts[round_ % len(texts)]
            raw = text.encode("utf-8")
            data = Blob.compress(raw, fast=round_ % 2 == 0)  # both levels, as saves and import use
            if Blob(hash=Blob.hash_of(raw), data=data, size=len(raw)).text != text:
                failures += 1
    except Exception as error:  # noqa: BLE001 — any corruption error is a failure to report
        results[index] = f"{type(error).__name__}: {error}"
        return
    results[index] = failures


def test_many_threads_compress_and_decompress_through_the_storage_functions_at_once():
    results: list = [None] * THREADS
    barrier = threading.Barrier(THREADS)
    threads = [threading.Thread(target=_hammer, args=(results, i, barrier)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
        assert not thread.is_alive()
    assert results == [0] * THREADS


def test_each_thread_has_its_own_zstd_contexts():
    # The structural cause of the corruption: one context object reachable from two live threads.
    seen = {}
    all_grabbed = threading.Barrier(5)

    def grab(name):
        seen[name] = (compression._compressor(compression.FAST_LEVEL), compression._decompressor())
        all_grabbed.wait(timeout=30)  # stay alive until every thread holds its objects

    threads = [threading.Thread(target=grab, args=(f"t{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    seen["main"] = (compression._compressor(compression.FAST_LEVEL), compression._decompressor())
    all_grabbed.wait(timeout=30)
    for thread in threads:
        thread.join()
    assert len({id(pair[0]) for pair in seen.values()}) == 5
    assert len({id(pair[1]) for pair in seen.values()}) == 5


def test_damaged_bytes_raise_a_damaged_blob_error_not_a_zstd_error():
    good = Blob.compress("멀쩡한 내용".encode("utf-8"))
    for bad in (b"", b"not zstd at all", good[:-3], good[:8] + bytes(8) + good[16:]):
        with pytest.raises(DamagedBlobError):
            compression.decompress_text(bad)


def test_compress_verified_refuses_bytes_that_do_not_round_trip(monkeypatch):
    monkeypatch.setattr(compression, "compress", lambda raw, fast=False: b"\x28\xb5\x2f\xfd garbage")
    with pytest.raises(DamagedBlobError):
        compression.compress_verified("저장할 내용".encode("utf-8"))
