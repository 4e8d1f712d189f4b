"""/BlockHistory: writing its entries and reading them back as the seed words them (§5.3).

"<actor> 사용자가 <target> (<group> ACL 그룹에 추가) #<id> (<N 동안 | 영구적으로>) (<note>)",
"… (<group> ACL 그룹에서 제거) #<id> (<note>)", "… <target> 사용자의 권한 설정 (+admin -grant)",
"… <target> 사용자의 로그인 기록 조회", "… <target>의 기여 일괄 되돌리기 (…)".
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from seedwiki.governance.actors import log_fields
from seedwiki.permissions.durations import describe as describe_duration
from seedwiki.governance.paging import id_page
from seedwiki.permissions.models import BlockLog
from seedwiki.permissions.subject import Subject

PER_PAGE = 100
MAX_QUERY = 200


def record(kind: str, actor: Subject, *, target: str = "", group=None, item_id=None, duration=None,
           note: str = "", hidden: bool = False, extra: dict | None = None) -> BlockLog:
    return BlockLog.objects.create(
        type=kind, target=target[:255], group=group, group_name=group.name if group is not None else "",
        item_id=item_id, duration=duration, note=note, hidden=hidden, extra=extra or {},
        created_at=timezone.now(), **log_fields(actor))


@dataclass
class Line:
    """One entry as shown: the actor, the target, and what happened (the words after the target)."""

    entry: BlockLog
    actor: str
    target: str
    action: str
    detail: str
    joiner: str = " "  # between the target and the action ("X의 기여 …" has none)

    @property
    def text(self) -> str:
        head = _("%(actor)s 사용자가 %(target)s") % {"actor": self.actor, "target": self.target}
        return f"{head}{self.joiner}{self.action}" + (f" {self.detail}" if self.detail else "")


def describe(entry: BlockLog) -> Line:
    actor = entry.actor_name or _("시스템")
    kind = entry.type
    if kind == BlockLog.Type.ACLGROUP_ADD:
        action = _("(%(group)s ACL 그룹에 추가)") % {"group": entry.group_name}
        detail = f"#{entry.item_id} ({describe_duration(entry.duration)}) ({entry.note})"
    elif kind == BlockLog.Type.ACLGROUP_REMOVE:
        action = _("(%(group)s ACL 그룹에서 제거)") % {"group": entry.group_name}
        detail = f"#{entry.item_id} ({entry.note})"
    elif kind == BlockLog.Type.GRANT:
        action = _("사용자의 권한 설정")
        changes = [f"+{name}" for name in entry.extra.get("added", [])]
        changes += [f"-{name}" for name in entry.extra.get("removed", [])]
        detail = f"({' '.join(changes)})" if changes else ""
    elif kind == BlockLog.Type.LOGIN_HISTORY:
        action, detail = _("사용자의 로그인 기록 조회"), ""
    elif kind == BlockLog.Type.BATCH_REVERT:
        action = _("의 기여 일괄 되돌리기")
        detail = _("(%(n)s개 문서) (%(note)s)") % {"n": entry.extra.get("reverted", 0), "note": entry.note}
    else:
        action, detail = entry.get_type_display(), f"({entry.note})" if entry.note else ""
    return Line(entry, actor, entry.target, action, detail, "" if kind == BlockLog.Type.BATCH_REVERT else " ")


@dataclass
class LogPage:
    lines: list[Line]
    newer: int | None  # ?until= for the newer page
    older: int | None  # ?from= for the older page


def search(viewer: Subject, *, target: str = "", query: str = "", from_id: int | None = None,
           until_id: int | None = None, per_page: int = PER_PAGE) -> LogPage:
    """Entries newest first. ``target`` "author" matches the actor's name exactly; "text" finds the
    words in the target, note, group name, or the item id. Hidden (hidelog) entries are shown only
    to holders of aclgroup_hidelog. ``from``: entries with id ≤ from; ``until``: ids ≥ until."""
    entries = BlockLog.objects.all()
    if not viewer.holds("aclgroup_hidelog"):
        entries = entries.filter(hidden=False)
    query = query.strip()[:MAX_QUERY]
    if query and target == "author":
        entries = entries.filter(actor_name=query)
    elif query:
        match = Q(target__icontains=query) | Q(note__icontains=query) | Q(group_name__icontains=query)
        number = query.lstrip("#")
        if number.isascii() and number.isdigit() and len(number) < 19:
            match |= Q(item_id=int(number))
        entries = entries.filter(match)
    rows, newer, older = id_page(entries, from_id=from_id, until_id=until_id, per_page=per_page)
    return LogPage([describe(row) for row in rows], newer=newer, older=older)
