"""Link targets: escapes, anchors, file/category/external classification, relative titles."""
from __future__ import annotations

import re

FILE_PREFIXES = ("파일:", "file:")
CATEGORY_PREFIXES = ("분류:", "category:")
EXTERNAL_SCHEMES = ("http://", "https://", "ftp://", "mailto:")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]{0,30}:")
_DANGEROUS = frozenset({"javascript", "vbscript", "data", "file", "about", "blob"})


def unescape(s: str) -> str:
    """``\\x`` → ``x`` (one pass, linear)."""
    if "\\" not in s:
        return s
    out = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\" and i + 1 < n:
            out.append(s[i + 1])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_unescaped(s: str, sep: str, last: bool = False) -> tuple[str, str | None]:
    """Split at the first (or last) ``sep`` not preceded by a backslash escape."""
    if "\\" not in s:
        k = s.rfind(sep) if last else s.find(sep)
        return (s, None) if k < 0 else (s[:k], s[k + 1:])
    positions = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == sep:
            positions.append(i)
            if not last:
                break
        i += 1
    if not positions:
        return s, None
    k = positions[-1] if last else positions[0]
    return s[:k], s[k + 1:]


def prefixed(title: str, prefixes: tuple[str, ...]) -> str | None:
    """The rest of ``title`` after one of ``prefixes`` (ASCII ones case-insensitively)."""
    if ":" not in title[:10]:
        return None
    low = title[:12].lower()
    for p in prefixes:
        if low.startswith(p):
            return title[len(p):]
    return None


def is_external(target: str) -> bool:
    low = target[:10].lower()
    return low.startswith(EXTERNAL_SCHEMES)


def is_forbidden_scheme(target: str) -> bool:
    """A URL-looking target with a scheme we refuse to link (``javascript:``, ``data:`` …)."""
    if ":" not in target:
        return False
    m = _SCHEME.match(target.strip())
    if not m:
        return False
    scheme = m.group()[:-1].lower()
    if scheme in _DANGEROUS:
        return True
    return target.strip()[m.end():m.end() + 2] == "//"


def resolve_relative(target: str, title: str | None) -> str:
    """``../`` → the parent of ``title``; ``/x`` → ``title/x``. Others unchanged."""
    if title is None:
        title = ""
    if target.startswith("../"):
        rest = target[3:]
        parent = title.rsplit("/", 1)[0] if "/" in title else title
        return parent + ("/" + rest if rest else "")
    if target.startswith("/"):
        return title + target
    return target
