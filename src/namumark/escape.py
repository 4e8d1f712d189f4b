"""HTML escaping used by every renderer: text and attribute values never reach the output raw."""
from __future__ import annotations

from urllib.parse import quote

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


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
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


def anchor_href(anchor: str) -> str:
    """``#anchor`` with the anchor percent-encoded."""
    return "#" + quote(anchor, safe="-._~!$'()*+,;=:@/")


def external_href(url: str) -> str:
    """Percent-encode characters that must not appear raw in a URL (spaces, quotes, non-ASCII)."""
    return quote(url, safe="/:?#[]@!$&'()*+,;=%-._~")
