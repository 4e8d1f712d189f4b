"""Any SQL database: LIKE over lower()ed columns. Correct everywhere, indexed nowhere."""
from __future__ import annotations

from .base import COLUMNS, SearchBackend, like_pattern


class LikeBackend(SearchBackend):
    name = "like"

    def conditions(self, terms, target):
        where, params = [], []
        for term in terms:
            where.append("(" + " OR ".join(f"lower(e.{c}) LIKE lower(%s) ESCAPE '\\'" for c in COLUMNS[target]) + ")")
            params.extend([like_pattern(term)] * len(COLUMNS[target]))
        return "FROM search_entry e", where, params, "e.id"
