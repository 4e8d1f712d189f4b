"""The interface every search backend implements: terms in, matching search_entry rows out."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

TARGETS = ("title_content", "title", "content")


@dataclass(frozen=True)
class RawHit:
    document_id: int
    namespace: str
    title: str
    content: str


class SearchBackend:
    """Rows of search_entry where every term occurs in the target column(s).

    Ordering: exact title first, then titles containing the first term, then the backend's
    relevance, then shorter titles.
    """

    name = "base"

    def search(
        self, terms: list[str], target: str, namespace: str | None, limit: int, offset: int,
        within: list[str] | None = None,
    ) -> tuple[int, list[RawHit]]:
        """``within``: only these namespaces (the ones the reader may read); None: all."""
        raise NotImplementedError

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

    # Shared by the SQL backends. One pass finds the page's row ids and the total (a window
    # count), so a query that must scan — short terms — scans once; the texts of just those rows
    # are fetched afterwards, keeping the sort small.
    #
    # ``order`` is [(sql expression, "ASC"|"DESC"), …]; the expressions are computed in an inner
    # query because SQLite refuses FTS5 functions such as bm25() next to a window function.
    def _run(self, from_where: str, params: list, order: list[tuple[str, str]], order_params: list,
             limit: int, offset: int):
        keys = ", ".join(f"{expr} AS k{i}" for i, (expr, _) in enumerate(order))
        order_by = ", ".join(f"k{i} {direction}" for i, (_, direction) in enumerate(order))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, COUNT(*) OVER () FROM (SELECT e.id AS id, {keys} {from_where}) ranked "
                f"ORDER BY {order_by} LIMIT %s OFFSET %s",
                [*order_params, *params, limit, offset],
            )
            page = cursor.fetchall()
            if page:
                total = page[0][1]
            elif offset == 0:
                total = 0
            else:  # past the last page: the total still matters for pagination
                cursor.execute(f"SELECT count(*) {from_where}", params)
                total = cursor.fetchone()[0]
            if not page:
                return total, []
            ids = [row[0] for row in page]
            placeholders = ", ".join(["%s"] * len(ids))
            cursor.execute(
                "SELECT id, document_id, namespace, title, content FROM search_entry "
                f"WHERE id IN ({placeholders})",
                ids,
            )
            by_id = {row[0]: RawHit(*row[1:]) for row in cursor.fetchall()}
        return total, [by_id[i] for i in ids if i in by_id]
