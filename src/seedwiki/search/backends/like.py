"""Any SQL database: LIKE over lower()ed columns. Correct everywhere, indexed nowhere."""
from __future__ import annotations

from .base import RawHit, SearchBackend

COLUMNS = {"title": ["title"], "content": ["content"], "title_content": ["title", "content"]}


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class LikeBackend(SearchBackend):
    name = "like"
    # How a column is compared with a pattern; PostgreSQL overrides with ILIKE (trigram-indexed).
    match_sql = "lower(e.{column}) LIKE lower(%s) ESCAPE '\\'"

    def search(self, terms, target, namespace, limit, offset, within=None) -> tuple[int, list[RawHit]]:
        columns = COLUMNS[target]
        where: list[str] = []
        params: list = []
        for term in terms:
            where.append("(" + " OR ".join(self.match_sql.format(column=c) for c in columns) + ")")
            params.extend([like_pattern(term)] * len(columns))
        self.restrict_namespaces(namespace, within, where, params)
        from_where = "FROM search_entry e" + (" WHERE " + " AND ".join(where) if where else "")
        order = [
            ("lower(e.title) = lower(%s)", "DESC"),
            ("(" + self.match_sql.format(column="title") + ")", "DESC"),
            ("length(e.title)", "ASC"),
            ("e.title", "ASC"),
        ]
        order_params = [" ".join(terms), like_pattern(terms[0])]
        return self._run(from_where, params, order, order_params, limit, offset)
