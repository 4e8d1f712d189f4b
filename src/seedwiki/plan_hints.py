"""Hints that keep a query plan right when the planner's statistics are missing or stale.

SQLite plans with sqlite_stat1, which only ANALYZE fills: a wiki grown by edits has none, and then
an equality or IN on any indexed column looks like the cheapest start. For a list read in title
order that meant reading every page of the namespaces through their index and sorting them all
(250 ms for a category page at 100k pages, where walking the title index takes 2 ms).
SQLite's documented remedy is a unary ``+`` on the column: the condition still filters the rows,
but no index is chosen for it. Other databases get the plain column.
"""
from __future__ import annotations

from django.db.models import CharField, F, Func


class Unindexed(Func):
    """The column ``name``, never used to pick an index on SQLite (``+name``)."""

    template = "%(expressions)s"

    def __init__(self, name: str, output_field=None):
        super().__init__(F(name), output_field=output_field or CharField())

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra_context)
