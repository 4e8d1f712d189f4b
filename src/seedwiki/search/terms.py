"""Splitting a search box string into the terms every hit must contain."""
from __future__ import annotations

import unicodedata

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# A longer term is cut: checking a term against a text costs up to its length per character.
MAX_TERM_LENGTH = 64
# The trigram index cannot answer a term shorter than this; such terms are matched by a scan.
TRIGRAM = 3
# What the index is asked for one term: a long term is looked up by a few short pieces of it
# (its start, its end and evenly between), each a phrase of at most PIECE_LENGTH - 2 trigrams;
# the rows found are then checked for the whole term. Asking the index for every trigram of a
# 199-character term made SQLite match 197-trigram phrases at every position of a 2 MB page (13 s).
MAX_PIECES = 4
PIECE_LENGTH = 5


def _printable(q: str) -> str:
    # Control characters (NUL above all) are never in indexed text, and SQLite FTS5 and PostgreSQL
    # both refuse NUL in a query: they separate terms like spaces do.
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in q)


def split_terms(q: str) -> list[str]:
    """Whitespace-separated terms, de-duplicated, order kept; an over-long query is cut."""
    seen: list[str] = []
    for term in _printable((q or "")[:MAX_QUERY_LENGTH]).split():
        term = term[:MAX_TERM_LENGTH]
        if term.lower() not in (t.lower() for t in seen):
            seen.append(term)
    return seen[:MAX_TERMS]


def is_short(term: str) -> bool:
    return len(term) < TRIGRAM


def index_pieces(term: str) -> list[str]:
    """What the trigram index is asked for ``term`` (3+ characters): the term itself when short,
    else up to MAX_PIECES pieces of PIECE_LENGTH characters spread over it. When this is not
    ``[term]``, the rows found must still be checked for the whole term."""
    if len(term) <= MAX_PIECES * PIECE_LENGTH:
        return [term]
    step = (len(term) - PIECE_LENGTH) / (MAX_PIECES - 1)
    pieces: list[str] = []
    for index in range(MAX_PIECES):
        start = round(index * step)
        piece = term[start:start + PIECE_LENGTH]
        if piece.lower() not in (p.lower() for p in pieces):
            pieces.append(piece)
    return pieces
