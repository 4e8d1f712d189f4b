"""Who is asking: an account or an IP address, and the permissions the request holds (seed §1).

Permissions fixed for the request (any, ip or member, member_signup_15days_ago, granted ones) are
computed once; the ones that need a query or depend on the document (contributor,
document_contributor, match_username_and_document_title) and the subject's ACL-group items are
evaluated only when a rule asks about them.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from django.utils import timezone

from seedwiki.permissions import names
from seedwiki.permissions.client_ip import client_ip
from seedwiki.permissions.models import ACLGroupItem, UserPermission, address_key

SIGNUP_AGE = dt.timedelta(days=15)


@dataclass
class Place:
    """What a permission is asked about: a title, with its document row when there is one."""

    namespace: str
    title: str
    document_id: int | None = None

    @property
    def full_title(self) -> str:
        from seedwiki.titles import join_title

        return join_title(self.namespace, self.title)


@dataclass
class GroupMatch:
    item_id: int
    group: str
    note: str
    expires_at: dt.datetime | None
    via_ip: bool


@dataclass
class Subject:
    user: object = None  # an authenticated account, or None for an IP
    ip: str | None = None
    is_system: bool = False  # the command line: every check passes
    _stamp: str | None = field(default=None, repr=False)

    @classmethod
    def system(cls) -> "Subject":
        return cls(user=None, ip=None, is_system=True)

    @classmethod
    def for_user(cls, user, ip: str | None = None) -> "Subject":
        if user is not None and not getattr(user, "is_authenticated", False):
            user = None
        return cls(user=user, ip=ip)

    @property
    def is_member(self) -> bool:
        return self.user is not None

    @property
    def username(self) -> str | None:
        return self.user.get_username() if self.user is not None else None

    @cached_property
    def granted(self) -> frozenset[str]:
        if self.is_system or (self.user is not None and self.user.is_superuser):
            return frozenset(names.ALL_PERMISSIONS)
        if self.user is None:
            return frozenset()
        return frozenset(UserPermission.objects.filter(user=self.user).values_list("name", flat=True))

    @cached_property
    def static_permissions(self) -> frozenset[str]:
        """The permissions that do not depend on the document and need no further query."""
        perms = {names.ANY, *self.granted}
        if self.user is None:
            perms.add(names.IP)
        else:
            perms.add(names.MEMBER)
            joined = getattr(self.user, "date_joined", None)
            if joined is not None and timezone.now() - joined > SIGNUP_AGE:
                perms.add(names.SIGNUP_15_DAYS)
        return frozenset(perms)

    def holds(self, permission: str) -> bool:
        """A permission that does not depend on the document (for admin pages: grant, nsacl, …)."""
        if permission == names.CONTRIBUTOR:
            return self.is_contributor
        return permission in self.static_permissions

    @cached_property
    def is_contributor(self) -> bool:
        return self._revisions().exists()

    def contributed_to(self, document_id: int | None) -> bool:
        return document_id is not None and self._revisions().filter(document_id=document_id).exists()

    def owns(self, place: Place) -> bool:
        """match_username_and_document_title: 사용자:<name> and 사용자:<name>/…"""
        from seedwiki.titles import USER

        return (self.user is not None and place.namespace == USER
                and place.title.split("/", 1)[0] == self.username)

    def _revisions(self):
        from seedwiki.documents.models import Revision

        if self.user is not None:
            return Revision.objects.filter(user=self.user)
        if self.ip:
            return Revision.objects.filter(user__isnull=True, ip=self.ip)
        return Revision.objects.none()

    @cached_property
    def group_items(self) -> list[GroupMatch]:
        """Active ACL-group items holding this account or the request's IP, oldest first."""
        match = Q(pk__in=[])
        if self.user is not None:
            match |= Q(user=self.user)
        if self.ip:
            address = ipaddress.ip_address(self.ip)
            key = address_key(address)
            match |= Q(ip_version=address.version, ip_start__lte=key, ip_end__gte=key)
        now = timezone.now()
        rows = (ACLGroupItem.objects.filter(match).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
                .select_related("group").order_by("id"))
        return [GroupMatch(row.id, row.group.name, row.note, row.expires_at, row.user_id is None) for row in rows]

    def group_match(self, group: str) -> GroupMatch | None:
        now = timezone.now()
        for item in self.group_items:
            if item.group == group and (item.expires_at is None or item.expires_at > now):
                return item
        return None

    def in_network(self, cidr: str) -> bool:
        if not self.ip:
            return False
        try:
            return ipaddress.ip_address(self.ip) in ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            return False


def subject_of(request) -> Subject:
    """The subject of a request (kept on the request: it is asked many times)."""
    subject = getattr(request, "_seedwiki_subject", None)
    if subject is None:
        user = getattr(request, "user", None)
        subject = Subject.for_user(user, client_ip(request))
        request._seedwiki_subject = subject
    return subject
