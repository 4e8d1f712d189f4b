"""Anonymous page views answered in front of Django: the hot path of a wiki.

documents/views/page_cache.py decides which /w/ pages every anonymous reader may share and keys
them by what they depend on (the document's latest revision and render stamp, the language, the
path). When the view has served such a page it leaves that key in the WSGI environ; this module
then keeps the finished response — status, every header the middleware chain added, body — in a
per-process store, under the request's identity (path, query string, language).

Serving it again needs proof that it is still what Django would answer:
- the page key, recomputed from the database (one indexed query), is the stored one; or
- on SQLite, nothing at all was committed to the database since that proof was made:
  ``PRAGMA data_version`` of a connection that never writes changes with every commit of any other
  connection (edits, imports, rebuilds, logins). Then no query is needed, and `seedwiki serve`
  answers in the event loop (seedwiki/serving.py) without handing the request to a thread.
After any commit each stored page is checked once against the database again.

Anything unusual — another method or path, a cookie of a session or of messages, a host not in
ALLOWED_HOSTS, a database error — goes to Django unchanged, which answers it as usual.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.db import connection, connections
from django.utils.translation import get_language_from_request, to_language

from seedwiki import replicas
from seedwiki.documents.views import page_cache

log = logging.getLogger(__name__)

PREFIX = "/w/"


@dataclass(eq=False)
class Entry:
    key: str  # page_cache's key: which revision and render stamp this is
    valid_at: int | None  # data_version when the key was last checked against the database
    expires: float
    status: str
    headers: list[tuple[str, str]]
    body: bytes

    def unchanged_since_check(self, version: int | None) -> bool:
        """True when nothing was committed since the key was checked (no query needed)."""
        return version is not None and self.valid_at == version

    @cached_property
    def status_code(self) -> int:
        return int(self.status.split(" ", 1)[0])

    @cached_property
    def asgi_headers(self) -> list[tuple[bytes, bytes]]:
        return [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in self.headers]


class PageStore:
    """Least recently used entries, bounded by the bytes of their bodies (one store per process)."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, identity: tuple) -> Entry | None:
        with self._lock:
            entry = self._entries.get(identity)
            if entry is None:
                return None
            if entry.expires <= time.monotonic():
                self._remove(identity)
                return None
            self._entries.move_to_end(identity)
            return entry

    def put(self, identity: tuple, entry: Entry) -> None:
        if len(entry.body) > self.max_bytes // 4:
            return
        with self._lock:
            self._remove(identity)
            self._entries[identity] = entry
            self._bytes += len(entry.body)
            while self._bytes > self.max_bytes:
                self._remove(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _remove(self, identity: tuple) -> None:
        entry = self._entries.pop(identity, None)
        if entry is not None:
            self._bytes -= len(entry.body)


class DataVersion:
    """SQLite's commit counter as seen by a connection of its own that never writes (None: unknown)."""

    def __init__(self):
        self._connection = None
        self._name = None
        self._lock = threading.Lock()

    def current(self) -> int | None:
        # (with read replicas the primary's counter says nothing about what a replica holds)
        if connection.vendor != "sqlite" or replicas.aliases():
            return None
        name = str(connection.settings_dict["NAME"])
        if name == ":memory:" or name.startswith("file:"):  # in-memory test databases
            return None
        with self._lock:
            try:
                if self._connection is None or self._name != name:
                    if self._connection is not None:
                        self._connection.close()
                        STORE.clear()  # versions of another connection mean nothing to this one
                    # timeout=0: never wait for a lock (this may run in the event loop).
                    # mode=rw: never create a database file that is not there.
                    self._connection = sqlite3.connect(f"file:{quote(name)}?mode=rw", uri=True, timeout=0,
                                                       check_same_thread=False, isolation_level=None)
                    self._name = name
                return self._connection.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:
                log.debug("data_version unavailable", exc_info=True)
                return None


STORE = PageStore(settings.SEEDWIKI_FRONT_CACHE_BYTES)
DATA_VERSION = DataVersion()


@dataclass
class FrontRequest:
    identity: tuple  # everything of the request the page depends on
    request: WSGIRequest
    title: str
    language: str


def front_request(environ) -> FrontRequest | None:
    """The request as the front cache sees it, or None when it is not an anonymous page view."""
    if environ.get("REQUEST_METHOD") != "GET" or not environ.get("PATH_INFO", "").startswith(PREFIX):
        return None
    request = WSGIRequest(dict(environ))  # a copy: WSGIRequest rewrites PATH_INFO in place
    request.get_host()  # DisallowedHost: Django answers 400
    if not page_cache.anonymous_and_plain(request):
        return None
    title = request.path_info[len(PREFIX):]
    if not title:
        return None
    language = to_language(get_language_from_request(request))
    identity = (environ.get("SCRIPT_NAME", ""), environ["PATH_INFO"], environ.get("QUERY_STRING", ""), language)
    return FrontRequest(identity, request, title, language)


def unchanged_entry(environ) -> Entry | None:
    """The stored page when provably nothing was committed since it was checked; no query, no
    blocking (the event loop calls this)."""
    try:
        front = front_request(environ)
        if front is None:
            return None
        version = DATA_VERSION.current()
        entry = STORE.get(front.identity)
    except Exception:
        log.debug("front cache bypassed", exc_info=True)
        return None
    return entry if entry is not None and entry.unchanged_since_check(version) else None


class FrontPageCache:
    """WSGI middleware around Django's handler (seedwiki.wsgi)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            front = front_request(environ)
        except Exception:  # Django answers it (and reports the problem) the usual way
            log.debug("front cache bypassed", exc_info=True)
            front = None
        if front is None:
            return self.application(environ, start_response)
        # the page's key and, on a miss, the page itself from one database (seedwiki/replicas.py)
        with replicas.reading(replicas.may_read_replica("GET", front.request.COOKIES)):
            return self._serve(environ, start_response, front)

    def _serve(self, environ, start_response, front: FrontRequest):
        try:
            version = DATA_VERSION.current()  # read before the key: a commit in between is noticed
            entry = STORE.get(front.identity)
            if entry is not None and entry.unchanged_since_check(version):
                return _answer(entry, start_response)
            # The connection outlives requests (CONN_MAX_AGE): drop it when broken or too old, as
            # Django does at the start of every request it handles.
            connections[replicas.read_alias()].close_if_unusable_or_obsolete()
            key = page_cache.page_key(front.request, front.title, language=front.language)
        except Exception:  # Django answers it (and reports the problem) the usual way
            log.debug("front cache bypassed", exc_info=True)
            return self.application(environ, start_response)
        if key is None:
            return self.application(environ, start_response)
        if entry is not None and entry.key == key:
            entry.valid_at = version
            return _answer(entry, start_response)
        return self._fill(environ, start_response, front, version)

    def _fill(self, environ, start_response, front: FrontRequest, version: int | None):
        environ[page_cache.FRONT_ENVIRON] = True  # the view leaves the whole page to this cache
        seen = []

        def remember(status, headers, exc_info=None):
            seen.append((status, headers))
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        response = self.application(environ, remember)
        key = environ.get(page_cache.KEY_ENVIRON)
        if not key or not seen:
            return response
        status, headers = seen[-1]
        if not status.startswith("200 ") or any(name.lower() == "set-cookie" for name, _ in headers):
            return response
        try:
            body = b"".join(response)
        finally:
            if hasattr(response, "close"):
                response.close()
        STORE.put(front.identity, Entry(key, version, time.monotonic() + page_cache.TIMEOUT, status,
                                        list(headers), body))
        return [body]


def _answer(entry: Entry, start_response):
    start_response(entry.status, list(entry.headers))
    return [entry.body]
