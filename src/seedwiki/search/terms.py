"""Splitting a search box string into the terms every hit must contain."""
from __future__ import annotations

import unicodedata

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# The trigram index cannot answer a term shorter than this; such terms are matched by a scan.
TRIGRAM = 3


def _printable(q: str) -> str:
    # Control characters (NUL above all) are never in indexed text, and SQLite FTS5 and PostgreSQL
    # both refuse NUL in a query: they separate terms like spaces do.
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in q)


def split_terms(q: str) -> list[str]:
    """Whitespace-separated terms, de-duplicated, order kept; an over-long query is cut."""
    seen: list[str] = []
    for term in _printable((q or "")[:MAX_QUERY_LENGTH]).split():
        if term.lower() not in (t.lower() for t in seen):
            seen.append(term)
    return seen[:MAX_TERMS]


def is_short(term: str) -> bool:
    return len(term) < TRIGRAM
