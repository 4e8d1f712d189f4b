"""Worker processes that end with their parent: no orphan left behind by `kill -9` of the parent.

Linux: the kernel sends SIGKILL to the worker when the parent dies (prctl PR_SET_PDEATHSIG). As a
fallback elsewhere, and in case the forking thread ends before the parent does, a daemon thread
in the worker checks every second that its parent is still the one that started it.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1
CHECK_SECONDS = 1.0


def _kernel_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _watch_parent(parent: int) -> None:
    event = threading.Event()
    while not event.wait(CHECK_SECONDS):
        if os.getppid() != parent:
            os._exit(1)


def die_with_parent(parent: int | None = None) -> None:
    """Call first thing in a worker process (e.g. a pool's initializer)."""
    parent = parent or os.getppid()
    _kernel_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
