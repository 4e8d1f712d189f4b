"""/admin/batch_revert and `seedwiki batch_revert`: undo every recent edit of one account or IP.

For each page the target edited within the period: when the target still holds the latest
revision, the page goes back to the newest revision by someone else (documents.services.revert_page);
when nobody else ever wrote it (the target created it), it is deleted. A page someone else edited
afterwards is left alone and reported as skipped: their work is not thrown away. One BlockHistory
line records the run.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import EditError, delete_page, revert_page
from seedwiki.governance import blocklog
from seedwiki.governance.actors import author_fields, find_user, require
from seedwiki.governance.errors import Refused
from seedwiki.permissions.models import BlockLog
from seedwiki.permissions.subject import Subject

MAX_PERIOD = 365 * 86400
MAX_DOCUMENTS = 1000


@dataclass
class BatchResult:
    target: str
    reverted: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _by_target(target: str):
    """A filter on revisions written by ``target``: an IP address, or a username (Refused 404)."""
    try:
        return Q(user__isnull=True, ip=str(ipaddress.ip_address(target)))
    except ValueError:
        return Q(user=find_user(target))


def batch_revert(actor: Subject, target: str, *, seconds: int, note: str) -> BatchResult:
    require(actor, "batch_revert")
    target = (target or "").strip()
    note = (note or "").strip()[:255]
    if not target:
        raise Refused(_("대상의 값은 필수입니다."))
    if not note:
        raise Refused(_("메모의 값은 필수입니다."), code="note_required")
    if not 0 < seconds <= MAX_PERIOD:
        raise Refused(_("기간은 1초 이상 1년 이하여야 합니다."))
    theirs = _by_target(target)
    since = timezone.now() - dt.timedelta(seconds=seconds)
    document_ids = list(Revision.objects.filter(theirs, created_at__gte=since)
                        .values_list("document_id", flat=True).distinct()[:MAX_DOCUMENTS])
    result = BatchResult(target)
    summary = _("%(target)s의 기여 일괄 되돌리기 (%(note)s)") % {"target": target, "note": note}
    for document in Document.objects.filter(id__in=document_ids).select_related("latest").order_by("id"):
        _revert_one(actor, document, theirs, summary, result)
    blocklog.record(BlockLog.Type.BATCH_REVERT, actor, target=target, note=note, extra={
        "reverted": len(result.reverted) + len(result.deleted), "deleted": len(result.deleted),
        "skipped": len(result.skipped), "seconds": seconds})
    return result


def _revert_one(actor: Subject, document: Document, theirs: Q, summary: str, result: BatchResult) -> None:
    full = document.full_title
    revisions = document.revisions.all()
    if document.latest is None or not revisions.filter(theirs, pk=document.latest_id).exists():
        result.skipped.append(full)  # someone else wrote after them
        return
    before = revisions.exclude(theirs).order_by("-number").first()
    try:
        if before is None or before.kind == Revision.Kind.DELETE:
            if document.exists:
                delete_page(full, summary=summary, **author_fields(actor))
                result.deleted.append(full)
            return
        revert_page(full, before.number, summary=summary, **author_fields(actor))
        result.reverted.append(full)
    except EditError:  # nothing to change (same text) or the page moved meanwhile
        result.skipped.append(full)
