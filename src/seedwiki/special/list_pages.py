"""One page of each special list, by keyset (``seedwiki.keyset``): an index seek plus a page of rows.

Shortest, Longest and Old pages are read from the documents themselves: their length and time of
the last edit are columns every save already writes, and documents/0006 indexes them behind the
namespace and the live/redirect flags, so the order is the index's. Needed, Orphaned and
Uncategorized pages are read from the stored lists (stored_lists), checked against the documents
as shown.

Each list has a cursor: a string in ``?from=`` / ``?until=`` naming the first or last row of a page.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from django.db.models import F, Sum

from seedwiki import titles
from seedwiki.keyset import KeysetPage, keyset_page
from seedwiki.special.models import ListEntry
from seedwiki.special.queries import live_documents

PER_PAGE = 100


@dataclass(frozen=True)
class DocumentList:
    """A list of documents in one namespace, ordered by ``keys`` (the last makes the order total)."""

    keys: tuple[str, ...]
    descending: bool
    encode: Callable[[tuple], str]
    parse: Callable[[str], tuple]

    def key_of(self, document) -> tuple:
        return tuple(getattr(document, key) for key in self.keys)

    def queryset(self, namespace: str):
        query = live_documents(namespace)
        return query.filter(updated_at__isnull=False) if "updated_at" in self.keys else query

    def page(self, namespace: str, start=None, end=None, per_page: int = PER_PAGE) -> KeysetPage:
        return keyset_page(self.queryset(namespace), self.keys, per_page, self.key_of, start=start, end=end,
                           descending=self.descending)


def _length_key(raw: str) -> tuple[int, str]:
    length, comma, title = raw.partition(",")
    if not comma or not (length.isascii() and length.isdigit()) or len(length) > 10:
        raise ValueError(raw)
    return int(length), title


def _time_key(raw: str) -> tuple[dt.datetime, int]:
    moment, comma, pk = raw.rpartition(",")
    if not comma or not (pk.isascii() and pk.isdigit()) or len(pk) > 18:
        raise ValueError(raw)
    when = dt.datetime.fromisoformat(moment)
    if when.tzinfo is None:
        raise ValueError(raw)
    return when, int(pk)


SHORTEST = DocumentList(("length", "title"), False, lambda key: f"{key[0]},{key[1]}", _length_key)
LONGEST = DocumentList(("length", "title"), True, lambda key: f"{key[0]},{key[1]}", _length_key)
OLDEST = DocumentList(("updated_at", "id"), False, lambda key: f"{key[0].isoformat()},{key[1]}", _time_key)


# --- stored lists -------------------------------------------------------------------------------

@dataclass(frozen=True)
class NeededRow:
    target: str
    count: int


def needed_source(readable_namespaces: list[str], linking_namespaces: list[str]):
    """The stored needed rows for a reader of ``readable_namespaces``, as dicts (title, count, total).

    ``linking_namespaces``: the namespaces with linking pages at the last rebuild. A reader who may
    read all of them (the usual case) reads the precomputed totals; one who may read just one of them,
    that namespace's rows; otherwise the rows of the readable ones are summed (a grouped read)."""
    stored = ListEntry.objects.filter(list=ListEntry.NEEDED)
    readable = set(readable_namespaces)
    linking = set(linking_namespaces)
    if linking <= readable:
        return stored.filter(namespace="").values("title", "count", total=F("rank"))
    shown = sorted(linking & readable)
    if not shown:
        return stored.none().values("title", "count", total=F("rank"))
    if len(shown) == 1:
        return stored.filter(namespace=shown[0]).values("title", "count", total=F("rank"))
    return (stored.filter(namespace__in=shown).values("title")
            .annotate(total=Sum("rank"), count=Sum("count")))


def _needed_key(raw: str) -> tuple[int, str]:
    count, title = _length_key(raw)
    return -count, title


def needed_page(readable_namespaces, linking_namespaces, start=None, end=None,
                per_page: int = PER_PAGE) -> KeysetPage:
    """A page of missing titles, most linked first; titles created since the rebuild are left out."""
    page = keyset_page(needed_source(readable_namespaces, linking_namespaces), ("total", "title"), per_page,
                       lambda row: (row["total"], row["title"]), start=start, end=end)
    created = _existing(row["title"] for row in page.object_list)
    page.object_list = [NeededRow(row["title"], row["count"]) for row in page.object_list
                        if row["title"] not in created]
    return page


def encode_needed(key: tuple) -> str:
    return f"{-key[0]},{key[1]}"


parse_needed = _needed_key


def _existing(full_titles) -> set[str]:
    """Which of ``full_titles`` are live pages now (redirects count: they exist)."""
    from seedwiki.documents.models import Document

    by_namespace: dict[str, list[str]] = {}
    for full_title in full_titles:
        try:
            namespace, title = titles.parse_title(full_title)
        except titles.TitleError:
            continue
        by_namespace.setdefault(namespace, []).append(title)
    found = set()
    for namespace, names in by_namespace.items():
        found.update(titles.join_title(namespace, title) for title in Document.objects.filter(
            namespace=namespace, title__in=names, deleted=False, latest__isnull=False).values_list("title", flat=True))
    return found


def stored_page_list(name: str, namespace: str, start=None, end=None, per_page: int = PER_PAGE) -> KeysetPage:
    """A page of a stored list of documents (orphaned, uncategorized) in ``namespace``, by title; rows
    of pages deleted or turned into redirects since the rebuild are left out."""
    rows = ListEntry.objects.filter(list=name, namespace=namespace, rank=0)
    page = keyset_page(rows, ("title",), per_page, lambda row: (row.title,), start=start, end=end)
    shown = [row.title for row in page.object_list]
    live = {document.title: document for document in live_documents(namespace).filter(title__in=shown)}
    page.object_list = [live[title] for title in shown if title in live]
    return page


def encode_title(key: tuple) -> str:
    return key[0]


def parse_title_key(raw: str) -> tuple[str]:
    return (raw,)
