"""Read replicas for page views (SEEDWIKI_REPLICA_DATABASE_URLS; docs/deployment.md).

A request reads from a replica only when it cannot be writing and its reader has not written lately:
- its method is GET or HEAD (a POST reads what it is about to change from the primary);
- its browser carries no pin cookie: every other request (an edit, a login, an ACL change) sets
  one for SEEDWIKI_REPLICA_PIN_SECONDS, so the writer's next views come from the primary and show
  the edit, whatever the replicas' lag ("read your own writes");
- and, query by query, no transaction is open on the primary (a read inside one is part of a write).
Writes always go to the primary. One request keeps one replica from start to end, so the page
cache's key and the page it names come from the same copy (documents/views/page_cache.py).
"""
from __future__ import annotations

import random
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

PIN_COOKIE = "sw_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})
_request = threading.local()  # .alias: the replica this thread's request reads from (None: the primary)


def aliases() -> list[str]:
    return getattr(settings, "SEEDWIKI_REPLICAS", [])


def may_read_replica(method: str, cookies) -> bool:
    return bool(aliases()) and method in SAFE_METHODS and PIN_COOKIE not in cookies


@contextmanager
def reading(replica: bool):
    """Reads of the request inside go to one replica (chosen here) when ``replica``; an outer
    choice (the front cache's, for the same request) is kept."""
    outer = getattr(_request, "alias", None)
    _request.alias = outer if outer is not None else random.choice(aliases()) if replica else None
    try:
        yield
    finally:
        _request.alias = outer


def read_alias() -> str:
    alias = getattr(_request, "alias", None)
    if alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return alias


class ReplicaRouter:
    """settings.DATABASE_ROUTERS when replicas are configured."""

    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas are copies of the primary: every row is in each

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS  # replicas receive the schema from the primary


class ReplicaMiddleware:
    """First in settings.MIDDLEWARE when replicas are configured: picks the database of the request's
    reads, and pins the browser of a writing request to the primary for a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with reading(may_read_replica(request.method, request.COOKIES)):
            response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            response.set_cookie(PIN_COOKIE, "1", max_age=settings.SEEDWIKI_REPLICA_PIN_SECONDS, httponly=True,
                                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
        return response
