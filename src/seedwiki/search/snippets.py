"""Escaped snippets with <mark> around every occurrence of a search term."""
from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_LENGTH = 200
LEAD = 60
# The snippet is looked for in the start of the text only (the index holds no more than this).
MAX_SCANNED_CHARS = 256 * 1024  # = api.MAX_INDEXED_CHARS
WHITESPACE = re.compile(r"\s+")


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    terms = [t for t in terms if t]
    if not terms:
        return None
    # Longest first so an overlapping longer term wins the alternation.
    alternatives = sorted({re.escape(t) for t in terms}, key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """The whole text, escaped, with matches wrapped in <mark>."""
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(escape(text))
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append("<mark>" + escape(m.group(0)) + "</mark>")
        pos = m.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """A window of the text around the first match (or its start), highlighted, runs of
    whitespace collapsed. Only the stretch around the match is copied: a text may be 256 KB."""
    text = text[:MAX_SCANNED_CHARS]
    pattern = _pattern(terms)
    first = pattern.search(text) if pattern else None
    at = first.start() if first else 0
    raw_start, raw_end = max(0, at - 4 * LEAD), min(len(text), at + 4 * length)
    stretch = WHITESPACE.sub(" ", text[raw_start:raw_end])
    if raw_start == 0:
        stretch = stretch.lstrip()
    if raw_end == len(text):
        stretch = stretch.rstrip()
    first = pattern.search(stretch) if first else None
    start = max(0, first.start() - LEAD) if first else 0
    end = min(len(stretch), start + length)
    body = highlight(stretch[start:end], terms)
    prefix = "…" if start > 0 or raw_start > 0 else ""
    suffix = "…" if end < len(stretch) or raw_end < len(text) else ""
    return mark_safe(prefix + body + suffix)
