"""The database runner: a loop that claims due jobs from the table and runs them.

`seedwiki serve` runs it in a thread (the one-machine default, no other service); `seedwiki worker`
without a broker runs it in the foreground. Several may run at once, on one machine or many.
"""
from __future__ import annotations

import logging
import threading
import time

from django.db import close_old_connections, connection

from seedwiki.jobs import core

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0
PRUNE_EVERY = 3600.0

_wakeup = threading.Event()


def wake() -> None:
    """A job was committed in this process: look now rather than at the next poll."""
    _wakeup.set()


def run_forever(stop: threading.Event | None = None, poll: float = POLL_SECONDS) -> None:
    stop = stop or threading.Event()
    pruned = 0.0
    while not stop.is_set():
        try:
            close_old_connections()
            ran = core.drain(limit=50)
            if time.monotonic() - pruned > PRUNE_EVERY:
                core.prune()
                pruned = time.monotonic()
        except Exception:  # the database went away for a moment: try again at the next poll
            log.exception("job runner: claiming failed")
            connection.close()
            ran = 0
        if not ran:
            _wakeup.wait(poll)
            _wakeup.clear()


def start_thread() -> tuple[threading.Thread, threading.Event]:
    """The runner in a daemon thread of this process (with its own database connection)."""
    stop = threading.Event()

    def target():
        try:
            run_forever(stop)
        finally:
            connection.close()

    thread = threading.Thread(target=target, name="seedwiki-jobs", daemon=True)
    thread.start()
    return thread, stop
