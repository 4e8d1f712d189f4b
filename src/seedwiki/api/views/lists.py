"""GET /api/backlink/<title>, /api/discuss/<title> and /api/raw/<title>?rev= (read-only)."""
from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _

from seedwiki.api.auth import ApiError, api_view, int_value
from seedwiki.api.views.common import allowed_page
from seedwiki.discussions.models import Thread
from seedwiki.documents.services.backlinks import backlink_counts, backlink_page
from seedwiki.permissions.listing import readable_namespaces
from seedwiki.titles import TitleError, join_title, namespaces, parse_title

FLAG_BITS = {"link": 1, "file": 2, "include": 4, "redirect": 8}
BACKLINK_PAGE = 100


def _cursor(request, name: str):
    raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        return parse_title(raw)
    except TitleError as error:
        raise ApiError(_("'%(name)s' 값이 올바르지 않습니다.") % {"name": name}, 400) from error


@api_view(["GET"])
def backlink(request, title):
    """Keyset paged like /backlink: "until" in the answer is the next page's ?from=, "from" the
    previous page's ?until= (null at the ends)."""
    full_title, _document = allowed_page(request, title, "read")
    flag = int_value(request.GET.get("flag"), "flag")
    namespace = request.GET.get("namespace") or ""
    if namespace and namespace not in namespaces():
        raise ApiError(_("알 수 없는 이름공간입니다."), 400)
    kinds = [kind for kind, bit in FLAG_BITS.items() if flag is None or flag & bit]
    readable = readable_namespaces(request)
    start, end = _cursor(request, "from"), _cursor(request, "until")
    if start is not None and end is not None:
        raise ApiError(_("%(start)s과 %(end)s은 함께 쓸 수 없습니다.") % {"start": "from", "end": "until"}, 400)
    shown = ([namespace] if namespace in readable else []) if namespace else readable
    page = backlink_page(full_title, shown, start=start, end=end, per_page=BACKLINK_PAGE, kinds=kinds)
    counts = backlink_counts(full_title, readable, kinds)
    return JsonResponse({
        "namespaces": [{"namespace": ns, "count": counts[ns]} for ns in namespaces() if ns in counts],
        "backlinks": [{"document": row.document.full_title, "flags": ",".join(k for k in FLAG_BITS if k in row.kinds)}
                      for row in page.object_list],
        "from": join_title(*page.previous_key) if page.previous_key else None,
        "until": join_title(*page.next_key) if page.next_key else None,
    })


@api_view(["GET"])
def discuss(request, title):
    _full_title, document = allowed_page(request, title, "read")
    closed = request.GET.get("state") == "close"
    statuses = ["close"] if closed else ["normal", "pause"]
    threads = (Thread.objects.filter(document=document, deleted=False, status__in=statuses)
               .order_by("-updated_at", "-id")[:100]) if document is not None else []
    return JsonResponse([{"slug": t.slug, "topic": t.topic, "updated_date": int(t.updated_at.timestamp()),
                          "status": t.status} for t in threads], safe=False)


@api_view(["GET"])
def raw(request, title):
    full_title, document = allowed_page(request, title, "read")
    rev = int_value(request.GET.get("rev"), "rev")
    if document is None or document.latest is None:
        raise ApiError(_("문서를 찾을 수 없습니다."), 404)
    revision = document.latest if rev is None else document.revisions.filter(number=rev).first()
    if revision is None:
        raise ApiError(_("해당 리비전이 존재하지 않습니다."), 404)
    if revision.kind == "delete" or (rev is None and not document.exists):
        raise ApiError(_("문서를 찾을 수 없습니다."), 404)
    return JsonResponse({"content": revision.text, "rev": revision.number, "document": full_title})
