"""The import's session tuning (load_tuning.py) reaches the connections of the thread that loads,
never those of other threads: an import run as a job inside `seedwiki serve` shares the process
with web requests, whose commits must keep waiting for the WAL flush (PostgreSQL) and whose
connections keep SQLite's default page cache. Runs on SQLite and PostgreSQL."""
from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from seedwiki.documents.importing.load_tuning import tuned_for_load

pytestmark = [pytest.mark.storage, pytest.mark.django_db(transaction=True)]


def _setting(conn) -> str:
    query = "SHOW synchronous_commit" if conn.vendor == "postgresql" else "PRAGMA cache_size"
    with conn.cursor() as cursor:
        cursor.execute(query)
        return str(cursor.fetchone()[0])


def _tuned_value() -> str:
    return "off" if connection.vendor == "postgresql" else "-131072"


def _in_another_thread() -> str:
    seen = []

    def request():  # what a web request's thread would open
        try:
            seen.append(_setting(connections["default"]))
        finally:
            connections.close_all()

    worker = threading.Thread(target=request)
    worker.start()
    worker.join()
    return seen[0]


def test_only_the_loading_threads_connections_are_tuned():
    untuned = _setting(connection)
    assert untuned != _tuned_value()
    with tuned_for_load():
        assert _setting(connection) == _tuned_value()
        connection.close()  # the worker pool's fork closes it; the loader's next one is tuned again
        assert _setting(connection) == _tuned_value()
        assert _in_another_thread() == untuned
    assert _in_another_thread() == untuned
    if connection.vendor == "postgresql":
        assert _setting(connection) == untuned  # reset when the load ends
