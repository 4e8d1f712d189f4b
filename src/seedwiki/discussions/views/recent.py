"""/RecentDiscuss?logtype=… (8 kinds: threads by state, edit requests by state) and
/contribution/<name>/discuss."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from seedwiki.discussions.services import listing
from seedwiki.permissions.listing import readable_namespaces

LOGTYPE_LABELS = {
    "normal_thread": _("열린 토론"), "old_thread": _("오래된 토론"), "pause_thread": _("중지된 토론"),
    "closed_thread": _("닫힌 토론"), "open_editrequest": _("열린 편집 요청"),
    "accepted_editrequest": _("승인된 편집 요청"), "closed_editrequest": _("닫힌 편집 요청"),
    "old_editrequest": _("오래된 편집 요청"),
}


@require_safe
def recent_discuss(request):
    logtype = request.GET.get("logtype", "normal_thread")
    if logtype not in LOGTYPE_LABELS:
        logtype = "normal_thread"
    namespaces = readable_namespaces(request)
    threads, requests = [], []
    if logtype in listing.THREAD_LOGTYPES:
        threads = listing.recent_threads(logtype, namespaces)
    else:
        from seedwiki.editrequests.services.listing import recent_requests

        requests = recent_requests(logtype, namespaces)
    return render(request, "discussions/recent.html", {
        "logtype": logtype, "logtypes": list(LOGTYPE_LABELS.items()), "threads": threads, "requests": requests,
    })


@require_safe
def contribution_discuss(request, name):
    comments = listing.user_comments(name, readable_namespaces(request))
    page = Paginator(comments, 50).get_page(request.GET.get("page"))
    return render(request, "discussions/contribution.html", {"name": name, "page": page, "kind": "discuss"})
