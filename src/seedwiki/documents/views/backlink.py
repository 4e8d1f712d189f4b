"""/backlink/<title>: pages that link to, include, redirect to or use (files) this title."""
from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from seedwiki.documents.models import PageLink
from seedwiki.documents.services import backlinks
from seedwiki.documents.services.backlinks import KEYS, backlink_counts, backlink_page, backlink_sources, key_of
from seedwiki.documents.views.common import RequestError, authorize, handles_refusals, target_of
from seedwiki.documents.views.cursors import cursor_links, legacy_page_redirect, title_cursor
from seedwiki.permissions.listing import readable_namespaces
from seedwiki.titles import join_title, namespaces


def kind_labels() -> dict[str, str]:
    """How each kind of reference is named, in the active language."""
    return {PageLink.Kind.LINK: _("링크"), PageLink.Kind.INCLUDE: _("포함"), PageLink.Kind.FILE: _("파일"),
            PageLink.Kind.REDIRECT: _("넘겨주기")}


def _encode(key: tuple[str, str]) -> str:
    return join_title(*key)


@require_safe
@handles_refusals
def backlink(request, title):
    target = target_of(title)
    authorize(request, "read", target)
    readable = readable_namespaces(request)
    namespace = request.GET.get("namespace") or ""
    if namespace and namespace not in namespaces():
        raise RequestError(_("알 수 없는 이름공간입니다."), 400, target.full_title)
    # A namespace the reader may not read lists nothing.
    shown = ([namespace] if namespace in readable else []) if namespace else readable
    params = {"namespace": namespace}
    old_address = legacy_page_redirect(request, lambda: backlink_sources(target.full_title, shown), KEYS,
                                       backlinks.PER_PAGE, key_of, _encode, params=params, full_title=target.full_title)
    if old_address is not None:
        return old_address
    start, end = title_cursor(request, target.full_title)
    page = backlink_page(target.full_title, shown, start=start, end=end)
    labels = kind_labels()
    for row in page.object_list:
        row.kinds = [labels.get(kind, kind) for kind in row.kinds]
    counts = backlink_counts(target.full_title, readable)
    return render(request, "documents/backlink.html", {
        "full_title": target.full_title, "document": target.document, "page": page,
        "pager": cursor_links(page, _encode, params),
        "namespace": namespace, "namespace_counts": [(ns, counts[ns]) for ns in namespaces() if ns in counts],
    })
