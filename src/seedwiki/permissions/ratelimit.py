"""Rate limits: how many edits, sign-ups, logins and uploads one client may make per time window.

Anonymous requests are counted per IP address (an IPv6 client per /64, the block one subscriber
usually holds), logged-in requests per account. Counters live in Django's cache — the per-process
memory cache by default, Redis when SEEDWIKI_REDIS_URL makes it shared by all workers — and are
fixed windows bumped with the cache's atomic add/incr, so two workers never lose a count.

Limits are "COUNT/SECONDS" strings keyed "<action>.<kind>" (kind: ``ip`` for anonymous clients,
``member`` for accounts, ``account`` for the account a login names); settings.SEEDWIKI_RATE_LIMITS
overrides the defaults below, and "off" turns one limit off. Holders of ``skip_captcha`` are exempt
(the seed's permission that lifts its captcha), as is the command line, which never goes through here.
"""
from __future__ import annotations

import ipaddress
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from seedwiki.permissions.subject import subject_of

log = logging.getLogger("seedwiki.security")

EXEMPT_PERMISSION = "skip_captcha"

DEFAULT_LIMITS = {
    "edit.ip": "10/60", "edit.member": "30/60",
    "upload.ip": "5/600", "upload.member": "30/600",
    "signup.ip": "5/3600",
    # For the discussion and edit-request pages: count_request(request, "thread" | "comment" | "edit_request").
    "thread.ip": "3/600", "thread.member": "10/600",
    "comment.ip": "10/60", "comment.member": "30/60",
    "edit_request.ip": "5/600", "edit_request.member": "20/600",
    # Every login form sent from one IP, then failures only (each costs an Argon2 hash).
    "login.ip": "60/300",
    "login_failure.ip": "20/900", "login_failure.account": "10/900",
    # Requests per API token (seedwiki/api/auth.py).
    "api.token": "120/60",
}

# The reader sees which kind of action was refused.
ACTION_LABELS = {
    "edit": gettext_noop("편집"), "upload": gettext_noop("파일 올리기"), "signup": gettext_noop("계정 만들기"),
    "login": gettext_noop("로그인"), "login_failure": gettext_noop("로그인"), "api": gettext_noop("API"),
    "thread": gettext_noop("토론 만들기"), "comment": gettext_noop("토론 댓글"), "edit_request": gettext_noop("편집 요청"),
}


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


class RateLimited(Exception):
    """Too many requests: HTTP 429 with a Korean message and a Retry-After header."""

    status = 429

    def __init__(self, action: str, retry_after: int):
        self.action, self.retry_after = action, max(1, retry_after)
        self.message = _("%(action)s 요청이 너무 많습니다. %(seconds)s초 뒤에 다시 시도하세요.") % {
            "action": _(ACTION_LABELS.get(action, action)), "seconds": self.retry_after}
        super().__init__(self.message)

    def apply(self, response):
        """The refusal page ``response`` with status 429 and Retry-After."""
        response.status_code = self.status
        response["Retry-After"] = str(self.retry_after)
        return response


def parse_limit(value: str) -> Limit | None:
    """ "COUNT/SECONDS" (SECONDS may end in s, m, h or d) → Limit; "off" or "0" → None."""
    text = str(value).strip().lower()
    if text in ("off", "0", "none", ""):
        return None
    count, _sep, window = text.partition("/")
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    scale = units.get(window[-1:], 1)
    if window[-1:] in units:
        window = window[:-1]
    if not (count.isdigit() and window.isdigit()) or int(count) < 1 or int(window) < 1:
        raise ValueError(f"rate limit {value!r}: expected COUNT/SECONDS, e.g. 10/60 or 10/1m")
    return Limit(int(count), int(window) * scale)


def limit_for(name: str) -> Limit | None:
    configured = getattr(settings, "SEEDWIKI_RATE_LIMITS", {}) or {}
    default = DEFAULT_LIMITS.get(name, "off")
    try:
        return parse_limit(configured.get(name, default))
    except ValueError as error:  # a typo in the setting must not turn every edit into a 500
        log.error("SEEDWIKI_RATE_LIMITS: %s; using the default %s for %s", error, default, name)
        return parse_limit(default)


def ip_bucket(ip: str | None) -> str:
    """The counting unit of an address: itself for IPv4, its /64 for IPv6."""
    if not ip:
        return "unknown"
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _window(limit: Limit, now: float) -> tuple[int, int]:
    """(window number, seconds until it ends)."""
    number = int(now // limit.seconds)
    return number, max(1, math.ceil((number + 1) * limit.seconds - now))


def _key(name: str, who: str, window: int) -> str:
    return f"ratelimit:{name}:{who}:{window}"


def _bump(key: str, seconds: int) -> int:
    if cache.add(key, 1, timeout=seconds + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # it expired between add and incr: a new window
        cache.add(key, 1, timeout=seconds + 1)
        return 1


def count(name: str, who: str, *, now: float | None = None) -> int:
    """Count one event of ``name`` for ``who`` and return how many this window holds; raise
    RateLimited past the limit (the refused event counts too, so hammering keeps it refused)."""
    limit = limit_for(name)
    if limit is None:
        return 0
    window, remaining = _window(limit, time.time() if now is None else now)
    number = _bump(_key(name, who, window), remaining)
    if number > limit.count:
        raise RateLimited(name.split(".")[0], remaining)
    return number


def check(name: str, who: str, *, now: float | None = None) -> None:
    """Raise RateLimited if ``who`` already used up ``name`` in this window (nothing is counted)."""
    limit = limit_for(name)
    if limit is None:
        return
    window, remaining = _window(limit, time.time() if now is None else now)
    if (cache.get(_key(name, who, window)) or 0) >= limit.count:
        raise RateLimited(name.split(".")[0], remaining)


def forget(name: str, who: str, *, now: float | None = None) -> None:
    limit = limit_for(name)
    if limit is not None:
        cache.delete(_key(name, who, _window(limit, time.time() if now is None else now)[0]))


# --- requests ---------------------------------------------------------------------------------

def _subject_of(request) -> tuple[str, str]:
    """("member", "<user id>") for a logged-in request, else ("ip", "<address bucket>")."""
    subject = subject_of(request)
    if subject.user is not None:
        return "member", f"user:{subject.user.pk}"
    return "ip", ip_bucket(subject.ip)


def is_exempt(request) -> bool:
    """Holders of skip_captcha are not rate-limited (the grants look-up of the permissions app)."""
    subject = subject_of(request)
    return subject.user is not None and subject.holds(EXEMPT_PERMISSION)


def count_request(request, action: str) -> None:
    """Count one ``action`` (edit, upload, signup, …) of this request's client; RateLimited past it."""
    if is_exempt(request):
        return
    kind, who = _subject_of(request)
    count(f"{action}.{kind}", who)


def check_request(request, action: str) -> None:
    """RateLimited if this client has no ``action`` left in the window (before reading a large body)."""
    if is_exempt(request):
        return
    kind, who = _subject_of(request)
    check(f"{action}.{kind}", who)
