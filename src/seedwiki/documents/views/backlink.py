"""/backlink/<title>: pages that link to, include, redirect to or use (files) this title."""
from __future__ import annotations

from django.db.models import Count
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from seedwiki.documents.models import PageLink
from seedwiki.documents.views.common import RequestError, authorize, handles_refusals, page_of, target_of
from seedwiki.permissions.listing import readable_namespaces
from seedwiki.titles import namespaces

PER_PAGE = 100


def kind_labels() -> dict[str, str]:
    """How each kind of reference is named, in the active language."""
    return {PageLink.Kind.LINK: _("링크"), PageLink.Kind.INCLUDE: _("포함"), PageLink.Kind.FILE: _("파일"),
            PageLink.Kind.REDIRECT: _("넘겨주기")}


@require_safe
@handles_refusals
def backlink(request, title):
    target = target_of(title)
    authorize(request, "read", target)
    base = (PageLink.objects.filter(target=target.full_title, source__deleted=False,
                                    source__namespace__in=readable_namespaces(request))
            .exclude(kind=PageLink.Kind.CATEGORY))
    # Pages, not link rows: a page that both redirects here and links here (or links and
    # includes) is one row in the list, so one in the count.
    counts = dict(base.values_list("source__namespace").annotate(n=Count("source", distinct=True))
                  .values_list("source__namespace", "n"))
    namespace = request.GET.get("namespace") or ""
    if namespace and namespace not in namespaces():
        raise RequestError(_("알 수 없는 이름공간입니다."), 400, target.full_title)
    links = base.filter(source__namespace=namespace) if namespace else base
    links = links.select_related("source").order_by("source__namespace", "source__title", "kind")
    # One row per source page, listing every way it refers to this title.
    rows: dict[int, dict] = {}
    for link in links:
        row = rows.setdefault(link.source_id, {"document": link.source, "kinds": []})
        row["kinds"].append(kind_labels().get(link.kind, link.kind))
    page = page_of(request, list(rows.values()), PER_PAGE, target.full_title)
    return render(request, "documents/backlink.html", {
        "full_title": target.full_title, "document": target.document, "page": page,
        "namespace": namespace, "namespace_counts": [(ns, counts[ns]) for ns in namespaces() if ns in counts],
    })
