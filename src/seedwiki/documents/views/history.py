"""/history/<title>, /diff/<title>?rev=N&oldrev=M, /blame/<title>."""
from __future__ import annotations

from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from seedwiki.documents.blame import MAX_BLAME_LINES
from seedwiki.documents.blame import blame as compute_blame
from seedwiki.documents.diffs import line_diff
from seedwiki.documents.models import Revision
from seedwiki.documents.views.common import (RequestError, authorize, handles_refusals, int_param,
                                              readable_revision, target_of)
from seedwiki.documents.views.cursors import cursor_links, legacy_page_redirect, number_cursor
from seedwiki.keyset import keyset_page

PER_PAGE = 30
HISTORY_KEYS = ("number",)  # newest first; ?from=N starts at rN, ?until=N ends at rN
# A revision pair's diff never changes: its table is cached, unless it is bigger than this.
MAX_CACHED_DIFF_CHARS = 256 * 1024
DIFF_CACHE_SECONDS = 24 * 3600


def _known_target(request, title):
    """The page behind title (the reader must be allowed to read it), or a 404 when it has no revision."""
    target = target_of(title)
    authorize(request, "read", target)
    if target.document is None or target.document.latest is None:
        raise RequestError(_("해당 문서를 찾을 수 없습니다."), 404, target.full_title)
    return target


def _number_of(revision) -> tuple[int]:
    return (revision.number,)


def _encode(key: tuple[int]) -> str:
    return str(key[0])


@require_safe
@handles_refusals
def history(request, title):
    target = _known_target(request, title)
    revisions = target.document.revisions.select_related("user")
    old_address = legacy_page_redirect(request, revisions, HISTORY_KEYS, PER_PAGE, _number_of, _encode,
                                       descending=True, full_title=target.full_title)
    if old_address is not None:
        return old_address
    start, end = number_cursor(request, target.full_title)
    page = keyset_page(revisions, HISTORY_KEYS, PER_PAGE, _number_of, start=start, end=end, descending=True)
    return render(request, "documents/history.html", {
        "full_title": target.full_title, "document": target.document, "page": page,
        "pager": cursor_links(page, _encode),
        "latest_number": target.document.latest.number,
    })


@require_safe
@handles_refusals
def diff(request, title):
    target = _known_target(request, title)
    new = readable_revision(request, target, int_param(request, "rev"))
    old_number = int_param(request, "oldrev", new.number - 1)
    old = readable_revision(request, target, old_number) if old_number else None
    key = f"sw:diff:{old.pk if old is not None else 0}:{new.pk}:{get_language()}"
    cached = cache.get(key)
    if cached is None:
        old_text = old.text if old is not None else ""
        same = old_text == new.text
        table = "" if same else render_to_string("documents/_diff_table.html",
                                                 {"rows": line_diff(old_text, new.text)}, request)
        cached = (same, table)
        if len(table) <= MAX_CACHED_DIFF_CHARS:
            cache.set(key, cached, DIFF_CACHE_SECONDS)
    same, table = cached
    return render(request, "documents/diff.html", {
        "full_title": target.full_title, "document": target.document, "old": old, "new": new,
        "same": same, "table": mark_safe(table),
    })


@require_safe
@handles_refusals
def blame(request, title):
    target = _known_target(request, title)
    upto = readable_revision(request, target, int_param(request, "rev"))
    start = max(0, int_param(request, "from", 1) - 1)  # a long page is blamed in parts
    key = f"sw:blame:v2:{target.document.pk}:{upto.pk}:{start}"
    result = cache.get(key)
    if result is None:
        revisions = (target.document.revisions.filter(number__lte=upto.number).order_by("-number")
                     .select_related("blob"))
        # Newest first and lazily: the walk stops as soon as every line is attributed.
        stream = ((r.number, r.author_name, r.created_at, "" if r.kind == Revision.Kind.DELETE else r.text)
                  for r in revisions.iterator(chunk_size=8))
        result = compute_blame(stream, start=start)
        cache.set(key, result, 3600)  # small: runs of (count, revision) for at most MAX_BLAME_LINES lines
    return render(request, "documents/blame.html", {
        "full_title": target.full_title, "document": target.document, "revision": upto,
        "lines": result.lines("" if upto.kind == Revision.Kind.DELETE else upto.text), "blame": result,
        "previous_from": max(1, start - MAX_BLAME_LINES + 1) if start else None,
        "next_from": result.shown_to + 1 if result.shown_to < result.total_lines else None,
    })
