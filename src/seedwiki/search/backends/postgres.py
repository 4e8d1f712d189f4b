"""PostgreSQL: LIKE/ILIKE '%term%' answered by pg_trgm GIN indexes (migration 0002).

- A term without letter case (Hangul, digits) is matched with LIKE: the index serves it the same
  way and the recheck of each candidate skips case folding, which dominates on long texts.
- 1–2 character terms have no trigram to look up: they are strpos() conditions over the rows of
  the id range being scanned (search/bounded.py keeps that range small).
- A long term is looked up by a few pieces (terms.index_pieces); the rows found are checked for the
  whole term with strpos, which searches in linear time.
"""
from __future__ import annotations

from ..terms import index_pieces, is_short
from .base import COLUMNS, SearchBackend, caseless, like_pattern


class PostgresTrigramBackend(SearchBackend):
    name = "postgresql-pg_trgm"

    def conditions(self, terms, target):
        columns = COLUMNS[target]
        where: list[str] = []
        params: list = []
        for term in terms:
            check = "strpos(e.{c}, %s) > 0" if caseless(term) else "strpos(lower(e.{c}), lower(%s)) > 0"
            if is_short(term):
                where.append("(" + " OR ".join(check.format(c=c) for c in columns) + ")")
                params.extend([term] * len(columns))
                continue
            op = "LIKE" if caseless(term) else "ILIKE"
            pieces = index_pieces(term)
            for piece in pieces:
                where.append("(" + " OR ".join(f"e.{c} {op} %s ESCAPE '\\'" for c in columns) + ")")
                params.extend([like_pattern(piece)] * len(columns))
            if pieces != [term]:
                # Looked up by pieces: check the whole term with strpos (linear), not a long
                # ILIKE pattern (which backtracks at every position of the text).
                where.append("(" + " OR ".join(check.format(c=c) for c in columns) + ")")
                params.extend([term] * len(columns))
        return "FROM search_entry e", where, params, "e.id"
