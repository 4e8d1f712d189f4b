"""The interface every search backend implements: terms in, matching search_entry rows out.

A backend answers three questions, each bounded (see search/bounded.py and search/engine.py):
- ``matching_ids``: which rows in an id range contain every term (in the target columns);
- ``title_ranked``: the best ``limit`` rows whose title contains every term, exact title first,
  then titles starting with the first term, then shorter titles;
- ``fetch``: the texts of the handful of rows shown.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from .. import bounded

TARGETS = ("title_content", "title", "content")
COLUMNS = {"title": ["title"], "content": ["content"], "title_content": ["title", "content"]}


@dataclass(frozen=True)
class RawHit:
    document_id: int
    namespace: str
    title: str
    content: str


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def caseless(term: str) -> bool:
    """Hangul, digits, most symbols: comparing them needs no case folding (which copies the text)."""
    return term.lower() == term.upper()


class SearchBackend:
    name = "base"
    # The title as its btree index holds it (exact and prefix steps compare and order by this).
    title_sql = "e.title"
    # The namespace column in the readers' namespace filter (SQLite disqualifies its index there).
    namespace_sql = "e.namespace"

    def conditions(self, terms: list[str], target: str) -> tuple[str, list[str], list, str]:
        """(FROM clause naming search_entry ``e``, WHERE conditions, their parameters, the id
        column to restrict ranges on — the index's own rowid when an index table leads the join)."""
        raise NotImplementedError

    def restrict_namespaces(self, namespace: str | None, within: list[str] | None, where: list, params: list) -> None:
        if namespace:
            where.append(f"{self.namespace_sql} = %s")
            params.append(namespace)
        if within is not None:
            if not within:
                where.append("1 = 0")
                return
            where.append(f"{self.namespace_sql} IN (" + ", ".join(["%s"] * len(within)) + ")")
            params.extend(within)

    def collect(self, terms, target, namespace, within, want: int, exclude: set[int], budget: float):
        """Matching ids past ``exclude``, in index order, until ``want`` are found (bounded.collect)."""
        with connection.cursor() as cursor:
            # Two subqueries: each is one index seek, where SQLite reads the whole table for
            # ``SELECT min(id), max(id)`` (10 ms at 100k pages, linear in the pages).
            cursor.execute("SELECT (SELECT min(id) FROM search_entry), (SELECT max(id) FROM search_entry)")
            first_id, last_id = cursor.fetchone()
        return bounded.collect(
            lambda low, high: [i for i in self.matching_ids(terms, target, namespace, within, low, high)
                               if i not in exclude],
            first_id, last_id, want=want, budget=budget)

    def matching_ids(self, terms, target, namespace, within, low: int, high: int) -> list[int]:
        from_, where, params, id_column = self.conditions(terms, target)
        where = [*where, f"{id_column} BETWEEN %s AND %s"]
        params = [*params, low, high]
        self.restrict_namespaces(namespace, within, where, params)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT e.id {from_} WHERE {' AND '.join(where)} ORDER BY {id_column}", params)
            return [row[0] for row in cursor.fetchall()]

    def title_ranked(self, terms, namespace, within, limit: int) -> list[int]:
        """Up to ``limit`` ids of rows whose title contains every term: the exact title, then
        titles starting with the term (one-term queries, in title order), then other titles
        containing the terms — the first ``limit`` of those in index order, shorter first. Every
        step reads a bounded number of rows from a title index, however common the terms are."""
        found: list[int] = []
        seen: set[int] = set()  # ``found`` as a set: up to 1,000 rows are checked against it each step

        def add(where, params, order, count, from_="FROM search_entry e"):
            self.restrict_namespaces(namespace, within, where, params)
            order_by = f"ORDER BY {order}" if order else ""  # none: stop after ``count`` in index order
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT e.id, e.title {from_} WHERE {' AND '.join(where)} "
                               f"{order_by} LIMIT %s", [*params, count])
                rows = cursor.fetchall()
            for pk, _title in (rows if order else sorted(rows, key=lambda row: (len(row[1]), row[1]))):
                if pk not in seen and len(found) < limit:
                    found.append(pk)
                    seen.add(pk)

        add([f"{self.title_sql} = %s"], [" ".join(terms)], "e.id", limit)
        if len(terms) == 1:
            # With more terms the prefix range would be read whole to check the others (all of
            # "별…" for "별 이야기"): their titles come from the containment step instead.
            add(*self.title_prefix(terms[0]), self.title_sql, limit)
        if len(found) < limit:
            add(*self.title_contains(terms), None, limit, self.title_contains_from(terms))
        return found

    def title_contains_from(self, terms) -> str:
        """The FROM clause (naming search_entry ``e``) that title_contains' conditions go with."""
        return "FROM search_entry e"

    def title_contains(self, terms) -> tuple[list[str], list]:
        """Conditions (on ``e``) that every term is in the title, answered from a title index."""
        return self.title_check(terms)

    def title_check(self, terms) -> tuple[list[str], list]:
        """Conditions that every term is in the title, checked on rows found otherwise."""
        _from, where, params, _ = self.conditions(terms, "title")
        return where, params

    def title_prefix(self, term: str) -> tuple[list[str], list]:
        # A range of the title index; a term with letter case is matched in its own spelling here
        # (the containment step still finds the other spellings).
        return [f"{self.title_sql} >= %s", f"{self.title_sql} < %s"], [term, term + "\U0010ffff"]

    def fetch(self, ids: list[int]) -> list[RawHit]:
        """The rows of ``ids``, in that order (ids no longer there are left out)."""
        if not ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, document_id, namespace, title, content FROM search_entry "
                           f"WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)
            by_id = {row[0]: RawHit(*row[1:]) for row in cursor.fetchall()}
        return [by_id[i] for i in ids if i in by_id]
