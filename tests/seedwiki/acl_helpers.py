"""Setting ACL rules and group items directly in tests (bypassing the /acl services' checks)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from seedwiki.permissions.models import ACLGroup, ACLGroupItem, ACLRule, UserPermission
from seedwiki.permissions.rules import bump_stamp


def set_rules(action: str, lines, *, namespace: str | None = None, document=None, expires: dict | None = None):
    """Replace the rules of one (scope, action) with ``lines`` = [("perm:any", "allow"), …]."""
    scope = {"document": document} if document is not None else {"document": None, "namespace": namespace}
    ACLRule.objects.filter(action=action, **scope).delete()
    for position, (condition, result) in enumerate(lines, start=1):
        kind, _, value = condition.partition(":")
        ACLRule.objects.create(action=action, condition_type=kind, condition_value=value, result=result,
                               position=position, expires_at=(expires or {}).get(position),
                               **({"document": document} if document is not None else {"namespace": namespace}))
    bump_stamp()


def make_user(name: str, *, days_old: float = 30, perms=()):
    user = get_user_model().objects.create_user(name)  # no password: hashing (argon2) is slow
    user.date_joined = timezone.now() - dt.timedelta(days=days_old)
    user.save(update_fields=["date_joined"])
    for perm in perms:
        UserPermission.objects.create(user=user, name=perm)
    return user


def add_item(group: str, *, cidr: str = "", user=None, note: str = "test", expires_at=None) -> ACLGroupItem:
    group_row, _ = ACLGroup.objects.get_or_create(name=group)
    return ACLGroupItem.objects.create(group=group_row, cidr=cidr, user=user, note=note,
                                       created_at=timezone.now(), expires_at=expires_at)
