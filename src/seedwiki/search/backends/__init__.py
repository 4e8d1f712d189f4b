"""Pick the search backend for the database vendor of the default connection."""
from __future__ import annotations

from django.db import connection

from .base import RawHit, SearchBackend


def get_backend() -> SearchBackend:
    vendor = connection.vendor
    if vendor == "sqlite":
        from .sqlite import SqliteTrigramBackend

        return SqliteTrigramBackend()
    if vendor == "postgresql":
        from .postgres import PostgresTrigramBackend

        return PostgresTrigramBackend()
    from .like import LikeBackend

    return LikeBackend()


__all__ = ["RawHit", "SearchBackend", "get_backend"]
