"""`can(subject, action, document)`: the one answer to "may this request do that" (seed §2.2).

The order, exactly as the seed evaluates it:
 1. ``acl`` is allowed to holders of ``nsacl``;
 2. every action but ``read`` and ``acl`` first needs ``read``;
 3. ``move`` and ``delete`` also need ``edit``;
 4. the document's unexpired rules for the action, or — only when it has none — the namespace's;
    document ``read`` rules are ignored (the namespace decides reading);
 5. the first rule whose condition matches decides: allow, deny, or ``gotons`` (decide by the
    namespace rules instead);
 6. nothing matched: deny. There is never an implicit allow.

Decisions that depend only on the subject's fixed permissions are cached per (rules stamp,
namespace, document, action, permission set); any that looked at the IP, the account name, group
items, contributions or the title are computed per request.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.safestring import mark_safe

from seedwiki.permissions import geoip, messages, names
from seedwiki.permissions.rules import Rule, current_stamp, document_rules, namespace_rules
from seedwiki.permissions.subject import GroupMatch, Place, Subject

READ, EDIT, ACL = "read", "edit", "acl"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    action: str
    message: str = ""  # Korean, ends with the ACL-tab sentence when denied
    title: str = ""  # the page asked about (for the ACL-tab link)
    group: str | None = None  # set when an ACL-group item decided
    item_id: int | None = None
    expires_at: dt.datetime | None = None
    note: str | None = None

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def html(self):
        """The message with "ACL 탭" linking to /acl/<title> and line breaks kept."""
        from seedwiki.titles import page_url

        text = escape(self.message).replace("\n", "<br>")
        tab, label = escape(messages.tab_sentence()), escape(messages.tab_label())
        if self.title and tab in text:
            link = f'<a href="{escape(page_url(self.title, "acl"))}">{label}</a>'
            text = text.replace(tab, tab.replace(label, link))
        return mark_safe(text)


class _Trace:
    """What an evaluation looked at: whether the answer is the same for every subject with the same
    fixed permissions, and until when (the earliest expiry among the rules it read)."""

    def __init__(self):
        self.shareable = True
        self.valid_until: dt.datetime | None = None

    def saw(self, rules) -> None:
        for rule in rules:
            if rule.expires_at is not None and (self.valid_until is None or rule.expires_at < self.valid_until):
                self.valid_until = rule.expires_at


class _DecisionCache:
    def __init__(self, limit: int = 50_000):
        self._entries: dict[tuple, tuple[Decision, dt.datetime | None]] = {}
        self._limit = limit
        self._lock = threading.Lock()

    def get(self, key: tuple, now: dt.datetime) -> Decision | None:
        found = self._entries.get(key)
        if found is None or (found[1] is not None and now >= found[1]):
            return None
        return found[0]

    def put(self, key: tuple, decision: Decision, valid_until) -> None:
        with self._lock:
            if len(self._entries) >= self._limit:
                self._entries.clear()  # keys carry the stamp: old ones are dead weight anyway
            self._entries[key] = (decision, valid_until)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


DECISIONS = _DecisionCache()


def place_of(target) -> Place:
    """A Place from a Document, a view's Target, a Place, or a full title."""
    if isinstance(target, Place):
        return target
    if isinstance(target, str):
        from seedwiki.documents.models import Document
        from seedwiki.titles import parse_title

        namespace, title = parse_title(target)
        document_id = Document.objects.filter(namespace=namespace, title=title).values_list("id", flat=True).first()
        return Place(namespace, title, document_id)
    if hasattr(target, "pk"):  # a Document
        return Place(target.namespace, target.title, target.pk)
    document = getattr(target, "document", None)  # a view's Target (its document may be None)
    return Place(target.namespace, target.title, document.pk if document is not None else None)


def can(subject: Subject, action: str, target=None, *, stamp: str | None = None) -> Decision:
    """May ``subject`` do ``action`` (one of the 8) on ``target`` (a Document, a Target or a title)?
    Or a site-wide action (names.SITE_ACTIONS, no target): decided by the granted permissions."""
    if action in names.SITE_ACTIONS:
        return _site_action(subject, action)
    if action not in names.ACTIONS:
        raise ValueError(f"unknown ACL action: {action}")
    place = place_of(target)
    if subject.is_system:
        return Decision(True, action, title=place.full_title)
    if stamp is None:
        stamp = subject._stamp or current_stamp()
        subject._stamp = stamp
    now = timezone.now()
    key = (stamp, place.namespace, None if action == READ else place.document_id, action,
           subject.static_permissions, get_language())  # the message is in the reader's language
    decision = DECISIONS.get(key, now)
    if decision is None:
        trace = _Trace()
        decision = _check(subject, action, place, stamp, now, trace)
        if trace.shareable:
            DECISIONS.put(key, decision, trace.valid_until)
    return dataclasses.replace(decision, title=place.full_title)


def _site_action(subject: Subject, action: str) -> Decision:
    permissions = names.SITE_ACTIONS[action]
    if subject.is_system or any(subject.holds(permission) for permission in permissions):
        return Decision(True, action)
    return Decision(False, action, messages.denied_site_action(action, permissions))


def _check(subject, action, place, stamp, now, trace) -> Decision:
    if action == ACL and "nsacl" in subject.static_permissions:
        return Decision(True, action)
    if action not in (READ, ACL):
        read = _decide(subject, READ, place, stamp, now, trace)
        if not read.allowed:
            return read
    if action in ("move", "delete"):
        edit = _decide(subject, EDIT, place, stamp, now, trace)
        if not edit.allowed:
            return edit
    return _decide(subject, action, place, stamp, now, trace)


def _active(rules, now, trace) -> tuple[Rule, ...]:
    trace.saw(rules)
    return tuple(rule for rule in rules if rule.active(now))


def _decide(subject, action, place, stamp, now, trace) -> Decision:
    rules: tuple[Rule, ...] = ()
    if action != READ:  # the seed ignores document read rules
        rules = _active(document_rules(stamp, place.document_id).get(action, ()), now, trace)
    if rules:
        return _run(subject, action, place, rules, stamp, now, trace, in_document=True)
    return _namespace(subject, action, place, stamp, now, trace)


def _namespace(subject, action, place, stamp, now, trace) -> Decision:
    rules = _active(namespace_rules(stamp, place.namespace).get(action, ()), now, trace)
    return _run(subject, action, place, rules, stamp, now, trace, in_document=False)


def _run(subject, action, place, rules, stamp, now, trace, *, in_document: bool) -> Decision:
    for rule in rules:
        if rule.result == "gotons" and not in_document:
            continue  # refused when added; never meaningful in a namespace list
        matched = _matches(subject, rule, place, now, trace)
        if not matched:
            continue
        if rule.result == "allow":
            return Decision(True, action)
        if rule.result == "gotons":
            return _namespace(subject, action, place, stamp, now, trace)
        if isinstance(matched, GroupMatch):
            return Decision(False, action, _with_tab(messages.denied_by_group(action, matched)),
                            group=matched.group, item_id=matched.item_id, expires_at=matched.expires_at,
                            note=matched.note)
        return Decision(False, action, _with_tab(messages.denied_by_condition(action, rule.kind, rule.value)))
    permissive = [rule for rule in rules if rule.result in ("allow", "gotons")
                  and (in_document or rule.result == "allow")]
    return Decision(False, action, _with_tab(messages.no_rule_matched(action, permissive)))


def _with_tab(text: str) -> str:
    return f"{text} {messages.tab_sentence()}"


def _matches(subject: Subject, rule: Rule, place: Place, now, trace):
    """True (or the GroupMatch) when the rule's condition holds for the subject."""
    kind, value = rule.kind, rule.value
    if kind == "perm":
        if value in subject.static_permissions:
            return True
        if value in (names.CONTRIBUTOR, names.DOCUMENT_CONTRIBUTOR, names.OWNER):
            trace.shareable = False
            if value == names.CONTRIBUTOR:
                return subject.is_contributor
            if value == names.DOCUMENT_CONTRIBUTOR:
                return subject.contributed_to(place.document_id)
            return subject.owns(place)
        return False
    trace.shareable = False  # the answer depends on who exactly is asking
    if kind == "user":
        return subject.username is not None and subject.username == value
    if kind == "ip":
        return subject.in_network(value)
    if kind == "aclgroup":
        return subject.group_match(value) or False
    if kind == "geoip":
        return geoip.configured() and geoip.country_of(subject.ip) == value
    return False


# (stamp, namespace) → whether anonymous pages of the namespace may be shared; the same bounded,
# locked, expiring store as DECISIONS (its values here are bools, not Decisions).
_SHARED_READ = _DecisionCache(limit=1000)


def anonymous_read_is_shared(namespace: str, stamp: str) -> bool:
    """True when every anonymous reader, whatever their IP, may read pages of ``namespace``: only
    then may a finished page be shared between them (documents/views/page_cache.py)."""
    now = timezone.now()
    found = _SHARED_READ.get((stamp, namespace), now)
    if found is not None:
        return found
    trace = _Trace()
    decision = _check(Subject(user=None, ip=None), READ, Place(namespace, ""), stamp, now, trace)
    # A read list with an expiring rule may change its answer with no commit at all, which the front
    # cache would not notice: such pages are not shared.
    shared = decision.allowed and trace.shareable and trace.valid_until is None
    _SHARED_READ.put((stamp, namespace), shared, trace.valid_until)
    return shared
