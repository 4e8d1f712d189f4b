"""GET /api/backlink/<title>, /api/discuss/<title> and /api/raw/<title>?rev= (read-only)."""
from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _

from seedwiki.api.auth import ApiError, api_view, int_value
from seedwiki.api.views.edit import _title
from seedwiki.discussions.models import Thread
from seedwiki.documents.models import PageLink
from seedwiki.permissions.decide import can
from seedwiki.permissions.listing import readable_namespaces
from seedwiki.permissions.subject import subject_of
from seedwiki.titles import join_title, namespaces

FLAG_BITS = {"link": 1, "file": 2, "include": 4, "redirect": 8}
BACKLINK_PAGE = 100


def _readable(request, raw_title: str):
    full_title, document = _title(raw_title)
    decision = can(subject_of(request), "read", full_title)
    if not decision.allowed:
        raise ApiError(str(decision.html), 403)
    return full_title, document


@api_view(["GET"])
def backlink(request, title):
    full_title, _document = _readable(request, title)
    flag = int_value(request.GET.get("flag"), "flag")
    namespace = request.GET.get("namespace") or ""
    if namespace and namespace not in namespaces():
        raise ApiError(_("알 수 없는 이름공간입니다."), 400)
    kinds = [kind for kind, bit in FLAG_BITS.items() if flag is None or flag & bit]
    links = PageLink.objects.filter(target=full_title, kind__in=kinds, source__deleted=False,
                                    source__namespace__in=readable_namespaces(request))
    rows: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for ns, name, kind in links.values_list("source__namespace", "source__title", "kind"):
        document = join_title(ns, name)
        if document not in rows:
            counts[ns] = counts.get(ns, 0) + 1
        if not namespace or ns == namespace:
            rows.setdefault(document, []).append(kind)
    ordered = sorted(rows)
    start, until = request.GET.get("from"), request.GET.get("until")
    if start:
        ordered = [t for t in ordered if t >= start]
    if until:
        ordered = [t for t in ordered if t <= until]
    page, rest = ordered[:BACKLINK_PAGE], ordered[BACKLINK_PAGE:]
    return JsonResponse({
        "namespaces": [{"namespace": ns, "count": counts[ns]} for ns in namespaces() if ns in counts],
        "backlinks": [{"document": t, "flags": ",".join(k for k in FLAG_BITS if k in rows[t])} for t in page],
        "from": page[0] if page and start else None, "until": rest[0] if rest else None,
    })


@api_view(["GET"])
def discuss(request, title):
    _full_title, document = _readable(request, title)
    closed = request.GET.get("state") == "close"
    statuses = ["close"] if closed else ["normal", "pause"]
    threads = (Thread.objects.filter(document=document, deleted=False, status__in=statuses)
               .order_by("-updated_at", "-id")[:100]) if document is not None else []
    return JsonResponse([{"slug": t.slug, "topic": t.topic, "updated_date": int(t.updated_at.timestamp()),
                          "status": t.status} for t in threads], safe=False)


@api_view(["GET"])
def raw(request, title):
    full_title, document = _readable(request, title)
    rev = int_value(request.GET.get("rev"), "rev")
    if document is None or document.latest is None:
        raise ApiError(_("문서를 찾을 수 없습니다."), 404)
    revision = document.latest if rev is None else document.revisions.filter(number=rev).first()
    if revision is None:
        raise ApiError(_("해당 리비전이 존재하지 않습니다."), 404)
    if revision.kind == "delete" or (rev is None and not document.exists):
        raise ApiError(_("문서를 찾을 수 없습니다."), 404)
    return JsonResponse({"content": revision.text, "rev": revision.number, "document": full_title})
