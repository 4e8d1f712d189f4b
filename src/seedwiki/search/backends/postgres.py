"""PostgreSQL: LIKE/ILIKE '%term%' answered by pg_trgm GIN indexes (migration 0002).

- A term without letter case (Hangul, digits) is matched with LIKE: the index serves it the same
  way and the recheck of each candidate skips case folding, which dominates on long texts.
- The planner underestimates scanning search_entry (the texts live in TOAST, which it does not
  price), so for queries with a term of 3+ characters the sequential scan is switched off for
  that one transaction and the trigram index is used.
- 1–2 character terms have no trigram to look up: they are answered by a scan (strpos when the
  term has no letter case), as on SQLite.
- A long term is looked up by a few pieces (terms.index_pieces); the rows found are checked for the
  whole term with strpos, which searches in linear time.
"""
from __future__ import annotations

from django.db import connection, transaction

from ..terms import index_pieces, is_short
from .like import COLUMNS, LikeBackend, like_pattern


def _caseless(term: str) -> bool:
    return term.lower() == term.upper()


class PostgresTrigramBackend(LikeBackend):
    name = "postgresql-pg_trgm"
    match_sql = "e.{column} ILIKE %s ESCAPE '\\'"

    def search(self, terms, target, namespace, limit, offset, within=None):
        columns = COLUMNS[target]
        where: list[str] = []
        params: list = []
        for term in terms:
            if _caseless(term) and is_short(term):
                # No index can help a 1–2 character term; strpos scans faster than LIKE.
                where.append("(" + " OR ".join(f"strpos(e.{c}, %s) > 0" for c in columns) + ")")
                params.extend([term] * len(columns))
                continue
            op = "LIKE" if _caseless(term) else "ILIKE"
            pieces = index_pieces(term)
            for piece in pieces:
                where.append("(" + " OR ".join(f"e.{c} {op} %s ESCAPE '\\'" for c in columns) + ")")
                params.extend([like_pattern(piece)] * len(columns))
            if pieces != [term]:
                # Looked up by pieces: check the whole term with strpos (linear), not a long
                # ILIKE pattern (which backtracks at every position of the text).
                check = "strpos(e.{c}, %s) > 0" if _caseless(term) else "strpos(lower(e.{c}), lower(%s)) > 0"
                where.append("(" + " OR ".join(check.format(c=c) for c in columns) + ")")
                params.extend([term] * len(columns))
        self.restrict_namespaces(namespace, within, where, params)
        from_where = "FROM search_entry e WHERE " + " AND ".join(where)
        order = [
            ("lower(e.title) = lower(%s)", "DESC"),
            ("(e.title ILIKE %s ESCAPE '\\')", "DESC"),
            ("length(e.title)", "ASC"),
            ("e.title", "ASC"),
        ]
        order_params = [" ".join(terms), like_pattern(terms[0])]
        if not any(not is_short(t) for t in terms):
            return self._run(from_where, params, order, order_params, limit, offset)
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
            return self._run(from_where, params, order, order_params, limit, offset)
