"""zstd compression of revision text, safe from any number of threads and processes.

python-zstandard's ZstdCompressor and ZstdDecompressor must never be used by two threads at once
(sharing one corrupted revisions and crashed the server). Each thread keeps its own pair in a
threading.local: measured with bench/compression_bench.py on an 11 KB page, a context per call
costs ~24 µs per compress and ~20 µs per decompress, a per-thread one ~2–3 µs. A forked process
inherits only its forking thread's objects, as private copies, so processes are safe as well.
"""
from __future__ import annotations

import threading

import zstandard

LEVEL = 6
FAST_LEVEL = 3  # saves and dump import: about half the CPU of level 6, a few % larger


class DamagedBlobError(ValueError):
    """Stored bytes that do not decompress to valid UTF-8 text."""


class _PerThread(threading.local):
    def __init__(self):
        self.compressors = {}
        self.decompressor = None


_local = _PerThread()


def _compressor(level: int) -> zstandard.ZstdCompressor:
    compressor = _local.compressors.get(level)
    if compressor is None:
        compressor = _local.compressors[level] = zstandard.ZstdCompressor(level=level)
    return compressor


def _decompressor() -> zstandard.ZstdDecompressor:
    if _local.decompressor is None:
        _local.decompressor = zstandard.ZstdDecompressor()
    return _local.decompressor


def compress(raw: bytes, fast: bool = False) -> bytes:
    return _compressor(FAST_LEVEL if fast else LEVEL).compress(raw)


def decompress_text(data: bytes) -> str:
    """The text in ``data``; DamagedBlobError when the bytes are not a whole zstd frame of UTF-8."""
    try:
        return _decompressor().decompress(data).decode("utf-8")
    except (zstandard.ZstdError, UnicodeDecodeError) as error:
        raise DamagedBlobError(str(error)) from error


def compress_verified(raw: bytes, fast: bool = False) -> bytes:
    """Compressed ``raw``, checked to decompress back to exactly ``raw`` (a save never stores junk)."""
    data = compress(raw, fast=fast)
    try:
        back = _decompressor().decompress(data)
    except zstandard.ZstdError as error:
        raise DamagedBlobError(f"compression check failed: {error}") from error
    if back != raw:
        raise DamagedBlobError("compression check failed: the bytes do not round-trip")
    return data
