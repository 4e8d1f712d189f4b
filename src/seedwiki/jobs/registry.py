"""Task code: plain functions registered by kind, called the same way by every runner.

A task is ``fn(args: dict, step: Step) -> None``. It must be idempotent: it may run again after a
failure or after its runner was killed. Long tasks work in chunks, each in a transaction that also
calls ``step.checkpoint(progress)``; the next attempt starts from ``step.progress``.
"""
from __future__ import annotations

from typing import Callable

TASKS: dict[str, Callable] = {}


def job(kind: str):
    """Register the decorated function as the task of ``kind``."""

    def register(fn: Callable) -> Callable:
        if TASKS.get(kind, fn) is not fn:
            raise ValueError(f"job kind {kind!r} registered twice")
        TASKS[kind] = fn
        return fn

    return register


def task_of(kind: str) -> Callable:
    try:
        return TASKS[kind]
    except KeyError:
        raise LookupError(f"no task registered for job kind {kind!r}") from None
