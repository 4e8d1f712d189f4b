"""Needed, Orphaned and Uncategorized pages as stored lists, rebuilt as a whole by a job.

Why stored and not kept on save: each is a question about the whole link table ("no live page
links here", "no page has this title"). Keeping them exact on save would mean, for every changed
link of every save, a count over that target's other linkers, and on every creation, deletion or
move a look at every page linking to that title: the cost of a save would grow with how popular
its links are. MediaWiki answers the same way (its query cache): one pass over the link table in a
job, the lists read by keyset in milliseconds, the page saying when they were computed. Between two
rebuilds a page shows no row that has become wrong in the obvious way (a needed title since
created, an orphan since deleted): rows are checked against the documents when shown (list_pages).

`rebuild_special_lists()` is that job: per list, one grouped SQL statement fills a temporary table
(read-only for the wiki's tables, so on SQLite it does not hold the write lock), then one short
transaction swaps the list's rows for the staged ones. The rows never pass through Python: memory
stays flat however large the wiki (the former Python version held every live title and every row
as model objects: 156 MB peak for `seedwiki specials --rebuild` at 100k pages, 225 MB for a
10k-page wiki with 104k needed titles; 54 MB for both now).
"""
from __future__ import annotations

import time

from django.db import connection, transaction
from django.utils import timezone

from seedwiki.special.models import ListEntry, ListRefresh
from seedwiki.titles import MAIN

LISTS = (ListEntry.NEEDED, ListEntry.ORPHANED, ListEntry.UNCATEGORIZED)
# Links that make a page not orphaned (the seed's 고립된 문서: nothing links to, includes or redirects to it).
_REFERENCE_KINDS = ("link", "include", "redirect")
_STAGE = "special_list_stage"
# Negative: KiB. 100k pages, the needed pages: 7.3 s with the default (-2000), 4.9 s with this.
SQLITE_STAGE_CACHE = -131072


def _names() -> dict[str, str]:
    from seedwiki.documents.models import Document, PageLink

    quote = connection.ops.quote_name
    return {"links": quote(PageLink._meta.db_table), "documents": quote(Document._meta.db_table),
            "entries": quote(ListEntry._meta.db_table), "stage": _STAGE, "rank": quote("rank"),
            "count": quote("count"), "list": quote("list")}


def _split_target() -> dict[str, str]:
    """SQL for a link target's part before its first colon, the part after it, and whether it has one
    (a namespace name never holds a colon: join_title puts the first one there)."""
    if connection.vendor == "postgresql":
        return {"head": "split_part(l.target, ':', 1)", "tail": "substr(l.target, strpos(l.target, ':') + 1)",
                "has_colon": "strpos(l.target, ':') > 0"}
    return {"head": "substr(l.target, 1, instr(l.target, ':') - 1)", "tail": "substr(l.target, instr(l.target, ':') + 1)",
            "has_colon": "instr(l.target, ':') > 0"}


def _live(alias: str) -> str:
    return f"{alias}.deleted = %s AND {alias}.latest_id IS NOT NULL"


def _needed_sql() -> tuple[str, list]:
    """(namespace, title, n): missing link targets and how many live pages of each namespace link there.

    "Missing": no live page (redirects count) has that full title, i.e. neither a main-namespace page
    titled so nor, for ``ns:rest``, a page of namespace ``ns`` titled ``rest`` (join_title's inverse)."""
    sql = ("SELECT d.namespace AS namespace, l.target AS title, COUNT(*) AS n "
           "FROM {links} l JOIN {documents} d ON d.id = l.source_id "
           "WHERE l.kind = %s AND d.deleted = %s "
           f"AND NOT EXISTS (SELECT 1 FROM {{documents}} e WHERE e.namespace = %s AND e.title = l.target AND {_live('e')}) "
           "AND NOT ({has_colon} AND EXISTS (SELECT 1 FROM {documents} e WHERE e.namespace = {head} "
           f"AND e.title = {{tail}} AND e.namespace <> %s AND {_live('e')})) "
           "GROUP BY l.target, d.namespace")
    # (source, target, kind) is unique (derive.link_tuples), so COUNT(*) counts linking pages.
    return sql.format(**_names(), **_split_target()), ["link", False, MAIN, False, MAIN, False]


def _full_title(alias: str) -> str:
    return f"CASE WHEN {alias}.namespace = %s THEN {alias}.title ELSE {alias}.namespace || ':' || {alias}.title END"


def _orphaned_sql() -> tuple[str, list]:
    """(namespace, title) of live non-redirect pages no other live page links to, includes or redirects to
    (a page linking only to itself is still an orphan).

    The referenced titles are gathered first, each once, and the pages are then checked against that
    set. Checking each page against the links themselves made PostgreSQL hash the link table by
    target: power-law popularity puts millions of links under one key, a hash batch that cannot be
    split, and the statement grew past 20 GB at a million pages (the OOM killer ended the import).
    Distinct targets split evenly, so the join stays within work_mem whatever the links' shape."""
    marks = ", ".join(["%s"] * len(_REFERENCE_KINDS))
    # PostgreSQL: MATERIALIZED keeps the distinct titles a set of their own. SQLite (3.34 suffices for
    # the trigram search; the keyword came in 3.35) materialises a DISTINCT subquery anyway.
    materialized = " MATERIALIZED" if connection.vendor == "postgresql" else ""
    # A page's link to its own full title is the one reference that does not count (titles are unique).
    sql = (f"WITH referenced AS{materialized} ("
           "SELECT DISTINCT l.target AS target FROM {links} l JOIN {documents} d ON d.id = l.source_id "
           f"WHERE l.kind IN ({marks}) AND d.deleted = %s AND l.target <> {_full_title('d')}) "
           "SELECT p.namespace AS namespace, p.title AS title FROM {documents} p "
           f"WHERE {_live('p')} AND p.is_redirect = %s AND NOT EXISTS ("
           f"SELECT 1 FROM referenced r WHERE r.target = {_full_title('p')})")
    return sql.format(**_names()), [*_REFERENCE_KINDS, False, MAIN, False, False, MAIN]


def _uncategorized_sql() -> tuple[str, list]:
    """(namespace, title) of live non-redirect pages without a single category."""
    sql = ("SELECT p.namespace AS namespace, p.title AS title FROM {documents} p "
           f"WHERE {_live('p')} AND p.is_redirect = %s AND NOT EXISTS ("
           "SELECT 1 FROM {links} c WHERE c.source_id = p.id AND c.kind = %s)")
    return sql.format(**_names()), [False, False, "category"]


def _stage(select: tuple[str, list]) -> None:
    """The rows of ``select`` into this connection's temporary stage table (outside any transaction of
    the wiki's tables: it only reads them)."""
    sql, params = select
    postgresql, sqlite = connection.vendor == "postgresql", connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_STAGE}")
        # PostgreSQL misjudges the anti-join (a few hundred rows for millions of links) and then
        # joins every link to every page in a nested loop: 7+ minutes at 100k pages, 6 s with
        # hash/merge joins. These statements read whole tables, where nested loops never pay.
        if postgresql:
            cursor.execute("SET enable_nestloop = off")
        if sqlite:  # the whole link table is read: SQLite's default 2 MB page cache rereads it
            cursor.execute("PRAGMA cache_size")
            cache_size = int(cursor.fetchone()[0])
            cursor.execute(f"PRAGMA cache_size = {min(cache_size, SQLITE_STAGE_CACHE)}")
        try:
            cursor.execute(f"CREATE TEMPORARY TABLE {_STAGE} AS {sql}", params)
        finally:
            if postgresql:
                cursor.execute("RESET enable_nestloop")
            if sqlite:
                cursor.execute(f"PRAGMA cache_size = {cache_size}")


def _drop_stage() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_STAGE}")


def _swap_in(name: str) -> tuple[int, list[str]]:
    """Replace list ``name``'s rows with the staged ones, in the caller's transaction; returns (how
    many entries it lists — needed: titles, not the per-namespace rows behind them, the linking
    namespaces for needed)."""
    n = _names()
    ListEntry.objects.filter(list=name).delete()
    with connection.cursor() as cursor:
        if name != ListEntry.NEEDED:
            cursor.execute(f"INSERT INTO {n['entries']} ({n['list']}, namespace, {n['rank']}, title, {n['count']}) "
                           f"SELECT %s, namespace, 0, title, 0 FROM {_STAGE}", [name])
            return cursor.rowcount, []
        cursor.execute(f"INSERT INTO {n['entries']} ({n['list']}, namespace, {n['rank']}, title, {n['count']}) "
                       f"SELECT %s, namespace, -n, title, n FROM {_STAGE}", [name])
        # Over all namespaces (""): what a reader who may read every linking namespace sees.
        cursor.execute(f"INSERT INTO {n['entries']} ({n['list']}, namespace, {n['rank']}, title, {n['count']}) "
                       f"SELECT %s, '', -SUM(n), title, SUM(n) FROM {_STAGE} GROUP BY title", [name])
        titles = cursor.rowcount
        cursor.execute(f"SELECT DISTINCT namespace FROM {_STAGE}")
        return titles, sorted(row[0] for row in cursor.fetchall())


_SELECTS = {ListEntry.NEEDED: _needed_sql, ListEntry.ORPHANED: _orphaned_sql,
            ListEntry.UNCATEGORIZED: _uncategorized_sql}


def rebuild_special_lists(lists=LISTS) -> dict[str, int]:
    """Recompute the stored lists named (all by default); list name → rows stored.

    Idempotent and safe to run at any time (readers see the old list until the swap commits). Run it
    periodically and after imports and rebuilds; see docs/wiki-apps.md."""
    for name in lists:
        if name not in _SELECTS:
            raise ValueError(f"unknown special list: {name}")
    if _side_by_side():
        return _rebuild_side_by_side(list(lists))
    return {name: _rebuild(name) for name in lists}


def _side_by_side() -> bool:
    """Whether the lists are staged on connections of their own, two at a time. SQLite runs a
    statement on the calling thread alone, and staging only reads the wiki's tables, so a second
    connection uses the second core (100k pages: 7.9 → 5 s). On PostgreSQL they stay one at a time:
    at the end of an import the page-text index builds keep both cores busy meanwhile. Not inside a
    transaction (another connection would not see its rows) nor on an in-memory database (its
    shared cache locks tables instead of waiting)."""
    return (connection.vendor == "sqlite" and not connection.in_atomic_block
            and not connection.is_in_memory_db())


def _rebuild_side_by_side(names: list[str]) -> dict[str, int]:
    from concurrent.futures import ThreadPoolExecutor

    def rebuild_on_own_connection(name: str) -> int:
        try:
            return _rebuild(name)  # django.db.connection is this thread's own
        finally:
            connection.close()

    # LISTS puts the longest (needed) first: the other thread does the rest meanwhile.
    with ThreadPoolExecutor(2, thread_name_prefix="special-list") as pool:
        return dict(zip(names, pool.map(rebuild_on_own_connection, names)))


def _rebuild(name: str) -> int:
    started = time.perf_counter()
    try:
        _stage(_SELECTS[name]())
        with transaction.atomic():
            listed, namespaces = _swap_in(name)
            ListRefresh.objects.update_or_create(list=name, defaults={
                "refreshed_at": timezone.now(), "rows": listed, "seconds": time.perf_counter() - started,
                "namespaces": namespaces})
    finally:
        _drop_stage()
    return listed


def last_refresh(name: str) -> ListRefresh | None:
    return ListRefresh.objects.filter(list=name).first()
