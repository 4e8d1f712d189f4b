"""Who is making this request: the logged-in user, and the client IP address.

Anonymous edits are recorded under the IP, so the IP must not be forgeable: REMOTE_ADDR is used
unless SEEDWIKI_TRUST_PROXY is on (the wiki runs behind a reverse proxy that sets
X-Forwarded-For), in which case the right-most address the proxy appended is taken.
"""
from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid_ip(value: str) -> str | None:
    value = (value or "").strip()
    # "[::1]:port" / "1.2.3.4:port" forms are not sent by proxies we support; accept bare addresses.
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    if getattr(settings, "SEEDWIKI_TRUST_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        # The proxy appends the address it saw; anything left of it came from the client.
        for candidate in reversed([part for part in forwarded.split(",") if part.strip()]):
            ip = _valid_ip(candidate)
            if ip:
                return ip
            break
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def request_identity(request):
    """(user or None, ip) — the user is None for anonymous requests; ip may be None in tests."""
    user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    return user, client_ip(request)


def display_name(request) -> str:
    """The name an edit by this request is listed under: the username, else the IP."""
    user, ip = request_identity(request)
    return user.get_username() if user is not None else (ip or "")
