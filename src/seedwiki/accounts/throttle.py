"""Login throttling: after repeated failures for one account or from one IP, the login form answers
429 before any password is checked (each check costs an Argon2 hash). Failures and refusals are
logged to the ``seedwiki.security`` logger. Limits: ``login.ip`` (every attempt),
``login_failure.ip`` and ``login_failure.account`` in seedwiki.permissions.ratelimit.
"""
from __future__ import annotations

import hashlib

from seedwiki.permissions import ratelimit
from seedwiki.accounts.identity import client_ip


def _account(username: str) -> str:
    # Names are unique regardless of case; hashed so any typed text makes a safe cache key.
    return hashlib.sha256(username.strip().casefold().encode("utf-8", "replace")).hexdigest()[:32]


def before_attempt(request, username: str) -> None:
    """RateLimited if this IP or this account may not try now; counts the attempt for the IP."""
    address = client_ip(request)
    ip = ratelimit.ip_bucket(address)
    try:
        ratelimit.check("login_failure.ip", ip)
        if username:
            ratelimit.check("login_failure.account", _account(username))
        ratelimit.count("login.ip", ip)
    except ratelimit.RateLimited:
        ratelimit.log.warning("login throttled: account %r from %s", username[:64], address)
        raise


def failed(request, username: str) -> None:
    address = client_ip(request)
    ratelimit.log.warning("login failed: account %r from %s", username[:64], address)
    counters = [("login_failure.ip", ratelimit.ip_bucket(address))]
    if username:
        counters.append(("login_failure.account", _account(username)))
    for name, who in counters:
        try:
            ratelimit.count(name, who)
        except ratelimit.RateLimited:
            pass  # already over: the next attempt is refused by before_attempt


def succeeded(request, username: str) -> None:
    """A right password clears the account's failures (not the IP's: one IP may try many accounts)."""
    ratelimit.forget("login_failure.account", _account(username))
