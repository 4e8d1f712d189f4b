"""SQLite: FTS5 trigram index for terms of 3+ characters, a substring check for shorter ones.

The index keeps no positions (detail=column, migration 0007), so it answers "holds these trigrams"
and not "holds them in a row": a term is looked up by the trigrams of a few pieces of it
(terms.index_pieces) and the rows found are checked for the whole term (_contains), unless the
term is one trigram. A trigram index cannot match a 1- or 2-character string (namu.wiki
users often search one or two syllables: "물", "서울"), so in texts those terms are substring
conditions over the rows of the id range being scanned (search/bounded.py keeps that range small),
and in titles they are looked up in the title key index (search/title_keys.py).
"""
from __future__ import annotations

from ..terms import TRIGRAM, index_pieces, is_short
from ..title_keys import KEY_FTS, key_needle
from .base import COLUMNS, SearchBackend, caseless


def fts_phrase(term: str) -> str:
    # An FTS5 string: double quotes doubled, so any user text is a literal phrase, never syntax.
    return '"' + term.replace('"', '""') + '"'


def index_trigrams(terms: list[str]) -> list[str]:
    """The distinct trigrams (as FTS5 strings) the index is asked for: those of each piece of each
    term of 3+ characters. Any letter case will do: the index folds case as it reads them."""
    found: dict[str, str] = {}
    for term in terms:
        for piece in index_pieces(term):
            for start in range(len(piece) - TRIGRAM + 1):
                trigram = piece[start:start + TRIGRAM]
                found.setdefault(trigram.lower(), fts_phrase(trigram))
    return list(found.values())


def needs_check(term: str) -> bool:
    """Whether rows found by the index must still be checked for ``term``: it is not one trigram."""
    return len(term) > TRIGRAM


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
            from_ = "FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid"
            id_column = "search_fts.rowid"
            where.append("search_fts MATCH %s")
            params.append(" AND ".join(filter_ + trigram for trigram in index_trigrams(long_terms)))
        # Short terms have no trigram; longer ones were looked up by their trigrams, not as strings.
        checked = [t for t in terms if is_short(t)] + [t for t in long_terms if needs_check(t)]
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
            where.append("e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)")
            params.append(" AND ".join("title : " + trigram for trigram in index_trigrams(long_terms)))
        checked_where, checked_params = self.title_check(short_terms + [t for t in long_terms if needs_check(t)])
        return where + checked_where, params + checked_params

    def title_check(self, terms):
        # Titles are short: the substring check on the title of each row found.
        return _contains(terms, ["title"])


# Checking a term against a row's text. SQLite's instr() steps through a text a character at a time
# (100K characters of Korean: 300–480 µs when the term is not there); Python's substring search over
# the UTF-8 bytes takes 60–110 µs, and 0.8–3 µs instead of 1–8 for a 1,500-character text. UTF-8 is
# self-synchronising, so a byte match of a term is a match of its characters. SQLite's lower() folds
# ASCII only, as bytes.lower() does; a term with cased letters beyond ASCII ("Émile", "Москва") is
# compared as text, folded as the index folds it.
CONTAINS = "seedwiki_contains"
CONTAINS_ASCII_FOLDED = "seedwiki_contains_ascii_folded"
CONTAINS_FOLDED = "seedwiki_contains_folded"


def contains(text: bytes | None, term: bytes) -> bool:
    return text is not None and term in text


def contains_ascii_folded(text: bytes | None, lowered_term: bytes) -> bool:
    return text is not None and lowered_term in text.lower()


def contains_folded(text: str | None, term: str | None) -> bool:
    return bool(text) and term is not None and term.lower() in text.lower()


def register_functions(sender, connection, **kwargs) -> None:
    """connection_created receiver (search/apps.py): the SQL functions this backend's queries use."""
    if connection.vendor == "sqlite":
        for name, function in ((CONTAINS, contains), (CONTAINS_ASCII_FOLDED, contains_ascii_folded),
                               (CONTAINS_FOLDED, contains_folded)):
            connection.connection.create_function(name, 2, function, deterministic=True)


def _contains(terms: list[str], columns: list[str]) -> tuple[list[str], list]:
    where, params = [], []
    for term in terms:
        if caseless(term):  # Hangul, digits: compared as they are
            test, param = CONTAINS + "(CAST(e.{c} AS BLOB), %s)", term.encode()
        elif all(ch.isascii() for ch in term if ch.lower() != ch.upper()):
            test, param = CONTAINS_ASCII_FOLDED + "(CAST(e.{c} AS BLOB), %s)", term.lower().encode()
        else:
            test, param = CONTAINS_FOLDED + "(e.{c}, %s)", term
        where.append("(" + " OR ".join(test.format(c=c) for c in columns) + ")")
        params.extend([param] * len(columns))
    return where, params
