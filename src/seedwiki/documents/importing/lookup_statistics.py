"""Planner statistics for the lookups a load makes while its tables grow (PostgreSQL).

Each batch asks which of its titles are pages already (bulk_rows.present_titles) and which of its
blob hashes are stored (bulk_rows.existing_values). A table never analysed has no column
statistics (autovacuum may be off, or not come round during the load): PostgreSQL then takes
``namespace = '문서'`` for a rare value and walks the namespace's rows through the (namespace, id)
index instead of probing the title index, a walk that grows with the table — 3.5 s of title
lookups over a 100k-page import, 225 s over 1M. So the tables are analysed each time what this
load wrote doubles (from FIRST pages): about ten sampled passes for a million pages.
"""
from __future__ import annotations

from django.db import connection

FIRST = 2000


class LookupStatistics:
    """Call :meth:`after` with the pages written so far; it analyses the looked-up tables when
    that has doubled since the last time."""

    def __init__(self) -> None:
        self.next = FIRST

    def after(self, written: int) -> bool:
        """True when it analysed them."""
        if written < self.next or connection.vendor != "postgresql":
            return False
        while self.next <= written:
            self.next *= 2
        from seedwiki.documents.models import Blob, Document

        tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in (Document, Blob))
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")
        return True
