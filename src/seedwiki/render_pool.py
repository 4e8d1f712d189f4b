"""Renders of untrusted markup in worker processes with a hard wall-clock and memory limit.

The markup package has its own budgets (namumark/limits.py); this is the defence behind them, for
the input nobody thought of: a render that takes longer than SEEDWIKI_RENDER_TIMEOUT seconds is
killed with its worker process, a render that needs more than SEEDWIKI_RENDER_MEMORY_MB of address
space fails with MemoryError inside its worker (RLIMIT_AS) — either way the request gets a
RenderUnavailable with a Korean message and the server goes on with a fresh worker.

Only renders of requests are routed here (``UntrustedRequestMiddleware`` marks the request's
thread); the CLI, the dump import and `seedwiki rebuild` render in their own process as before.

Workers are plain ``python -m seedwiki.render_worker`` processes talking over a socket pair with
multiprocessing's Connection (pickled messages): the job is a module-level function and its
arguments; while it runs, the worker may ask the host questions (``ask("page_exists", title)``),
which the requesting thread answers from the database — the worker itself never opens one.
Workers die with their parent: PR_SET_PDEATHSIG on Linux, a watch thread and EOF on the socket
everywhere. SEEDWIKI_RENDER_WORKERS=0 renders in-process (no hard limit).
"""
from __future__ import annotations

import atexit
import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

# The questions a worker may ask its host (namumark's Context protocol and DbContext's batch helper).
HOST_METHODS = frozenset({"page_exists", "page_source", "file_info", "page_count", "exists_many"})
SPAWN_TIMEOUT = 60.0

_local = threading.local()  # .untrusted: this thread serves a request; .host: in-process answers


class RenderUnavailable(Exception):
    """A render that went past the hard limit, crashed its worker, or found every worker busy."""

    def __init__(self, reason: str):
        self.reason = reason  # "timeout" | "memory" | "crashed" | "busy" | "error"
        super().__init__(reason)

    @property
    def message(self) -> str:
        if self.reason in ("timeout", "busy"):
            return _("문서를 렌더링하는 데 시간이 너무 오래 걸립니다. 잠시 후 다시 시도하세요.")
        if self.reason == "memory":
            return _("문서를 렌더링하는 데 메모리가 너무 많이 필요합니다.")
        return _("문서를 렌더링하는 중 오류가 발생했습니다.")

    def __str__(self) -> str:
        return self.message


class _Worker:
    def __init__(self, process: subprocess.Popen, conn: Connection):
        self.process, self.conn = process, conn

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        try:
            self.process.kill()
        except OSError:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            log.error("render worker %s did not die", self.process.pid)
        self.conn.close()


class RenderPool:
    def __init__(self, size: int, timeout: float, memory_mb: int):
        self.size, self.timeout, self.memory_mb = size, timeout, memory_mb
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        # Workers are started from one long-lived thread: PR_SET_PDEATHSIG fires when the thread
        # that forked a child ends, and request threads may come and go.
        self._spawner = ThreadPoolExecutor(1, thread_name_prefix="render-pool-spawn")

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self, wait: float = 0.0) -> None:
        """Start the workers; with ``wait``, block up to that many seconds until they are all up."""
        with self._lock:
            first = not self._started and not self._closed
            self._started = True
        if first:
            for _index in range(self.size):
                self._submit(self._add_worker)
        deadline = time.monotonic() + wait
        while len(self.pids()) < self.size and time.monotonic() < deadline:
            time.sleep(0.02)

    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers]

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.kill()
        self._spawner.shutdown(wait=True)
        for worker in list(self._workers):  # started while shutting down
            worker.kill()

    def _add_worker(self, attempt: int = 0) -> None:
        if self._closed:
            return
        try:
            worker = _spawn(self.memory_mb)
        except Exception:
            log.exception("could not start a render worker (attempt %s)", attempt + 1)
            time.sleep(min(30.0, 0.5 * 2 ** attempt))  # this thread only starts workers: waiting is fine
            self._submit(self._add_worker, attempt + 1)
            return
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._workers.add(worker)
        self._idle.put(worker)

    def _retire(self, worker: _Worker) -> None:
        """Kill ``worker`` and start its replacement in the background."""
        with self._lock:
            self._workers.discard(worker)
        worker.kill()
        self._submit(self._add_worker)

    def _submit(self, *call) -> None:
        if self._closed:
            return
        try:
            self._spawner.submit(*call)
        except RuntimeError:  # shut down meanwhile
            pass

    def _checkout(self, deadline: float) -> _Worker:
        self.start()
        while True:
            remaining = deadline - time.monotonic()
            try:
                worker = self._idle.get(timeout=max(0.0, remaining)) if remaining > 0 else self._idle.get_nowait()
            except queue.Empty:
                raise RenderUnavailable("busy") from None
            if worker.alive:
                return worker
            self._retire(worker)

    # -- one job ---------------------------------------------------------------------------------
    def run(self, func, *args, host=None, **kwargs):
        """``func(*args, **kwargs)`` in a worker; ``host`` answers the worker's ``ask`` calls."""
        deadline = time.monotonic() + self.timeout
        worker = self._checkout(deadline)
        healthy = False
        try:
            worker.conn.send(("run", func, args, kwargs))
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not worker.conn.poll(remaining):
                    log.warning("render worker %s killed after %.1f s", worker.process.pid, self.timeout)
                    raise RenderUnavailable("timeout")
                message = worker.conn.recv()
                kind = message[0]
                if kind == "ask":
                    worker.conn.send(_answer(host, message[1], message[2]))
                elif kind == "done":
                    healthy = True
                    return message[1]
                elif kind == "error":  # the function raised; the worker itself is fine
                    healthy = True
                    log.error("render job %s failed in a worker:\n%s", getattr(func, "__name__", func), message[1])
                    raise RenderUnavailable("error")
                else:  # "memory"
                    log.warning("render worker %s ran out of memory (%s MB)", worker.process.pid, self.memory_mb)
                    raise RenderUnavailable("memory")
        except (EOFError, OSError):
            log.warning("render worker %s died", worker.process.pid)
            raise RenderUnavailable("crashed") from None
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                self._retire(worker)


def _answer(host, method: str, args: tuple):
    if host is None or method not in HOST_METHODS:
        return ("answer_error", f"no host method {method!r}")
    try:
        return ("answer", getattr(host, method)(*args))
    except Exception as error:  # the worker's render goes on without this answer
        log.exception("host method %s failed", method)
        return ("answer_error", repr(error))


def _spawn(memory_mb: int) -> _Worker:
    parent_sock, child_sock = socket.socketpair()
    src = str(Path(__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH", "")]))
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "seedwiki.render_worker", str(child_sock.fileno()), str(memory_mb), str(os.getpid())],
            pass_fds=[child_sock.fileno()], env=env, stdin=subprocess.DEVNULL, close_fds=True)
    finally:
        child_sock.close()
    conn = Connection(parent_sock.detach())
    worker = _Worker(process, conn)
    if not conn.poll(SPAWN_TIMEOUT) or conn.recv() != ("ready",):
        worker.kill()
        raise RuntimeError("render worker did not start")
    return worker


# --- the process-wide pool and the routing ---------------------------------------------------

_pool: RenderPool | None = None
_pool_lock = threading.Lock()


def pool() -> RenderPool | None:
    """The process's pool (created on first use), or None when SEEDWIKI_RENDER_WORKERS=0."""
    global _pool
    if settings.SEEDWIKI_RENDER_WORKERS <= 0:
        return None
    with _pool_lock:
        if _pool is None or _pool._closed:
            _pool = RenderPool(settings.SEEDWIKI_RENDER_WORKERS, settings.SEEDWIKI_RENDER_TIMEOUT,
                               settings.SEEDWIKI_RENDER_MEMORY_MB)
        return _pool


def shutdown() -> None:
    """Stop the workers (tests; interpreter exit). The next render starts a new pool."""
    global _pool
    with _pool_lock:
        current, _pool = _pool, None
    if current is not None:
        current.shutdown()


def render_limited(func, *args, host=None, **kwargs):
    """Run a render job: in a worker when this thread serves a request, in-process otherwise."""
    current = pool() if getattr(_local, "untrusted", False) else None
    if current is None:
        previous = getattr(_local, "host", None)
        _local.host = host
        try:
            return func(*args, **kwargs)
        finally:
            _local.host = previous
    return current.run(func, *args, host=host, **kwargs)


def ask(method: str, *args):
    """For a job: ask the host (in a worker: over the socket; in-process: the host directly)."""
    from seedwiki import render_worker

    if render_worker.connection is not None:
        return render_worker.ask(method, *args)
    host = getattr(_local, "host", None)
    if host is None or method not in HOST_METHODS:
        raise LookupError(method)
    return getattr(host, method)(*args)


@contextmanager
def untrusted_input():
    """Within the block, this thread's renders go to the pool (as for a request)."""
    previous = getattr(_local, "untrusted", False)
    _local.untrusted = True
    try:
        yield
    finally:
        _local.untrusted = previous


class UntrustedRequestMiddleware:
    """Marks the thread serving a request, so its renders go to the pool."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with untrusted_input():
            return self.get_response(request)


def _kill_on_exit() -> None:
    try:
        shutdown()
    except Exception:
        pass


atexit.register(_kill_on_exit)
