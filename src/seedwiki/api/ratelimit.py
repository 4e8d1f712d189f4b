"""Per-token request limits over Django's cache (Redis when shared): a fixed window counted with
the cache's atomic add/incr. SEEDWIKI_API_RATE_LIMIT = "COUNT/SECONDS" (default 120/60; "off")."""
from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def _limit() -> tuple[int, int] | None:
    value = getattr(settings, "SEEDWIKI_API_RATE_LIMIT", "120/60")
    if value == "off":
        return None
    count, _sep, seconds = value.partition("/")
    return int(count), int(seconds or 60)


def allow(token_id: int) -> tuple[bool, int]:
    """(allowed, seconds until the window ends) for one more request with this token."""
    limit = _limit()
    if limit is None:
        return True, 0
    count, seconds = limit
    now = int(time.time())
    window = now // seconds
    key = f"sw:api:rate:{token_id}:{window}"
    if cache.add(key, 1, seconds + 5):
        used = 1
    else:
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, seconds + 5)
            used = 1
    return used <= count, (window + 1) * seconds - now
