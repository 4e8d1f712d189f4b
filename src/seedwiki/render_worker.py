"""A render worker process: `python -m seedwiki.render_worker <fd> <memory MB> <parent pid>`.

Started by seedwiki/render_pool.py. Limits its own address space (RLIMIT_AS), arranges to die with
its parent, sets Django up (jobs are functions of the wiki's modules, pickled by reference — the
worker never opens a database connection: questions go back to the host through ``ask``), then
runs jobs from the socket until it closes.
"""
from __future__ import annotations

import os
import sys
import traceback
from multiprocessing.connection import Connection

from seedwiki.process_guard import die_with_parent

connection: Connection | None = None  # set in the worker process only


class HostError(Exception):
    """The host could not answer a question (logged there)."""


def ask(method: str, *args):
    connection.send(("ask", method, args))
    kind, value = connection.recv()
    if kind != "answer":
        raise HostError(value)
    return value


def _limit_memory(megabytes: int) -> None:
    if megabytes <= 0:
        return
    import resource

    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


WARM_UP_TEXT = "\n".join([
    "[목차]", "== 제목 ==", "'''굵게''' ''기울임'' [[링크|라벨]] [* 각주] {{{#red 빨강}}} [br] [date]",
    "|| 표 || [[분류:분류]] ||", " * 목록", "> 인용", "{{{#!syntax python", "print(1)", "}}}", "[각주]",
])


def _warm_up() -> None:
    """Render a little of everything once, so the first reader does not pay for imports and caches."""
    import namumark

    tree = namumark.parse(WARM_UP_TEXT)
    namumark.metadata(tree, title="시험")
    namumark.render_html(tree, namumark.MemoryContext(), title="시험")
    namumark.render_text(tree, title="시험")


def main(argv: list[str]) -> int:
    global connection
    fd, memory_mb, parent_pid = int(argv[0]), int(argv[1]), int(argv[2])
    die_with_parent(parent_pid)
    connection = Connection(fd)
    if os.environ.get("DJANGO_SETTINGS_MODULE"):
        import django

        django.setup()
    _warm_up()
    _limit_memory(memory_mb)
    connection.send(("ready",))
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return 0
        _kind, func, args, kwargs = message
        try:
            result = func(*args, **kwargs)
            connection.send(("done", result))
        except MemoryError:
            connection.send(("memory",))
            return 1  # a worker that ran out of memory is replaced, not reused
        except Exception:
            connection.send(("error", traceback.format_exc()))


if __name__ == "__main__":
    # Run as the imported module, not as __main__: jobs reach ``connection`` through
    # ``seedwiki.render_worker``, which must be this very module object.
    from seedwiki.render_worker import main as _main

    raise SystemExit(_main(sys.argv[1:]))
