"""The import's write thread (importing/write_thread.py): items written in order, on another thread,
an error raised on the caller's side, and nothing more written once it failed or was abandoned."""
from __future__ import annotations

import threading

import pytest

from seedwiki.documents.importing.write_thread import WriteThread


def test_items_are_written_in_order_on_another_thread():
    written, threads = [], set()

    def write(item):
        written.append(item)
        threads.add(threading.get_ident())

    writer = WriteThread(write)
    for item in range(50):
        writer.put(item)
    writer.finish()
    assert written == list(range(50))
    assert threads and threading.get_ident() not in threads


def test_an_error_reaches_the_caller_and_stops_the_writes():
    written = []

    def write(item):
        if item == 3:
            raise RuntimeError("disk full")
        written.append(item)

    writer = WriteThread(write)
    with pytest.raises(RuntimeError, match="disk full"):
        for item in range(20):
            writer.put(item)
        writer.finish()
    assert written == [0, 1, 2]  # no batch after the failed one: the committed part stays a prefix


def test_abandon_skips_the_items_not_started():
    started, release, written = threading.Event(), threading.Event(), []

    def write(item):
        started.set()
        release.wait(5)
        written.append(item)

    writer = WriteThread(write)
    writer.put(0)
    started.wait(5)
    writer.put(1)  # waits in the queue while 0 is being written
    threading.Timer(0.2, release.set).start()
    writer.finish(abandon=True)
    assert written == [0]
