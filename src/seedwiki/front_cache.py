"""Anonymous page views answered in front of Django's middleware: the hot path of a wiki.

documents/views/page_cache.py decides which /w/ pages every anonymous reader may share, and keys
them by what they depend on (the document's latest revision and render stamp, the language, the
path). When the view has served such a page it leaves that key in the WSGI environ; this wrapper
then keeps the finished response — status, every header the middleware chain added, body — under
it. The next anonymous GET of the URL computes the same key from the same request (one indexed
query: a page never outlives its revision or stamp) and answers from the cache, skipping the
middleware chain, URL resolution, the view and the template (bench/wiki_bench.py: most of the CPU
of a cached view).

Anything unusual — another method or path, a cookie of a session or of messages, a host not in
ALLOWED_HOSTS, a database or cache error — goes to Django unchanged, which answers it as usual.
"""
from __future__ import annotations

import logging

from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.db import connection
from django.utils.translation import get_language_from_request, to_language

from seedwiki.documents.views import page_cache

log = logging.getLogger(__name__)

PREFIX = "/w/"
KEY_PREFIX = "sw:front:1:"


class FrontPageCache:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET" or not environ.get("PATH_INFO", "").startswith(PREFIX):
            return self.application(environ, start_response)
        try:
            key = self._key(environ)
            entry = cache.get(KEY_PREFIX + key) if key is not None else None
        except Exception:  # Django answers it (and reports the problem) the usual way
            log.debug("front cache bypassed", exc_info=True)
            entry = None
        if entry is not None:
            status, headers, body = entry
            start_response(status, list(headers))
            return [body]
        return self._fill(environ, start_response)

    @staticmethod
    def _key(environ) -> str | None:
        request = WSGIRequest(dict(environ))  # a copy: WSGIRequest rewrites PATH_INFO in place
        request.get_host()  # DisallowedHost: let Django answer 400
        title = request.path_info[len(PREFIX):]
        if not title:
            return None
        # The connection outlives requests (CONN_MAX_AGE): drop it when broken or too old, as
        # Django does at the start of every request it handles.
        connection.close_if_unusable_or_obsolete()
        return page_cache.page_key(request, title, language=to_language(get_language_from_request(request)))

    def _fill(self, environ, start_response):
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
        try:
            cache.set(KEY_PREFIX + key, (status, list(headers), body), page_cache.TIMEOUT)
        except Exception:
            log.warning("front cache could not store a page", exc_info=True)
        return [body]
