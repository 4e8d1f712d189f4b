"""Changing ACLs: the services /acl/<title> and `seedwiki acl` both call (seed-behaviour §2.4).

- Document rules need the document's ``acl`` action (``nsacl`` passes it); rules of the ``acl``
  action itself, and every namespace rule, need ``nsacl``.
- ``gotons`` is refused in namespace lists; user and group names must exist; ``ip:`` takes an
  address or a CIDR range; ``geoip:`` a two-letter country code, and only when a GeoIP database
  is configured.
- A document change is written into the document's history (a revision with the same text and
  the log ``insert,edit,allow,perm:member``), so it shows in RecentChanges too; a namespace change
  goes to the audit log (BlockLog type ``acl``). Rules on a title that has no page hang on an empty
  document row: that is how creation is forbidden.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from seedwiki.permissions import geoip, names
from seedwiki.permissions.decide import can
from seedwiki.permissions.models import ACLGroup, ACLRule, BlockLog
from seedwiki.permissions.rules import bump_stamp
from seedwiki.permissions.subject import Place, Subject

KNOWN_PERMISSIONS = frozenset(names.AUTOMATIC_PERMISSIONS + names.ALL_PERMISSIONS)
_COUNTRY = re.compile(r"^[A-Z]{2}$")
MAX_VALUE_LENGTH = 255  # ACLRule.condition_value


class ACLError(Exception):
    """A refused ACL change; ``str()`` is the Korean message, ``status`` the HTTP status."""

    def __init__(self, message: str, status: int = 400, html=None):
        super().__init__(message)
        self.message, self.status, self.html = message, status, html


@dataclass(frozen=True)
class Scope:
    """A document's ACL (``place``) or a namespace's (``namespace``)."""

    place: Place | None = None
    namespace: str | None = None

    @classmethod
    def of_title(cls, full_title: str) -> "Scope":
        from seedwiki.permissions.decide import place_of
        from seedwiki.titles import TitleError

        try:
            return cls(place=place_of(full_title))
        except TitleError as error:
            raise ACLError(str(error), 400) from error

    @classmethod
    def of_namespace(cls, namespace: str) -> "Scope":
        from seedwiki.titles import namespaces

        if namespace not in namespaces():
            raise ACLError(_("알 수 없는 이름공간입니다: %(ns)s") % {"ns": namespace}, 400)
        return cls(namespace=namespace)

    @property
    def is_namespace(self) -> bool:
        return self.namespace is not None

    def rules(self):
        if self.is_namespace:
            return ACLRule.objects.filter(document__isnull=True, namespace=self.namespace)
        if self.place.document_id is None:
            return ACLRule.objects.none()
        return ACLRule.objects.filter(document_id=self.place.document_id)


def parse_condition(text: str) -> tuple[str, str]:
    """``"perm:member"`` → ("perm", "member"), validated; ACLError with the reason otherwise."""
    kind, sep, value = (text or "").strip().partition(":")
    value = value.strip()
    if len(value) > MAX_VALUE_LENGTH:
        raise ACLError(_("조건 값이 너무 깁니다. (%(n)s자 이하)") % {"n": MAX_VALUE_LENGTH}, 400)
    if not sep or kind not in names.CONDITION_KINDS or not value:
        raise ACLError(_("조건은 perm:, user:, ip:, aclgroup:, geoip: 중 하나로 시작해야 합니다: %(c)s")
                       % {"c": text}, 400)
    if kind == "perm" and value not in KNOWN_PERMISSIONS:
        raise ACLError(_("알 수 없는 권한입니다: %(p)s") % {"p": value}, 400)
    if kind == "user" and not get_user_model().objects.filter(username=value).exists():
        raise ACLError(_("사용자 이름이 올바르지 않습니다: %(u)s") % {"u": value}, 400)
    if kind == "aclgroup" and not ACLGroup.objects.filter(name=value).exists():
        raise ACLError(_("ACL 그룹이 존재하지 않습니다: %(g)s") % {"g": value}, 400)
    if kind == "ip":
        try:
            network = ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ACLError(_("IP 주소 또는 CIDR 범위가 올바르지 않습니다: %(ip)s") % {"ip": value}, 400) from None
        value = str(network.network_address) if network.num_addresses == 1 else str(network)
    if kind == "geoip":
        if not _COUNTRY.match(value):
            raise ACLError(_("geoip 조건은 대문자 두 글자 국가 코드여야 합니다 (예: KR)."), 400)
        if not geoip.configured():
            raise ACLError(_("GeoIP 데이터베이스가 설정되지 않아 geoip 조건을 쓸 수 없습니다 "
                             "(SEEDWIKI_GEOIP_DATABASE)."), 400)
    return kind, value


def _require(actor: Subject, scope: Scope, action: str) -> None:
    """May ``actor`` change ``scope``'s rules of ``action``?"""
    if scope.is_namespace:
        if not actor.holds("nsacl"):
            raise ACLError(_("이름공간 ACL 수정은 nsacl 권한이 필요합니다."), 403)
        return
    if action == "acl" and not actor.holds("nsacl"):
        raise ACLError(_("ACL 카테고리 수정은 nsacl 권한이 필요합니다."), 403)
    decision = can(actor, "acl", scope.place)
    if not decision.allowed:
        raise ACLError(decision.message, 403, html=decision.html)


def may_edit(actor: Subject, scope: Scope, action: str = "edit") -> bool:
    """Whether ``actor`` may change ``scope``'s rules of ``action`` (the /acl page shows its forms)."""
    try:
        _require(actor, scope, action)
    except ACLError:
        return False
    return True


def _log_line(op: str, rule: ACLRule) -> str:
    return f"{op},{rule.action},{rule.result},{rule.condition}"


def _document_for(scope: Scope):
    """The document row to hang rules on (created empty for a title with no page), locked."""
    from seedwiki.documents.services.common import lock_document

    document = lock_document(scope.place.namespace, scope.place.title, create=True)
    return document


def _record(actor: Subject, scope: Scope, document, line: str, author_name: str | None) -> None:
    """Write the change where the seed shows it: the document's history, or the audit log."""
    if scope.is_namespace:
        BlockLog.objects.create(type=BlockLog.Type.ACL, actor=actor.user, actor_name=_actor_name(actor, author_name),
                                target=scope.namespace, note=line, created_at=timezone.now())
        return
    from seedwiki.documents.models import Revision
    from seedwiki.documents.services.common import Author, append_revision
    from seedwiki.documents.services.storage import store_blob

    author = Author(actor.user, actor.ip, author_name or ("system" if actor.is_system else None))
    blob = document.latest.blob if document.latest is not None else store_blob("")
    if document.latest is None:
        document.deleted = True  # a history with no text: the page still does not exist
    append_revision(document, blob, kind=Revision.Kind.ACL, author=author, extra={"acl": line})
    document.save()


def _actor_name(actor: Subject, author_name: str | None) -> str:
    if actor.user is not None:
        return actor.user.get_username()
    return author_name or ("system" if actor.is_system else (actor.ip or ""))


def add_rule(actor: Subject, scope: Scope, action: str, condition: str, result: str, *,
             duration: dt.timedelta | None = None, author_name: str | None = None) -> ACLRule:
    """Append a rule to ``scope``'s list for ``action`` (it is evaluated after the existing ones)."""
    if action not in names.ACTIONS:
        raise ACLError(_("알 수 없는 ACL 동작입니다: %(a)s") % {"a": action}, 400)
    if result not in names.RESULTS:
        raise ACLError(_("결과는 allow, deny, gotons 중 하나여야 합니다."), 400)
    if result == "gotons" and scope.is_namespace:
        raise ACLError(_("이름공간 ACL에는 이름공간ACL 실행(gotons)을 쓸 수 없습니다."), 400)
    kind, value = parse_condition(condition)
    _require(actor, scope, action)
    with transaction.atomic():
        document = None if scope.is_namespace else _document_for(scope)
        existing = (ACLRule.objects.filter(document=document) if document is not None
                    else ACLRule.objects.filter(document__isnull=True, namespace=scope.namespace)).filter(action=action)
        if existing.filter(condition_type=kind, condition_value=value).exists():
            raise ACLError(_("이미 같은 조건의 규칙이 있습니다."), 409)
        last = existing.aggregate(last=Max("position"))["last"] or 0
        rule = ACLRule.objects.create(
            document=document, namespace=scope.namespace or "", action=action, condition_type=kind,
            condition_value=value, result=result, position=last + 1,
            expires_at=timezone.now() + duration if duration else None, created_by=actor.user)
        _record(actor, scope, document, _log_line("insert", rule), author_name)
        bump_stamp()
    return rule


def _rule_in(scope: Scope, rule_id: int) -> ACLRule:
    rule = scope.rules().filter(pk=rule_id).first()
    if rule is None:
        raise ACLError(_("해당 ACL 규칙을 찾을 수 없습니다."), 404)
    return rule


def remove_rule(actor: Subject, scope: Scope, rule_id: int, *, author_name: str | None = None) -> ACLRule:
    rule = _rule_in(scope, rule_id)
    _require(actor, scope, rule.action)
    with transaction.atomic():
        document = None if scope.is_namespace else _document_for(scope)
        line = _log_line("delete", rule)
        rule.delete()
        _record(actor, scope, document, line, author_name)
        bump_stamp()
    return rule


def move_rule(actor: Subject, scope: Scope, rule_id: int, offset: int, *, author_name: str | None = None) -> None:
    """Move a rule up (offset -1) or down (+1) in its list: the order is the evaluation order."""
    rule = _rule_in(scope, rule_id)
    _require(actor, scope, rule.action)
    with transaction.atomic():
        document = None if scope.is_namespace else _document_for(scope)
        siblings = list(scope.rules().filter(action=rule.action).order_by("position", "id"))
        index = next(i for i, other in enumerate(siblings) if other.pk == rule.pk)
        other = index + offset
        if not 0 <= other < len(siblings) or offset == 0:
            return
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, row in enumerate(siblings, start=1):
            if row.position != position:
                ACLRule.objects.filter(pk=row.pk).update(position=position)
        _record(actor, scope, document, _log_line("up" if offset < 0 else "down", rule), author_name)
        bump_stamp()


def rule_lists(scope: Scope) -> dict[str, list[ACLRule]]:
    """action → rules in order (expired ones included, marked by the page)."""
    lists: dict[str, list[ACLRule]] = {action: [] for action in names.ACTIONS}
    for rule in scope.rules().order_by("position", "id"):
        lists.setdefault(rule.action, []).append(rule)
    return lists
