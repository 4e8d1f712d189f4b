"""Needed, Orphaned and Uncategorized pages as stored lists, rebuilt as a whole by a job.

Why stored and not kept on save: each is a question about the whole link table ("no live page
links here", "no page has this title"). Keeping them exact on save would mean, for every changed
link of every save, a count over that target's other linkers, and on every creation, deletion or
move a look at every page linking to that title: the cost of a save would grow with how popular
its links are. MediaWiki answers the same way (its query cache): one pass over the link table in a
job, the lists read by keyset in milliseconds, the page saying when they were computed. Between two
rebuilds a page shows no row that has become wrong in the obvious way (a needed title since
created, an orphan since deleted): rows are checked against the documents when shown (list_pages).

`rebuild_special_lists()` is that job: a few grouped passes over the link table (seconds at 100k
pages), then each list swapped in one short transaction.
"""
from __future__ import annotations

import time

from django.db import connection, transaction
from django.utils import timezone

from seedwiki.special.models import ListEntry, ListRefresh
from seedwiki.titles import join_title

LISTS = (ListEntry.NEEDED, ListEntry.ORPHANED, ListEntry.UNCATEGORIZED)
_FETCH = 10_000
# Links that make a page not orphaned (the seed's 고립된 문서: nothing links to, includes or redirects to it).
_REFERENCE_KINDS = ("link", "include", "redirect")


def _tables() -> tuple[str, str]:
    from seedwiki.documents.models import Document, PageLink

    quote = connection.ops.quote_name
    return quote(PageLink._meta.db_table), quote(Document._meta.db_table)


def _stream(sql: str, params: list):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(_FETCH):
            yield from rows


def _live_pages(redirects: bool):
    """(id, namespace, title) of every live page (redirects too when asked)."""
    from seedwiki.documents.models import Document

    pages = Document.objects.filter(deleted=False, latest__isnull=False)
    if not redirects:
        pages = pages.filter(is_redirect=False)
    return pages.values_list("id", "namespace", "title").iterator(chunk_size=_FETCH)


def needed_rows() -> tuple[list[ListEntry], list[str]]:
    """Missing link targets with their linker counts: per linking namespace and over all ("").

    Returns the rows and the linking namespaces seen."""
    links, documents = _tables()
    existing = {join_title(namespace, title) for _, namespace, title in _live_pages(redirects=True)}
    # (source, target, kind) is unique (derive.link_tuples), so COUNT(*) counts linking pages.
    grouped = _stream(f"SELECT l.target, d.namespace, COUNT(*) FROM {links} l JOIN {documents} d ON d.id = l.source_id "
                      f"WHERE l.kind = %s AND d.deleted = %s GROUP BY l.target, d.namespace", ["link", False])
    totals: dict[str, int] = {}
    rows, namespaces = [], set()
    for target, namespace, count in grouped:
        if target in existing:
            continue
        namespaces.add(namespace)
        rows.append(ListEntry(list=ListEntry.NEEDED, namespace=namespace, rank=-count, title=target, count=count))
        totals[target] = totals.get(target, 0) + count
    rows += [ListEntry(list=ListEntry.NEEDED, namespace="", rank=-count, title=target, count=count)
             for target, count in totals.items()]
    return rows, sorted(namespaces)


def orphaned_rows() -> list[ListEntry]:
    """Live non-redirect pages that no other live page links to, includes or redirects to."""
    links, documents = _tables()
    marks = ", ".join(["%s"] * len(_REFERENCE_KINDS))
    # A page linking only to itself is still an orphan: keep the lowest and highest linker of each target.
    linkers = {target: (low, high) for target, low, high in _stream(
        f"SELECT l.target, MIN(l.source_id), MAX(l.source_id) FROM {links} l JOIN {documents} d ON d.id = l.source_id "
        f"WHERE l.kind IN ({marks}) AND d.deleted = %s GROUP BY l.target", [*_REFERENCE_KINDS, False])}
    rows = []
    for pk, namespace, title in _live_pages(redirects=False):
        found = linkers.get(join_title(namespace, title))
        if found is None or found == (pk, pk):
            rows.append(ListEntry(list=ListEntry.ORPHANED, namespace=namespace, title=title))
    return rows


def uncategorized_rows() -> list[ListEntry]:
    """Live non-redirect pages without a single category."""
    links, _ = _tables()
    categorised = {source for (source,) in _stream(f"SELECT DISTINCT source_id FROM {links} WHERE kind = %s",
                                                   ["category"])}
    return [ListEntry(list=ListEntry.UNCATEGORIZED, namespace=namespace, title=title)
            for pk, namespace, title in _live_pages(redirects=False) if pk not in categorised]


def _store(name: str, rows: list[ListEntry], started: float, namespaces: list[str] | None = None) -> int:
    """Swap in ``rows`` as list ``name``; returns how many entries it lists (needed: titles, not the
    per-namespace rows behind them)."""
    listed = sum(1 for row in rows if row.namespace == "") if name == ListEntry.NEEDED else len(rows)
    with transaction.atomic():
        ListEntry.objects.filter(list=name).delete()
        ListEntry.objects.bulk_create(rows, batch_size=2000)
        ListRefresh.objects.update_or_create(list=name, defaults={
            "refreshed_at": timezone.now(), "rows": listed, "seconds": time.perf_counter() - started,
            "namespaces": namespaces or []})
    return listed


def rebuild_special_lists(lists=LISTS) -> dict[str, int]:
    """Recompute the stored lists named (all by default); list name → rows stored.

    Idempotent and safe to run at any time (readers see the old list until the swap commits). Run it
    periodically and after imports and rebuilds; see docs/wiki-apps.md."""
    stored = {}
    for name in lists:
        started = time.perf_counter()
        if name == ListEntry.NEEDED:
            rows, namespaces = needed_rows()
            stored[name] = _store(name, rows, started, namespaces)
        elif name == ListEntry.ORPHANED:
            stored[name] = _store(name, orphaned_rows(), started)
        elif name == ListEntry.UNCATEGORIZED:
            stored[name] = _store(name, uncategorized_rows(), started)
        else:
            raise ValueError(f"unknown special list: {name}")
    return stored


def last_refresh(name: str) -> ListRefresh | None:
    return ListRefresh.objects.filter(list=name).first()
