"""/history/<title>, /diff/<title>?rev=N&oldrev=M, /blame/<title>."""
from __future__ import annotations

from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from seedwiki.documents.diffs import blame as compute_blame
from seedwiki.documents.diffs import line_diff
from seedwiki.documents.models import Revision
from seedwiki.documents.views.common import (RequestError, authorize, handles_refusals, int_param, page_of,
                                              readable_revision, target_of)

PER_PAGE = 30


def _known_target(request, title):
    """The page behind title (the reader must be allowed to read it), or a 404 when it has no revision."""
    target = target_of(title)
    authorize(request, "read", target)
    if target.document is None or target.document.latest is None:
        raise RequestError(_("해당 문서를 찾을 수 없습니다."), 404, target.full_title)
    return target


@require_safe
@handles_refusals
def history(request, title):
    target = _known_target(request, title)
    revisions = target.document.revisions.select_related("user").order_by("-number")
    page = page_of(request, revisions, PER_PAGE, target.full_title)
    return render(request, "documents/history.html", {
        "full_title": target.full_title, "document": target.document, "page": page,
        "latest_number": target.document.latest.number,
    })


@require_safe
@handles_refusals
def diff(request, title):
    target = _known_target(request, title)
    new = readable_revision(request, target, int_param(request, "rev"))
    old_number = int_param(request, "oldrev", new.number - 1)
    old = readable_revision(request, target, old_number) if old_number else None
    old_text = old.text if old is not None else ""
    return render(request, "documents/diff.html", {
        "full_title": target.full_title, "document": target.document, "old": old, "new": new,
        "rows": line_diff(old_text, new.text), "same": old_text == new.text,
    })


@require_safe
@handles_refusals
def blame(request, title):
    target = _known_target(request, title)
    upto = readable_revision(request, target, int_param(request, "rev"))
    key = f"sw:blame:{target.document.pk}:{upto.pk}"
    lines = cache.get(key)
    if lines is None:
        revisions = (target.document.revisions.filter(number__lte=upto.number).order_by("number")
                     .select_related("blob"))
        stream = ((r.number, r.author_name, r.created_at, "" if r.kind == Revision.Kind.DELETE else r.text)
                  for r in revisions.iterator(chunk_size=50))
        lines = compute_blame(stream)
        cache.set(key, lines, 3600)
    return render(request, "documents/blame.html", {
        "full_title": target.full_title, "document": target.document, "revision": upto, "lines": lines,
    })
