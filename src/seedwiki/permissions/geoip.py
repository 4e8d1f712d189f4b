"""Country of an IP address, only when a GeoIP database is configured (SEEDWIKI_GEOIP_DATABASE).

Without one, `geoip:` conditions are refused when added and never match. The database is read with
the `maxminddb` package when it is installed (MaxMind's GeoLite2/GeoIP2 Country format).
"""
from __future__ import annotations

import logging
from functools import lru_cache

from django.conf import settings

log = logging.getLogger(__name__)


def configured() -> bool:
    return bool(getattr(settings, "SEEDWIKI_GEOIP_DATABASE", "")) and _reader() is not None


@lru_cache(maxsize=1)
def _reader():
    path = getattr(settings, "SEEDWIKI_GEOIP_DATABASE", "")
    if not path:
        return None
    try:
        import maxminddb

        return maxminddb.open_database(path)
    except Exception:  # missing package or unreadable file: geoip stays off
        log.warning("GeoIP database %s could not be opened", path, exc_info=True)
        return None


def country_of(ip: str | None) -> str | None:
    reader = _reader() if ip else None
    if reader is None:
        return None
    try:
        record = reader.get(ip) or {}
    except ValueError:
        return None
    return ((record.get("country") or {}).get("iso_code")) or None
