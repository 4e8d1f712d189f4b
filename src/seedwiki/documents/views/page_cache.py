"""Whole-page cache for anonymous readers of /w/<title> — the hot path of a wiki.

Readers without a session and without pending messages all get the same HTML for the same URL in
the same language, so the finished page is kept, keyed by everything it depends on: the document's
latest revision and its render stamp (every edit, move, deletion and revert makes a new latest
revision; the after-commit fan-out bumps the stamp when a linked or included page changes), the
language, and the full path (``?from=…`` shows the redirect notice, the login link carries it).
Category, file and user pages are not kept: their member lists, headers and block notices depend
on other rows.
Only plain 200 pages that set no cookie and use no CSRF token are stored, and only in namespaces
every anonymous reader may read whatever their address (the ACL stamp is part of the key).

Under a WSGI server (seedwiki.wsgi, `seedwiki serve`) seedwiki/front_cache.py keeps the finished
response instead, headers included, and answers the next reader before the middleware runs: the
view then only names the key (``KEY_ENVIRON``) and leaves the storing to it.
"""
from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from seedwiki import replicas
from seedwiki.documents.models import Document
from seedwiki.permissions.decide import anonymous_read_is_shared
from seedwiki.permissions.models import ACLState
from seedwiki.titles import CATEGORY, FILE, USER, TitleError, parse_title

VERSION = 1
TIMEOUT = 3600
# 사용자: pages show their owner's blocks, which change without a revision.
UNCACHED_NAMESPACES = frozenset({CATEGORY, FILE, USER})
# Set in the WSGI environ: by the front cache when it is in place, by the view to name the key.
FRONT_ENVIRON = "seedwiki.front_cache"
KEY_ENVIRON = "seedwiki.page_cache_key"
# The ACL stamp rides along: a rule change makes every key new, and pages are shared only when
# every anonymous reader may read them (permissions.decide.anonymous_read_is_shared).
_FRESHNESS_SQL = (f"SELECT id, latest_id, render_stamp, (SELECT stamp FROM {ACLState._meta.db_table} WHERE id = 1) "
                  f"FROM {Document._meta.db_table} WHERE namespace = %s AND title = %s")


def anonymous_and_plain(request) -> bool:
    if request.method != "GET" or "rev" in request.GET:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def page_key(request, raw_title: str, *, language: str | None = None) -> str | None:
    """The cache key of this request's page, or None when it must be rendered for this reader.

    ``language``: the reader's (the front cache runs before LocaleMiddleware has activated it)."""
    if not anonymous_and_plain(request):
        return None
    try:
        namespace, title = parse_title(raw_title)
    except TitleError:
        return None
    if namespace in UNCACHED_NAMESPACES:
        return None
    # plain SQL: building the ORM query cost more than running it; from the database the request's
    # other reads use (a read replica for page views: seedwiki/replicas.py)
    with connections[replicas.read_alias()].cursor() as cursor:
        cursor.execute(_FRESHNESS_SQL, [namespace, title])
        row = cursor.fetchone()
    if row is None or row[1] is None or row[3] is None or not anonymous_read_is_shared(namespace, row[3]):
        return None
    path = hashlib.sha1(request.get_full_path().encode("utf-8")).hexdigest()
    return f"sw:page:{VERSION}:{row[0]}:{row[1]}:{row[2]}:{row[3]}:{language or get_language()}:{path}"


def lookup(request, key: str) -> HttpResponse | None:
    content = cache.get(key)
    if content is None:
        return None
    response = HttpResponse(content, content_type="text/html; charset=utf-8")
    # The page differs for members (their name, the logout form): say so to shared caches, as the
    # freshly rendered page does once the template has looked at the session.
    patch_vary_headers(response, ("Cookie",))
    request.META[KEY_ENVIRON] = key  # the front cache may keep the finished response
    return response


def store(request, key: str, response) -> None:
    if (response.status_code == 200 and not getattr(response, "streaming", False) and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and response.get("Content-Type", "").startswith("text/html")):
        request.META[KEY_ENVIRON] = key
        # (else the front cache stores the finished response); a page over the render cache's entry
        # cap is not kept either: each URL variant would hold megabytes for an hour.
        if not request.META.get(FRONT_ENVIRON) and len(response.content) <= settings.SEEDWIKI_RENDER_CACHE_ENTRY_BYTES:
            cache.set(key, response.content, TIMEOUT)
