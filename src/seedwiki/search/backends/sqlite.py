"""SQLite: FTS5 trigram index for terms of 3+ characters, instr() for shorter ones.

A long term is looked up by a few pieces (terms.index_pieces) and the rows found are checked for
the whole term with instr(). A trigram index cannot match a 1- or 2-character string (namu.wiki
users often search one or two syllables: "물", "서울"), so in texts those terms are instr()
conditions over the rows of the id range being scanned (search/bounded.py keeps that range small),
and in titles they are looked up in the title key index (search/title_keys.py).
"""
from __future__ import annotations

from ..terms import index_pieces, is_short
from ..title_keys import KEY_FTS, key_needle
from .base import COLUMNS, SearchBackend, caseless


def fts_phrase(term: str) -> str:
    # An FTS5 string: double quotes doubled, so any user text is a literal phrase, never syntax.
    return '"' + term.replace('"', '""') + '"'


class SqliteTrigramBackend(SearchBackend):
    name = "sqlite-fts5-trigram"
    # Unary + keeps SQLite's planner off the namespace index: without fresh statistics (a wiki
    # grown by edits, never ANALYZEd) it read every row of the namespaces through that index and
    # sorted them (160 ms at 100k pages) instead of walking the title index or an id range.
    namespace_sql = "+e.namespace"

    def conditions(self, terms, target):
        columns = COLUMNS[target]
        long_terms = [t for t in terms if not is_short(t)]
        where: list[str] = []
        params: list = []
        from_, id_column = "FROM search_entry e", "e.id"
        if long_terms:
            filter_ = "" if len(columns) == 2 else f"{columns[0]} : "
            pieces = [piece for t in long_terms for piece in index_pieces(t)]
            from_ = "FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid"
            id_column = "search_fts.rowid"
            where.append("search_fts MATCH %s")
            params.append(" AND ".join(filter_ + fts_phrase(piece) for piece in pieces))
        # Short terms have no trigram; long terms looked up by pieces are checked whole.
        checked = [t for t in terms if is_short(t)] + [t for t in long_terms if index_pieces(t) != [t]]
        where_checked, checked_params = _contains(checked, columns)
        return from_, where + where_checked, params + checked_params, id_column

    def title_contains_from(self, terms):
        # 1–2 character terms: the title key index leads, in id order, and the scan stops at the
        # LIMIT (title_keys.py); the rows it names are checked below.
        if any(is_short(t) for t in terms):
            return f"FROM {KEY_FTS} JOIN search_entry e ON e.id = {KEY_FTS}.rowid"
        return "FROM search_entry e"

    def title_contains(self, terms):
        # Terms of 3+ characters: FTS5's title column (a phrase filtered to one column reads
        # only that term's index entries); shorter ones: the title key index (title_contains_from).
        # Every term is then checked on the title itself, exactly.
        short_terms = [t for t in terms if is_short(t)]
        long_terms = [t for t in terms if not is_short(t)]
        where: list[str] = []
        params: list = []
        if short_terms:
            where.append(f"{KEY_FTS} MATCH %s")
            params.append(" AND ".join(fts_phrase(key_needle(t)) for t in short_terms))
        if long_terms:
            pieces = [piece for t in long_terms for piece in index_pieces(t)]
            where.append("e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)")
            params.append(" AND ".join("title : " + fts_phrase(piece) for piece in pieces))
        checked_where, checked_params = self.title_check(
            short_terms + [t for t in long_terms if index_pieces(t) != [t]])
        return where + checked_where, params + checked_params

    def title_check(self, terms):
        # Titles are short: instr() on the title of each row found.
        return _contains(terms, ["title"])


def _contains(terms: list[str], columns: list[str]) -> tuple[list[str], list]:
    where, params = [], []
    for term in terms:
        # Hangul has no case: comparing without lower() spares copying every text it scans.
        test = "instr(e.{c}, %s) > 0" if caseless(term) else "instr(lower(e.{c}), lower(%s)) > 0"
        where.append("(" + " OR ".join(test.format(c=c) for c in columns) + ")")
        params.extend([term] * len(columns))
    return where, params
