"""The import's writes on a thread of their own, one batch at a time, in dump order.

Why: with the parse in worker processes, the importing process still reads and decodes the dump,
hands entries to the workers and takes their results back — Python work that used to wait while
the database wrote. The database's own work (SQLite's FTS tokenising and B-tree inserts, a
PostgreSQL COPY) runs without the GIL, so on this thread it overlaps that Python work.

The thread has its own database connection (Django's are per thread) and closes it when it ends.
It is started only after the worker pool forked. Batches are written strictly in order, each with
its checkpoint in one transaction (writer.py), so what a kill leaves committed is always a prefix
of the dump: resume is unchanged.
"""
from __future__ import annotations

import queue
import threading


class WriteThread:
    """``write(item)`` for each ``put`` item, in order, on one thread; at most one item waits."""

    _END = object()

    def __init__(self, write):
        self._write = write
        self._items: queue.Queue = queue.Queue(maxsize=1)  # memory: one batch waiting, one being written
        self._error: BaseException | None = None
        self._abandon = False
        self._thread = threading.Thread(target=self._run, name="import-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from django.db import connection

        try:
            while (item := self._items.get()) is not self._END:
                if self._error is None and not self._abandon:
                    try:
                        self._write(item)
                    except BaseException as error:  # raised again on the caller's thread
                        self._error = error
        finally:
            connection.close()

    def put(self, item) -> None:
        self._raise_error()
        self._items.put(item)

    def finish(self, *, abandon: bool = False) -> None:
        """Wait for the items put so far to be written (``abandon``: skip those not started yet)."""
        self._abandon = abandon
        self._items.put(self._END)
        self._thread.join()
        self._raise_error()

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error
