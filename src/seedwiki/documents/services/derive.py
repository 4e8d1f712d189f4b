"""What is derived from a page's latest text: link rows, redirect flag, search row, and the
invalidation of other pages' cached HTML."""
from __future__ import annotations

import logging

from django.db import connection
from django.db.models import F

from seedwiki import render_pool
from seedwiki.documents.models import Document, PageLink
from seedwiki.documents.services.analysis import Analysis, analyse_text
from seedwiki.documents.services.errors import RenderLimitError
from seedwiki.titles import TitleError, canonical, namespaces

log = logging.getLogger(__name__)


def analyse(text: str, title: str | None = None) -> Analysis:
    """Links, redirect and plain text of page ``title``'s ``text`` from one parse.

    Markup the parser chokes on gives an empty Analysis; for a request the analysis runs under the
    render pool's hard limit, and RenderLimitError (a refusal, 503) when it goes past it."""
    try:
        return render_pool.render_limited(analyse_text, text, title=title, with_plain_text=True)
    except render_pool.RenderUnavailable as error:
        raise RenderLimitError(error.message) from None


def _canonical_or_none(title: str) -> str | None:
    site = namespaces()
    keys = _keys_for(site)
    if title in keys:
        return keys[title]
    return _remember(keys, title)


# title -> its canonical form (None: not a valid title), for the namespaces in _KEYS_SITE. Pages
# link to the same titles over and over (years, countries, templates): a plain dict of this
# process, read once per link. Cleared when the namespaces change (a renamed site must never be
# served stale answers) and when it holds _KEYS_MAX titles (bounded: a worker lives for a dump).
_KEYS: dict[str, str | None] = {}
_KEYS_SITE: list = [None]
_KEYS_MAX = 65536


def _keys_for(site: tuple[str, ...]) -> dict[str, str | None]:
    if _KEYS_SITE[0] != site:
        _KEYS.clear()
        _KEYS_SITE[0] = site
    return _KEYS


def _remember(keys: dict, title: str) -> str | None:
    try:
        target = canonical(title)
    except TitleError:
        target = None
    if len(keys) >= _KEYS_MAX:
        keys.clear()
    keys[title] = target
    return target


def link_tuples(meta: Analysis) -> list[tuple[str, str, str, bool]]:
    """(target, kind, sort key, blur) of ``meta``, unique per target and kind, in order."""
    rows: dict[tuple[str, str], tuple[str, str, str, bool]] = {}
    keys = _keys_for(namespaces())  # once per page, not once per link
    kind = PageLink.Kind.LINK.value
    for title in meta.links:
        target = keys[title] if title in keys else _remember(keys, title or "")
        if target and (target, kind) not in rows:
            rows[(target, kind)] = (target, kind, "", False)

    def add(title, kind, sort_key="", blur=False):
        title = title or ""
        target = keys[title] if title in keys else _remember(keys, title)
        if target and (target, kind) not in rows:
            rows[(target, kind)] = (target, kind, (sort_key or "")[:255], bool(blur))

    for title in meta.includes:
        add(title, PageLink.Kind.INCLUDE.value)
    for title in meta.files:
        add(title, PageLink.Kind.FILE.value)
    for title, sort_key, blur in meta.categories:
        add(title, PageLink.Kind.CATEGORY.value, sort_key, blur)
    if meta.redirect is not None:
        add(meta.redirect, PageLink.Kind.REDIRECT.value)
    return list(rows.values())


def links_of(meta: Analysis) -> list[tuple[str, str, str, bool]]:
    """link_tuples(meta), computed already when ``meta`` came from analyse_for_import_with_links."""
    return meta.link_rows if meta.link_rows is not None else link_tuples(meta)


def analyse_for_import_with_links(job: tuple[str, str | None]) -> Analysis:
    """Worker-process entry point of the import and rebuild: the analysis plus its link rows, so
    the process writing the database does not canonicalise every link title itself."""
    from seedwiki.documents.services.analysis import analyse_for_import

    meta = analyse_for_import(job)
    meta.link_rows = link_tuples(meta)
    return meta


def insert_links_raw(rows: list[tuple[int, str, str, str, bool]]) -> None:
    """Bulk insert (source id, target, kind, sort key, blur) rows without model instances (import)."""
    if not rows:
        return
    table = connection.ops.quote_name(PageLink._meta.db_table)
    sql = f"INSERT INTO {table} (source_id, target, kind, sort_key, blur) VALUES (%s, %s, %s, %s, %s)"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start:start + 5000])


def redirect_of(meta: Analysis) -> str:
    if meta.redirect is None:
        return ""
    return _canonical_or_none(meta.redirect) or ""


def apply_links(document: Document, text: str, meta: Analysis | None = None) -> Analysis:
    """Rewrite ``document``'s link rows and redirect fields from ``text``; returns the analysis.

    The caller saves the document (its redirect fields change here)."""
    if meta is None:
        meta = analyse(text, document.full_title)
    _sync_links(document, link_tuples(meta))
    document.redirect_target = redirect_of(meta)
    document.is_redirect = bool(document.redirect_target)
    return meta


def _sync_links(document: Document, rows: list[tuple[str, str, str, bool]]) -> None:
    """Delete the rows that went away and insert the new ones (most edits change few links).

    ``rows``: (target, kind, sort key, blur), unique per target and kind (link_tuples). Plain SQL:
    on a save the ORM's query building cost several times the queries themselves."""
    wanted = {(row[0], row[1]): row for row in rows}
    stale = []
    table = connection.ops.quote_name(PageLink._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, target, kind, sort_key, blur FROM {table} WHERE source_id = %s",
                       [document.pk])
        for pk, target, kind, sort_key, blur in cursor.fetchall():
            row = wanted.get((target, kind))
            if row is not None and row[2] == sort_key and bool(row[3]) == bool(blur):
                del wanted[(target, kind)]  # unchanged: keep the stored row
            else:
                stale.append(pk)
        for chunk, marks in in_chunks(stale):
            cursor.execute(f"DELETE FROM {table} WHERE id IN ({marks})", chunk)
    insert_links_raw([(document.pk, *row) for row in wanted.values()])
    if stale or wanted:
        announce_links_changed()


def clear_links(document: Document) -> None:
    PageLink.objects.filter(source=document).delete()
    announce_links_changed()
    document.redirect_target = ""
    document.is_redirect = False


# --- search -----------------------------------------------------------------------------------

def index_search(document: Document, text: str, meta: Analysis | None = None) -> None:
    """The page's search row, inside the saving transaction; a large page's text by a job (its
    re-indexing cost grows with the page; seedwiki/search/index_later.py)."""
    from seedwiki.search import index_document
    from seedwiki.search.index_later import index_soon, is_large

    if not getattr(document, "deleted", False) and is_large(text):
        index_soon(document)
        return
    if meta is not None and meta.plain_text is not None:
        index_document(document, text, plain_text=meta.plain_text)
    else:
        index_document(document, text)


def remove_search(document: Document) -> None:
    from seedwiki.search import remove_document

    remove_document(document)


# --- invalidation -----------------------------------------------------------------------------

_MAX_INCLUDE_DEPTH = 8


def bump_includers(titles: set[str]) -> int:
    """Pages that include ``titles``, directly or through other included pages."""
    seen: set[str] = set()
    frontier = set(titles)
    bumped = 0
    for _ in range(_MAX_INCLUDE_DEPTH):
        frontier -= seen
        if not frontier:
            break
        seen |= frontier
        sources = _includers(frontier)
        if not sources:
            break
        bumped += Document.objects.filter(id__in=sources).update(render_stamp=F("render_stamp") + 1)
        frontier = {d.full_title for d in Document.objects.filter(id__in=sources).only("namespace", "title")}
    return bumped


def _includers(titles: set[str]) -> list[int]:
    """Ids of the pages including any of ``titles`` (plain SQL: this runs after every save)."""
    table = connection.ops.quote_name(PageLink._meta.db_table)
    sources: set[int] = set()
    with connection.cursor() as cursor:
        for chunk, marks in in_chunks(list(titles)):
            cursor.execute(f"SELECT DISTINCT source_id FROM {table} WHERE kind = %s AND target IN ({marks})",
                           [PageLink.Kind.INCLUDE.value, *chunk])
            sources.update(row[0] for row in cursor.fetchall())
    return sorted(sources)


def in_chunks(values: list, size: int = 500):
    """(chunk, "%s, %s, …") pairs for ``… IN (…)`` queries within SQLite's parameter limit."""
    for start in range(0, len(values), size):
        chunk = values[start:start + size]
        yield chunk, ", ".join(["%s"] * len(chunk))


def invalidate_dependents(*, appeared_or_gone: set[str] = frozenset(), changed: set[str] = frozenset()) -> None:
    """Inside the saving transaction: re-stamp the pages showing these titles — a few at once, a
    large fan-out (a template included by half the wiki) through a job committed with the edit
    (seedwiki/jobs/fanout.py). A rolled-back edit leaves neither."""
    from seedwiki.jobs.fanout import start

    start(set(appeared_or_gone), set(changed))
    if appeared_or_gone:
        announce_links_changed()


def announce_links_changed() -> None:
    """Link rows changed: whoever keeps lists derived from them is told (the special pages'
    Needed/Orphaned/Uncategorized, refreshed by a job within a period), without documents
    depending on them."""
    from seedwiki.documents.signals import links_changed

    links_changed.send(sender=Document)
