"""Edit requests as /discuss/<title>, RecentDiscuss and contribution lists show them."""
from __future__ import annotations

from seedwiki.editrequests.models import EditRequest

LIMIT = 100
LOGTYPES = {
    "open_editrequest": (["open"], "-updated_at"),
    "accepted_editrequest": (["accepted"], "-updated_at"),
    "closed_editrequest": (["closed"], "-updated_at"),
    "old_editrequest": (["open"], "updated_at"),
}


def document_requests(document, *, closed: bool) -> list[EditRequest]:
    if document is None:
        return []
    return list(EditRequest.objects.filter(document=document, status="closed" if closed else "open")
                .order_by("-updated_at", "-id")[:LIMIT])


def recent_requests(logtype: str, readable_namespaces: list[str]) -> list[EditRequest]:
    statuses, order = LOGTYPES[logtype]
    return list(EditRequest.objects.filter(status__in=statuses, document__namespace__in=readable_namespaces)
                .select_related("document").order_by(order, "id")[:LIMIT])


def user_requests(name: str, readable_namespaces: list[str]):
    return (EditRequest.objects.filter(author_name=name, document__namespace__in=readable_namespaces)
            .select_related("document").order_by("-created_at", "-id"))
