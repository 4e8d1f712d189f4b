"""Reading a namu.wiki dump as a stream of numbered entries, in batches of bounded size.

An entry's number is its index in the dump's JSON array; a batch ends at a number, and that number
is what the checkpoint stores (run_record.py). Memory: one batch of entries at a time, whatever
the dump's size (jsonstream reads the file a MiB at a time).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

# namu.wiki dump namespace numbers → our namespaces ("6" is the project namespace).
DUMP_NAMESPACES = {"0": "문서", "1": "틀", "2": "분류", "3": "파일", "4": "사용자", "6": None, "8": "휴지통"}
MAX_CONTRIBUTORS = 50
_EDGE_BYTES = 1 << 20


@dataclass
class DumpEntry:
    full_title: str
    text: str
    extra: dict = field(default_factory=dict)


def dump_identity(path: Path) -> str:
    """sha256 of the size and the first and last MiB: stable for one file, cheap for 10 GB."""
    size = path.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with path.open("rb") as stream:
        digest.update(stream.read(_EDGE_BYTES))
        if size > _EDGE_BYTES:
            stream.seek(max(_EDGE_BYTES, size - _EDGE_BYTES))
            digest.update(stream.read(_EDGE_BYTES))
    return digest.hexdigest()


def dump_entries(stream):
    """DumpEntry per array element, None for one that is not a page of this wiki."""
    from django.conf import settings

    from seedwiki.jsonstream import iter_json_array
    from seedwiki.titles import join_title, namespaces

    known = set(namespaces())
    for entry in iter_json_array(stream):
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            yield None
            continue
        raw_ns = str(entry.get("namespace", "0"))
        if raw_ns in DUMP_NAMESPACES:
            namespace = DUMP_NAMESPACES[raw_ns] or settings.SITE_NAME
        elif raw_ns in known:
            namespace = raw_ns
        else:
            yield None  # 특수기능, 토론, 투표 …: not pages of this wiki
            continue
        text = entry.get("text")
        contributors = entry.get("contributors")
        extra = {"contributors": contributors[:MAX_CONTRIBUTORS]} if isinstance(contributors, list) and contributors else {}
        yield DumpEntry(join_title(namespace, entry["title"]), text if isinstance(text, str) else "", extra)


@dataclass
class Batch:
    entries: list[DumpEntry]
    skipped: int  # elements of the dump in this batch that are not pages
    end: int  # the number of dump elements consumed once this batch is committed


def batches(entries, *, size: int, start: int = 0, limit: int = 0):
    """Batches of up to ``size`` entries, after skipping the first ``start`` elements (resume).

    ``limit``: stop after that many elements of the dump in all (0: no limit)."""
    batch: list[DumpEntry] = []
    skipped = 0
    position = 0
    for entry in entries:
        position += 1
        if position <= start:
            continue
        if entry is None:
            skipped += 1
        else:
            batch.append(entry)
        if len(batch) >= size or (limit and position >= limit):
            yield Batch(batch, skipped, position)
            batch, skipped = [], 0
        if limit and position >= limit:
            return
    if batch or skipped:
        yield Batch(batch, skipped, position)


def stream_position(stream, total: int) -> int:
    """Bytes of the dump read so far (for the progress bar)."""
    try:
        return min(stream.buffer.tell(), total)
    except (AttributeError, OSError, ValueError):
        return 0

