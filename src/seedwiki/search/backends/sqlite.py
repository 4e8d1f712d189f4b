"""SQLite: FTS5 trigram index for terms of 3+ characters, instr() scan for shorter ones.

A long term is looked up by a few pieces (terms.index_pieces) and the rows found are checked for
the whole term with instr().

A trigram index cannot match a 1- or 2-character string (namu.wiki users often search one or two
syllables: "물", "서울"), so those terms become instr() conditions over the same rows; a query
made only of short terms scans search_entry.
"""
from __future__ import annotations

from ..terms import index_pieces, is_short
from .base import RawHit, SearchBackend

COLUMNS = {"title": ["title"], "content": ["content"], "title_content": ["title", "content"]}


def fts_phrase(term: str) -> str:
    # An FTS5 string: double quotes doubled, so any user text is a literal phrase, never syntax.
    return '"' + term.replace('"', '""') + '"'


def _contains(column: str, term: str) -> str:
    # Hangul has no case: comparing without lower() spares copying every text it scans.
    # SQLite's lower() folds ASCII only, which is what a cased short term can hold here.
    if term.lower() == term.upper():
        return f"instr({column}, %s) > 0"
    return f"instr(lower({column}), lower(%s)) > 0"


class SqliteTrigramBackend(SearchBackend):
    name = "sqlite-fts5-trigram"

    def search(self, terms, target, namespace, limit, offset, within=None) -> tuple[int, list[RawHit]]:
        columns = COLUMNS[target]
        long_terms = [t for t in terms if not is_short(t)]
        short_terms = [t for t in terms if is_short(t)]
        where: list[str] = []
        params: list = []
        if long_terms:
            filter_ = "" if len(columns) == 2 else f"{columns[0]} : "
            pieces = [piece for t in long_terms for piece in index_pieces(t)]
            expression = " AND ".join(filter_ + fts_phrase(piece) for piece in pieces)
            from_ = "FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid"
            where.append("search_fts MATCH %s")
            params.append(expression)
        else:
            from_ = "FROM search_entry e"
        # Short terms have no trigram; long terms were looked up by pieces: both are checked whole.
        checked = short_terms + [t for t in long_terms if index_pieces(t) != [t]]
        for term in checked:
            where.append("(" + " OR ".join(_contains(f"e.{c}", term) for c in columns) + ")")
            params.extend([term] * len(columns))
        self.restrict_namespaces(namespace, within, where, params)
        from_where = from_ + (" WHERE " + " AND ".join(where) if where else "")
        order = [("lower(e.title) = lower(%s)", "DESC"), ("instr(lower(e.title), lower(%s)) > 0", "DESC")]
        order_params = [" ".join(terms), terms[0]]
        if long_terms:
            order.append(("bm25(search_fts)", "ASC"))
        order += [("length(e.title)", "ASC"), ("e.title", "ASC")]
        return self._run(from_where, params, order, order_params, limit, offset)
