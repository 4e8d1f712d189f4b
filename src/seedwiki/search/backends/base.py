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

TARGETS = ("title_content", "title", "content")
COLUMNS = {"title": ["title"], "content": ["content"], "title_content": ["title", "content"]}


@dataclass(frozen=True)
class RawHit:
    document_id: int
    namespace: str
    title: str
    content: str


def like_pattern(term: str, prefix_only: bool = False) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix_only else f"%{escaped}%"


def caseless(term: str) -> bool:
    """Hangul, digits, most symbols: comparing them needs no case folding (which copies the text)."""
    return term.lower() == term.upper()


class SearchBackend:
    name = "base"

    def conditions(self, terms: list[str], target: str) -> tuple[str, list[str], list, str]:
        """(FROM clause naming search_entry ``e``, WHERE conditions, their parameters, the id
        column to restrict ranges on — the index's own rowid when an index table leads the join)."""
        raise NotImplementedError

    # Title ranking, shared: the expressions are plain SQL every backend understands.
    def title_order(self, terms: list[str]) -> tuple[str, list]:
        return ("lower(e.title) = lower(%s) DESC, lower(e.title) LIKE lower(%s) ESCAPE '\\' DESC, "
                "length(e.title), e.title", [" ".join(terms), like_pattern(terms[0], prefix_only=True)])

    @staticmethod
    def restrict_namespaces(namespace: str | None, within: list[str] | None, where: list, params: list) -> None:
        if namespace:
            where.append("e.namespace = %s")
            params.append(namespace)
        if within is not None:
            if not within:
                where.append("1 = 0")
                return
            where.append("e.namespace IN (" + ", ".join(["%s"] * len(within)) + ")")
            params.extend(within)

    def bounds(self) -> tuple[int | None, int | None]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT min(id), max(id) FROM search_entry")
            return cursor.fetchone()

    def matching_ids(self, terms, target, namespace, within, low: int, high: int) -> list[int]:
        from_, where, params, id_column = self.conditions(terms, target)
        where = [*where, f"{id_column} BETWEEN %s AND %s"]
        params = [*params, low, high]
        self.restrict_namespaces(namespace, within, where, params)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT e.id {from_} WHERE {' AND '.join(where)} ORDER BY {id_column}", params)
            return [row[0] for row in cursor.fetchall()]

    def title_ranked(self, terms, namespace, within, limit: int) -> list[int]:
        from_, where, params, _ = self.title_conditions(terms)
        self.restrict_namespaces(namespace, within, where, params)
        order, order_params = self.title_order(terms)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT e.id {from_} WHERE {' AND '.join(where) or '1 = 1'} ORDER BY {order} LIMIT %s",
                           [*params, *order_params, limit])
            return [row[0] for row in cursor.fetchall()]

    def title_conditions(self, terms):
        return self.conditions(terms, "title")

    def fetch(self, ids: list[int]) -> list[RawHit]:
        """The rows of ``ids``, in that order (ids no longer there are left out)."""
        if not ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, document_id, namespace, title, content FROM search_entry "
                           f"WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)
            by_id = {row[0]: RawHit(*row[1:]) for row in cursor.fetchall()}
        return [by_id[i] for i in ids if i in by_id]
