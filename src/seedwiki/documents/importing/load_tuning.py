"""Session settings for the connection that loads a dump (only while it loads).

SQLite: a 128 MB page cache (default 2 MB) keeps the growing indexes — link targets, the FTS
segments being merged — in memory. PostgreSQL: commits do not wait
for the WAL flush; a server crash can lose the last few batches, but each batch and its checkpoint
are one transaction, so they are lost together and the rerun loads them again.
"""
from __future__ import annotations

import contextlib
import threading

from django.db import connection
from django.db.backends.signals import connection_created

SQLITE = ["PRAGMA cache_size = -131072"]
POSTGRESQL = ["SET synchronous_commit TO off"]


_owner: int | None = None  # the thread loading the dump


def _apply_in_owner(sender=None, connection=connection, **kwargs) -> None:
    # An import run as a job inside `seedwiki serve` shares the process with web requests: their
    # connections must keep the server's defaults (an edit's commit waits for the WAL flush).
    if threading.get_ident() == _owner:
        _apply(connection=connection)


def _apply(connection=connection) -> None:
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@contextlib.contextmanager
def tuned_for_load():
    """Tune the current connection and any this thread opens meanwhile (the pool's fork closes
    them); other threads' connections are left as they are."""
    global _owner
    _owner = threading.get_ident()
    connection_created.connect(_apply_in_owner)
    try:
        if connection.connection is not None:
            _apply(connection=connection)
        yield
    finally:
        connection_created.disconnect(_apply_in_owner)
        _owner = None
        if connection.connection is not None and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
