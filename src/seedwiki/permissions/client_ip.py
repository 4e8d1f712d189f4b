"""The client's IP address, not forgeable by the client.

REMOTE_ADDR is the peer. X-Forwarded-For is believed only when the peer is a proxy listed in
SEEDWIKI_TRUSTED_PROXIES (comma-separated CIDRs; default: trust nobody). Walking the header from the
right, trusted proxies are skipped and the first address that is not one is the client.
"""
from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


def valid_ip(value: str | None) -> str | None:
    """The address in canonical form (an IPv4-mapped IPv6 address as plain IPv4), or None."""
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


@lru_cache(maxsize=8)
def _networks(spec: str) -> tuple:
    networks = []
    for part in spec.split(","):
        if part.strip():
            networks.append(ipaddress.ip_network(part.strip(), strict=False))
    return tuple(networks)


def trusted_proxies() -> tuple:
    return _networks(getattr(settings, "SEEDWIKI_TRUSTED_PROXIES", "") or "")


def _legacy_trust_any_peer() -> bool:
    """The older on/off SEEDWIKI_TRUST_PROXY: one proxy, whatever its address (the hop it appended)."""
    return bool(getattr(settings, "SEEDWIKI_TRUST_PROXY", False)) and not trusted_proxies()


def _trusted(ip: str, networks) -> bool:
    address = ipaddress.ip_address(ip)
    return any(address in network for network in networks)


def client_ip(request) -> str | None:
    peer = valid_ip(request.META.get("REMOTE_ADDR"))
    hops = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if peer is not None and hops and _legacy_trust_any_peer():
        return valid_ip(hops[-1]) or peer
    networks = trusted_proxies()
    if peer is None or not networks or not _trusted(peer, networks):
        return peer
    for hop in reversed(hops):
        ip = valid_ip(hop)
        if ip is None:
            return peer  # a malformed hop: believe only what we saw ourselves
        if not _trusted(ip, networks):
            return ip
    return peer
