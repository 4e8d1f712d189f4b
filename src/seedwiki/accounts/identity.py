"""Who is making this request: the logged-in user, and the client IP address.

Anonymous edits are recorded under the IP, so the IP must not be forgeable: REMOTE_ADDR is used
unless the peer is a proxy listed in SEEDWIKI_TRUSTED_PROXIES (seedwiki/permissions/client_ip.py).
"""
from __future__ import annotations

from seedwiki.permissions.client_ip import client_ip  # noqa: F401  (one definition, re-exported)


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
