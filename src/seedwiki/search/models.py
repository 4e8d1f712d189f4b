"""One search row per live document: its bare title and its plain text.

The row is the single source both backends read: SQLite adds an FTS5 trigram index over it
(external content, kept in sync by triggers), PostgreSQL adds pg_trgm GIN indexes. Both are
created in migration 0002 so the ORM model stays backend-neutral.
"""
from django.db import models


class SearchEntry(models.Model):
    document = models.OneToOneField(
        "documents.Document", on_delete=models.CASCADE, related_name="search_entry"
    )
    namespace = models.CharField(max_length=64, db_index=True)
    title = models.TextField()
    content = models.TextField(blank=True, default="")

    class Meta:
        db_table = "search_entry"

    def __str__(self) -> str:
        return f"{self.namespace}:{self.title}"
