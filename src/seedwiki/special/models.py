"""The stored special lists (MediaWiki's query cache): rows computed by `rebuild_special_lists()`,
read a page at a time by keyset, with the time of their last rebuild shown on the page."""
from __future__ import annotations

from django.db import models


def no_namespaces() -> list:
    return []  # a named function: inside ListRefresh, ``list`` is the field of that name


class ListEntry(models.Model):
    """One row of a stored list.

    needed:        namespace = the linking pages' namespace ("" for all of them), title = the missing
                   full title, count = how many live pages of that namespace link to it.
    orphaned,
    uncategorized: namespace and title of the page; count unused.
    ``rank`` is the sort position's first part (needed: −count, most wanted first; else 0)."""

    NEEDED = "needed"
    ORPHANED = "orphaned"
    UNCATEGORIZED = "uncategorized"

    list = models.CharField(max_length=16)
    namespace = models.CharField(max_length=64)
    rank = models.IntegerField(default=0)
    title = models.CharField(max_length=300)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "special_list_entry"
        indexes = [models.Index(fields=["list", "namespace", "rank", "title"], name="special_list_order")]

    def __str__(self) -> str:
        return f"{self.list}:{self.namespace}:{self.title}"


class ListRefresh(models.Model):
    """When each stored list was last rebuilt, and what it took."""

    list = models.CharField(max_length=16, primary_key=True)
    refreshed_at = models.DateTimeField()
    rows = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    # needed: the namespaces of the pages that link to missing titles (which per-namespace rows exist).
    namespaces = models.JSONField(default=no_namespaces, blank=True)

    class Meta:
        db_table = "special_list_refresh"

    def __str__(self) -> str:
        return f"{self.list} @ {self.refreshed_at}"
