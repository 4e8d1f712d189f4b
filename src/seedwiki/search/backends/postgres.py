"""PostgreSQL: LIKE/ILIKE '%term%' answered by pg_trgm GIN indexes (migration 0002).

- A term without letter case (Hangul, digits) is matched with LIKE: the index serves it the same
  way and the recheck of each candidate skips case folding, which dominates on long texts.
- 1–2 character terms have no trigram to look up: they are strpos() conditions over the rows of
  the id range being scanned (search/bounded.py keeps that range small).
- A long term is looked up by a few pieces (terms.index_pieces); the rows found are checked for the
  whole term with strpos, which searches in linear time.
"""
from __future__ import annotations

from django.db import OperationalError, connection, transaction

from .. import partitions
from ..bounded import Collected
from ..terms import index_pieces, is_short
from ..title_keys import title_key
from .base import COLUMNS, SearchBackend, caseless, like_pattern


class PostgresTrigramBackend(SearchBackend):
    name = "postgresql-pg_trgm"
    # Byte order, as the title btree of migration 0004 holds it: the planner then reads a prefix
    # range in index order and stops at the LIMIT (under the database's collation it sorted all).
    title_sql = 'e.title COLLATE "C"'

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

    def collect(self, terms, target, namespace, within, want, exclude, budget):
        """With a term of 3+ characters the trigram index finds the candidates, and ranges of ids
        would make each range re-read (and recheck) all of them: one query instead, stopped after
        ``want`` rows in the heap's order; the share of the table's blocks it got through gives
        the estimate. search_entry is partitioned (search/partitions.py): the scan reads the
        partitions in turn, so the blocks it got through are those of the partitions before the
        last one it reached, and that one's up to its last row. A statement timeout holds the time
        budget."""
        if all(is_short(t) for t in terms):
            return super().collect(terms, target, namespace, within, want, exclude, budget)
        from_, where, params, _ = self.conditions(terms, target)
        self.restrict_namespaces(namespace, within, where, params)
        limit = want + len(exclude)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {max(1, int(budget * 1000))}")
                cursor.execute(f"SELECT e.id, e.tableoid::bigint, (e.ctid::text::point)[0]::bigint {from_} "
                               f"WHERE {' AND '.join(where)} LIMIT %s", [*params, limit])
                rows = cursor.fetchall()
                tables = partitions.blocks_in_scan_order(cursor)
        except OperationalError as error:
            if getattr(getattr(error, "__cause__", None), "sqlstate", "") != "57014":  # query_canceled
                raise
            return Collected(complete=False, timed_out=True)
        complete = len(rows) < limit
        return Collected(ids=[pk for pk, _table, _block in rows if pk not in exclude],
                         scanned=_blocks_scanned(rows, tables), span=max(1, sum(b for _oid, b in tables)),
                         complete=complete)

    def title_contains(self, terms):
        # A 1–2 character term is looked up in the GIN index over search_title_key(title), the
        # lowercased title with every character tripled (migration 0004): "별" is the trigram
        # "별별별" there, "바람" the phrase "바바바람람람", so the index answers it; the title
        # itself is checked too (cheap, and exact whatever the index's recheck does).
        where, params = [], []
        for term in terms:
            if is_short(term):
                where.append("search_title_key(e.title) LIKE %s ESCAPE '\\'")
                params.append(like_pattern(title_key(term)))
            _from, term_where, term_params, _ = self.conditions([term], "title")
            where += term_where
            params += term_params
        return where, params


def _blocks_scanned(rows, tables: list[tuple[int, int]]) -> int:
    """Blocks a scan reading ``tables`` in turn got through to return ``rows`` (id, table, block)."""
    if not rows:
        return 1
    position = {oid: n for n, (oid, _blocks) in enumerate(tables)}
    reached = max(position.get(table, 0) for _pk, table, _block in rows)
    last_block = max(block for _pk, table, block in rows if position.get(table, 0) == reached)
    return sum(blocks for _oid, blocks in tables[:reached]) + last_block + 1
