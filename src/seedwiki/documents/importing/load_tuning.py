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


def _apply(connection=connection, statements: list[str] | None = None) -> None:
    if statements is None:
        statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _untuning(connection) -> list[str]:
    """The statements that put ``connection``'s session back as it is now (before the load)."""
    if connection.vendor == "postgresql":
        return ["RESET synchronous_commit"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return [f"PRAGMA cache_size = {int(cursor.fetchone()[0])}"]
    return []


@contextlib.contextmanager
def tuned_for_load():
    """Tune the current connection and any this thread opens meanwhile (the pool's fork closes
    them); the one open at the end is put back as it was. Other threads' connections are left alone:
    an import run as a job inside `seedwiki serve` shares the process with web requests, whose
    commits must keep waiting for the WAL flush."""
    loader = threading.get_ident()
    untuning = _untuning(connection)

    def tune_if_loader(sender, connection, **kwargs) -> None:
        if threading.get_ident() == loader:
            _apply(connection=connection)

    connection_created.connect(tune_if_loader, weak=False)
    try:
        _apply(connection=connection)
        yield
    finally:
        connection_created.disconnect(tune_if_loader)
        if connection.connection is not None:
            _apply(connection=connection, statements=untuning)
