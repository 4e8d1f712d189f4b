"""ACL rules, ACL groups and their items (blocks), granted permissions, and the admin logs."""
from __future__ import annotations

import ipaddress

from django.conf import settings
from django.db import models

from seedwiki.permissions.names import ACTIONS, CONDITION_KINDS, RESULTS

ACTION_CHOICES = [(a, a) for a in ACTIONS]


class ACLState(models.Model):
    """One row: a stamp that changes with every rule change (decision caches are keyed by it), and
    the namespaces that already received the default ACL (so removing all rules sticks)."""

    stamp = models.CharField(max_length=32, default="initial")
    initialized_namespaces = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "permissions_aclstate"


class ACLRule(models.Model):
    """One line of a document's or a namespace's ACL for one action."""

    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="acl_rules")
    namespace = models.CharField(max_length=64, blank=True, default="")  # set for namespace rules only
    action = models.CharField(max_length=32, choices=ACTION_CHOICES)
    condition_type = models.CharField(max_length=16, choices=[(c, c) for c in CONDITION_KINDS])
    condition_value = models.CharField(max_length=255)
    result = models.CharField(max_length=8, choices=[(r, r) for r in RESULTS])
    expires_at = models.DateTimeField(null=True, blank=True)
    position = models.IntegerField(default=0)  # evaluation order within (scope, action)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        db_table = "permissions_aclrule"
        ordering = ["action", "position", "id"]
        indexes = [
            models.Index(fields=["document", "action", "position"], name="aclrule_document"),
            models.Index(fields=["namespace", "action", "position"], name="aclrule_namespace"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(document__isnull=False, namespace="")
                           | models.Q(document__isnull=True) & ~models.Q(namespace="")),
                name="aclrule_one_scope"),
        ]

    @property
    def condition(self) -> str:
        return f"{self.condition_type}:{self.condition_value}"

    def __str__(self) -> str:
        return f"{self.action},{self.result},{self.condition}"


class ACLGroup(models.Model):
    name = models.CharField(max_length=64, unique=True)
    deletable = models.BooleanField(default=True)  # False for 차단된 사용자
    # Members may still log in (the seed never blocks logging in; kept as a group setting).
    login_allowed = models.BooleanField(default=True)
    # Listed on /aclgroup only to aclgroup/admin holders (the seed hides its default groups).
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "permissions_aclgroup"

    def __str__(self) -> str:
        return self.name


def ip_bounds(cidr: str) -> tuple[int, str, str]:
    """(version, first, last) of a network, the addresses as fixed-width hex so that text order is
    numeric order on every database (one indexed range query finds the items holding an address)."""
    network = ipaddress.ip_network(cidr, strict=False)
    return network.version, address_key(network.network_address), address_key(network.broadcast_address)


def address_key(address) -> str:
    return format(int(ipaddress.ip_address(address)), "032x")


class ACLGroupItem(models.Model):
    """A member of a group: an account or an IP range. The id is global across groups (#12345)."""

    group = models.ForeignKey(ACLGroup, on_delete=models.CASCADE, related_name="items")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="acl_group_items")
    cidr = models.CharField(max_length=64, blank=True, default="")
    ip_version = models.PositiveSmallIntegerField(null=True, blank=True)
    ip_start = models.CharField(max_length=32, blank=True, default="")
    ip_end = models.CharField(max_length=32, blank=True, default="")
    note = models.TextField()
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)  # None: permanent
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        db_table = "permissions_aclgroupitem"
        indexes = [models.Index(fields=["ip_version", "ip_start", "ip_end"], name="aclgroupitem_range")]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], condition=models.Q(user__isnull=False),
                                    name="aclgroupitem_unique_user"),
            models.UniqueConstraint(fields=["group", "cidr"], condition=~models.Q(cidr=""),
                                    name="aclgroupitem_unique_cidr"),
            models.CheckConstraint(condition=models.Q(user__isnull=False) | ~models.Q(cidr=""),
                                   name="aclgroupitem_has_target"),
        ]

    def save(self, *args, **kwargs):
        if self.cidr:
            self.ip_version, self.ip_start, self.ip_end = ip_bounds(self.cidr)
        super().save(*args, **kwargs)

    @property
    def target(self) -> str:
        return self.user.get_username() if self.user_id else self.cidr

    def __str__(self) -> str:
        return f"#{self.pk} {self.target}"


class UserPermission(models.Model):
    """A permission granted to an account (/admin/grant, `seedwiki grant`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wiki_permissions")
    name = models.CharField(max_length=64)

    class Meta:
        db_table = "permissions_userpermission"
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="userpermission_unique")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.name}"


class BlockLog(models.Model):
    """One /BlockHistory line."""

    class Type(models.TextChoices):
        ACLGROUP_ADD = "aclgroup_add", "ACL 그룹에 추가"
        ACLGROUP_REMOVE = "aclgroup_remove", "ACL 그룹에서 제거"
        GRANT = "grant", "권한 설정"
        LOGIN_HISTORY = "login_history", "로그인 기록 조회"
        BATCH_REVERT = "batch_revert", "일괄 되돌리기"
        ACL = "acl", "ACL 변경"  # namespace ACL changes (document ones go to the document's history)

    type = models.CharField(max_length=32, choices=Type.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_name = models.CharField(max_length=150, blank=True, default="")  # kept if the account goes
    target = models.CharField(max_length=255, blank=True, default="")
    group = models.ForeignKey(ACLGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    group_name = models.CharField(max_length=64, blank=True, default="")
    item_id = models.BigIntegerField(null=True, blank=True)
    duration = models.PositiveIntegerField(null=True, blank=True)  # seconds; None: permanent
    note = models.TextField(blank=True, default="")
    hidden = models.BooleanField(default=False)  # hidelog
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "permissions_blocklog"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.type} {self.actor_name} → {self.target}"


class LoginRecord(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_records")
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=512, blank=True, default="")
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "permissions_loginrecord"
        ordering = ["-id"]
