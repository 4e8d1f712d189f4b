"""Loads scale_bench's generated wiki straight into the document and search tables, for timing
search at 100k–1M documents without running the full import (which is another bench's subject).

Each generated page becomes a documents_document row (no revision: search never reads one) and a
search_entry row holding namumark.render_text of its source — the text the real import indexes —
rendered in worker processes. The search indexes are then built the way import/rebuild build them
(seedwiki.search.indexing.build_indexes), so the bench also times that entry point.
"""
from __future__ import annotations

import multiprocessing
import random
import time

from scale_bench import document_text, title_of

BATCH = 2000


def _pages(count: int, seed: int = 1):
    """(title, source) in the order and with the randomness of scale_bench.write_dump."""
    rng = random.Random(seed)
    for index in range(count):
        if rng.random() < 0.2 and index > 10:
            yield title_of(index), f"#redirect {title_of(rng.randrange(index))}\n"
        else:
            yield title_of(index), document_text(index, count, rng)


def _render(page: tuple[str, str]) -> tuple[str, str]:
    import namumark

    title, source = page
    if source.startswith("#redirect"):
        return title, ""
    return title, namumark.render_text(namumark.parse(source))


def _batches(count: int, processes: int):
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        batch = []
        for item in pool.imap(_render, _pages(count), chunksize=64):
            batch.append(item)
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch


def _recycled(count: int, texts: list[str]):
    """``count`` fresh titles, each with one of ``texts`` in turn (already rendered plain text)."""
    batch = []
    for index in range(count):
        batch.append((title_of(index), texts[index % len(texts)]))
        if len(batch) >= BATCH * 10:
            yield batch
            batch = []
    if batch:
        yield batch


def load(count: int, processes: int = 2, texts: list[str] | None = None) -> float:
    """Fill an empty, migrated database with ``count`` generated pages; returns seconds taken.

    ``texts``: plain texts to reuse instead of rendering each page (the 1M run reuses the 100k
    run's texts, cut short, so its indexes can be built within the bench's time: say so)."""
    from django.db import connection, transaction

    from seedwiki.search import indexing

    started = time.perf_counter()
    indexing.drop_indexes()
    next_id = 1
    for batch in (_recycled(count, texts) if texts else _batches(count, processes)):
        ids = range(next_id, next_id + len(batch))
        next_id += len(batch)
        documents = [(pk, "문서", title, len(text)) for pk, (title, text) in zip(ids, batch)]
        entries = [(pk, "문서", title, text, pk) for pk, (title, text) in zip(ids, batch)]
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy("COPY documents_document (id, namespace, title, length, is_redirect, "
                                        "redirect_target, deleted, render_stamp) FROM STDIN") as copy:
                    for row in documents:
                        copy.write_row((*row, False, "", False, 0))
                with cursor.cursor.copy("COPY search_entry (id, namespace, title, content, document_id) "
                                        "FROM STDIN") as copy:
                    for row in entries:
                        copy.write_row(row)
            else:
                cursor.executemany("INSERT INTO documents_document (id, namespace, title, length, is_redirect, "
                                   "redirect_target, deleted, render_stamp) VALUES (%s, %s, %s, %s, 0, '', 0, 0)",
                                   documents)
                cursor.executemany("INSERT INTO search_entry (id, namespace, title, content, document_id) "
                                   "VALUES (%s, %s, %s, %s, %s)", entries)
        print(f"  loaded {next_id - 1} pages, {time.perf_counter() - started:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("documents_document", "search_entry"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)", [next_id])
    built = time.perf_counter()
    indexing.build_indexes()
    print(f"  search indexes built in {time.perf_counter() - built:.0f} s", flush=True)
    return time.perf_counter() - started
