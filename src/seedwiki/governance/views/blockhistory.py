"""/BlockHistory: every block, unblock, grant, login-history look-up and batch revert (seed §5.3)."""
from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_safe

from seedwiki.governance import blocklog
from seedwiki.governance.views.common import actor, cursor, field


@require_safe
def block_history(request):
    target = "author" if request.GET.get("target") == "author" else "text"
    query = field(request.GET, "query", blocklog.MAX_QUERY)
    page = blocklog.search(actor(request), target=target, query=query, from_id=cursor(request, "from"),
                           until_id=cursor(request, "until"))
    base = urlencode({"target": target, "query": query}) if query else ""
    return render(request, "governance/block_history.html", {
        "page": page, "target": target, "query": query, "base_query": base,
    })
