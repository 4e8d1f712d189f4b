"""PostgreSQL: the GIN index kept through a big load (indexes.KEPT_DURING_LOAD) merged by a second
connection while the load goes on.

Each COPY only appends the new rows' trigrams to the index's pending list; merging that list into
the index is the expensive half. Left to the loading connection it runs inside a COPY, between the
workers' batches; here a thread's own connection calls ``gin_clean_pending_list`` in a loop, so the
merge runs on the second core while the loading connection goes on (measured: the loading
connection's server time per batch about halves). Nothing depends on it for correctness: an
unmerged list is read by searches and merged by the next insert past the limit or by VACUUM, so a
failure (say the user does not own the index) only stops the thread.

A forked child would inherit the thread's socket and could close the server session under it when
the child's copy of the connection is freed: the connection is closed before any fork (the worker
pool's) and opened again after.
"""
from __future__ import annotations

import contextlib
import logging
import os
import threading

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections

log = logging.getLogger(__name__)
IDLE_SECONDS = 0.3

_active: list["_Merger"] = []


class _Merger(threading.Thread):
    def __init__(self, index_names: tuple[str, ...]):
        super().__init__(name="gin-pending-merge", daemon=True)
        self.index_names = index_names
        self.stopping = threading.Event()
        self.lock = threading.Lock()  # held while the connection is in use; a fork waits for it
        self.wrapper = None
        self.merged_pages = 0  # pending-list pages merged so far

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                with self.lock:
                    merged = self._merge_once()
                if not merged:
                    self.stopping.wait(IDLE_SECONDS)
        except DatabaseError as error:  # e.g. not the index's owner: the loading connection merges
            log.warning("GIN pending list merge stopped: %s", error)
        finally:
            with self.lock:
                self.disconnect()

    def _merge_once(self) -> int:
        if self.wrapper is None:
            self.wrapper = connections.create_connection(DEFAULT_DB_ALIAS)
            self.wrapper.inc_thread_sharing()  # closed by the fork hook, from the forking thread
        pages = 0
        with self.wrapper.cursor() as cursor:
            for name in self.index_names:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
                pages += cursor.fetchone()[0]
        self.merged_pages += pages
        return pages

    def disconnect(self) -> None:
        if self.wrapper is not None:
            self.wrapper.close()
            self.wrapper = None


def _before_fork() -> None:
    for merger in _active:
        merger.lock.acquire()
        merger.disconnect()


def _after_fork_in_parent() -> None:
    for merger in _active:
        merger.lock.release()


def _after_fork_in_child() -> None:
    _active.clear()  # the threads are not in the child


os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child)


@contextlib.contextmanager
def merged_in_background(index_names: tuple[str, ...], enabled: bool = True):
    """Merge the pending lists of ``index_names`` (those that exist) during the block."""
    if not enabled or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relname = ANY(%s) AND relkind = 'i' "
                       "AND pg_table_is_visible(oid)", [list(index_names)])
        present = tuple(row[0] for row in cursor.fetchall())
    if not present:
        yield
        return
    merger = _Merger(present)
    _active.append(merger)
    merger.start()
    try:
        yield
    finally:
        merger.stopping.set()
        merger.join()
        _active.remove(merger)
