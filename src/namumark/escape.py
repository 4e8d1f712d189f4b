"""HTML escaping used by every renderer: text and attribute values never reach the output raw."""
from __future__ import annotations

import re
from functools import lru_cache


# str.replace chains are several times faster than str.translate on non-ASCII text.
def text(s: str) -> str:
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    return s


def attr(s: str) -> str:
    s = text(s)
    # most values (URLs, class names, titles) hold no quote: a test costs less than a call
    if '"' in s:
        s = s.replace('"', "&quot;")
    if "'" in s:
        s = s.replace("'", "&#x27;")
    return s


def anchor_href(anchor: str) -> str:
    """``#anchor`` with the anchor percent-encoded."""
    return "#" + quote(anchor, "-._~!$'()*+,;=:@/")


def external_href(url: str) -> str:
    """Percent-encode characters that must not appear raw in a URL (spaces, quotes, non-ASCII)."""
    return quote(url, "/:?#[]@!$&'()*+,;=%-._~")


def _percent(m: re.Match) -> str:
    return "%" + m.group().encode("utf-8").hex("%").upper()


@lru_cache(maxsize=16)
def _unsafe_runs(safe: str) -> re.Pattern:
    # urllib's always-safe ASCII letters, digits and "_.-~", plus the ASCII ones of ``safe``
    # (urllib ignores the others)
    extra = "".join(c for c in safe if c < "\x80" and c != "-")
    return re.compile("[^A-Za-z0-9_.~%s-]+" % re.escape(extra))


def quote(s: str, safe: str = "/") -> str:
    """``urllib.parse.quote(s, safe)`` (UTF-8, upper-case hex), a run of unsafe characters at a
    time instead of a Python step per byte, and a title linked again is looked up: quoting
    link targets took 7% of the corpus's render time."""
    if len(s) > _CACHED_LENGTH:  # the cache outlives the render: it keeps no long URL alive
        return _unsafe_runs(safe).sub(_percent, s)
    return _quote_cached(s, safe)


_CACHED_LENGTH = 512


@lru_cache(maxsize=4096)
def _quote_cached(s: str, safe: str) -> str:
    return _unsafe_runs(safe).sub(_percent, s)
