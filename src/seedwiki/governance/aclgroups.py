"""ACL groups and their items (seed-behaviour §3): blocks are membership of `차단된 사용자`.

Who may do what (§3.2): anyone may look; groups marked hidden (the default ones) are listed only to
holders of admin or aclgroup; creating and deleting groups needs aclgroup; adding to and removing
from `차단된 사용자` needs admin, from any other group aclgroup; hidelog needs aclgroup_hidelog.
Item ids are the table's own ids: one sequence for all groups, never reused.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import unicodedata

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from seedwiki.governance import blocklog
from seedwiki.governance.actors import find_user, require
from seedwiki.governance.errors import NotAllowed, Refused
from seedwiki.governance.paging import id_page
from seedwiki.permissions import names
from seedwiki.permissions.models import ACLGroup, ACLGroupItem, BlockLog
from seedwiki.permissions.subject import Subject

MAX_NOTE = 500
MAX_GROUP_NAME = 64
# The widest ranges one item may hold: a typo must not block a continent.
MIN_PREFIX = {4: 8, 6: 16}
PER_PAGE = 50


def may_view_hidden(actor: Subject) -> bool:
    return actor.holds("admin") or actor.holds("aclgroup")


def manage_permission(group: ACLGroup) -> str:
    """The permission that adds to and removes from ``group``."""
    return "admin" if group.name == names.BLOCKED_GROUP else "aclgroup"


def visible_groups(actor: Subject) -> list[ACLGroup]:
    groups = ACLGroup.objects.order_by("id")
    if not may_view_hidden(actor):
        groups = groups.filter(hidden=False)
    return list(groups)


def get_group(actor: Subject, name: str) -> ACLGroup:
    group = ACLGroup.objects.filter(name=(name or "").strip()).first()
    if group is None or (group.hidden and not may_view_hidden(actor)):
        raise Refused(_("ACL 그룹 '%(name)s'을(를) 찾을 수 없습니다.") % {"name": (name or "")[:MAX_GROUP_NAME]},
                      404, "invalid_aclgroup")
    return group


def _group_name(name: str) -> str:
    name = unicodedata.normalize("NFC", " ".join((name or "").split()))
    if not name:
        raise Refused(_("그룹 이름의 값은 필수입니다."))
    if len(name) > MAX_GROUP_NAME or any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise Refused(_("그룹 이름이 올바르지 않습니다. (%(max)s자 이하, 제어 문자 없이)") % {"max": MAX_GROUP_NAME})
    return name


def create_group(actor: Subject, name: str) -> ACLGroup:
    require(actor, "aclgroup")
    name = _group_name(name)
    try:
        with transaction.atomic():
            return ACLGroup.objects.create(name=name)
    except IntegrityError:
        raise Refused(_("이미 존재하는 ACL 그룹입니다."), 409, "aclgroup_already_exists") from None


def delete_group(actor: Subject, name: str) -> None:
    """Removes the group and every item in it; recreating the name brings none of them back."""
    require(actor, "aclgroup")
    group = get_group(actor, name)
    if not group.deletable or group.name == names.BLOCKED_GROUP:
        raise NotAllowed(_("이 ACL 그룹은 삭제할 수 없습니다."), "undeletable_aclgroup")
    group.delete()


def _note(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise Refused(_("메모의 값은 필수입니다."), code="note_required")
    if len(note) > MAX_NOTE:
        raise Refused(_("메모는 %(max)s자 이하여야 합니다.") % {"max": MAX_NOTE})
    return note


def parse_network(text: str) -> str:
    """ "1.2.3.4" → "1.2.3.4/32"; "10.0.0.5/24" → "10.0.0.0/24"; IPv6 alike; Refused otherwise."""
    value = (text or "").strip()
    try:
        network = ipaddress.ip_network(value, strict=False) if len(value) <= 64 else None
    except ValueError:
        network = None
    if network is None:
        raise Refused(_("'%(value)s'은(는) 올바른 IP 주소나 CIDR이 아닙니다.") % {"value": value[:64]},
                      code="invalid_cidr")
    if network.prefixlen < MIN_PREFIX[network.version]:
        raise Refused(_("IPv%(v)s 대역은 /%(n)s보다 넓게 지정할 수 없습니다.") % {
            "v": network.version, "n": MIN_PREFIX[network.version]}, code="invalid_cidr")
    return str(network)


def parse_target(text: str) -> tuple[str, str]:
    """The command line's target: "user:NAME" → ("username", NAME), else ("ip", CIDR text)."""
    text = (text or "").strip()
    if text.startswith("user:"):
        return "username", text[len("user:"):]
    return "ip", text


def add_item(actor: Subject, group_name: str, *, mode: str, value: str, note: str,
             duration: int | None = None, hidelog: bool = False) -> ACLGroupItem:
    """Put an account (mode "username") or an IP range (mode "ip") into the group, for ``duration``
    seconds or permanently (None), and write the BlockHistory line."""
    group = get_group(actor, group_name)
    require(actor, manage_permission(group))
    if hidelog:
        require(actor, "aclgroup_hidelog")
    note = _note(note)
    now = timezone.now()
    item = ACLGroupItem(group=group, note=note, created_at=now, created_by=actor.user,
                        expires_at=now + dt.timedelta(seconds=duration) if duration else None)
    if mode == "username":
        item.user = find_user(value)
        same = Q(user=item.user)
    elif mode == "ip":
        item.cidr = parse_network(value)
        same = Q(cidr=item.cidr)
    else:
        raise Refused(_("mode는 ip 또는 username이어야 합니다."), code="invalid_mode")
    try:
        with transaction.atomic():
            # An expired item does nothing any more; it only keeps its slot, so it gives way.
            ACLGroupItem.objects.filter(same, group=group, expires_at__lte=now).delete()
            if ACLGroupItem.objects.filter(same, group=group).exists():
                raise IntegrityError("duplicate")
            item.save()
            blocklog.record(BlockLog.Type.ACLGROUP_ADD, actor, target=item.target, group=group, item_id=item.pk,
                            duration=duration, note=note, hidden=hidelog)
    except IntegrityError:
        raise Refused(_("이미 해당 요소가 존재합니다."), 409, "aclgroup_already_exists") from None
    return item


def remove_item(actor: Subject, item_id, note: str, *, hidelog: bool = False) -> None:
    """Take an item out of its group (it stops matching at once) and log it."""
    item = (ACLGroupItem.objects.select_related("group", "user").filter(pk=_item_number(item_id)).first())
    if item is None or (item.group.hidden and not may_view_hidden(actor)):
        raise Refused(_("해당 요소를 찾을 수 없습니다."), 404, "invalid_aclgroup_item")
    require(actor, manage_permission(item.group))
    if hidelog:
        require(actor, "aclgroup_hidelog")
    note = _note(note)
    with transaction.atomic():
        target, group, number = item.target, item.group, item.pk
        if not ACLGroupItem.objects.filter(pk=number).delete()[0]:  # removed meanwhile by someone else
            raise Refused(_("해당 요소를 찾을 수 없습니다."), 404, "invalid_aclgroup_item")
        blocklog.record(BlockLog.Type.ACLGROUP_REMOVE, actor, target=target, group=group, item_id=number,
                        note=note, hidden=hidelog)


def _item_number(value) -> int:
    text = str(value).strip().lstrip("#")
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise Refused(_("요소 번호가 올바르지 않습니다."), code="invalid_aclgroup_item")
    return int(text)


def _active(items):
    now = timezone.now()
    return items.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def items_of(group: ACLGroup, *, from_id: int | None = None, until_id: int | None = None, per_page: int = PER_PAGE):
    """(items newest first, id for ?until= of the newer page, id for ?from= of the older page).
    Expired items are not listed: they no longer match anyone."""
    active = _active(ACLGroupItem.objects.filter(group=group)).select_related("user")
    return id_page(active, from_id=from_id, until_id=until_id, per_page=per_page)


def blocks_of_user(user) -> list[ACLGroupItem]:
    """The account's active items (for its user page), oldest first."""
    return list(_active(ACLGroupItem.objects.filter(user=user)).select_related("group").order_by("id"))


def blocked_accounts(user_ids) -> set[int]:
    """Which of these accounts are in `차단된 사용자` now (their names are struck through)."""
    ids = {uid for uid in user_ids if uid}
    if not ids:
        return set()
    blocked = ACLGroupItem.objects.filter(user_id__in=ids, group__name=names.BLOCKED_GROUP)
    return set(_active(blocked).values_list("user_id", flat=True))
