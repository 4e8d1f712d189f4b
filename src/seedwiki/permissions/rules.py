"""Loading ACL rule lists, and the stamp that says when they last changed.

Rule lists are kept per process, keyed by the stamp of the ACLState row: any rule change writes a
new stamp in the same transaction, so every process sees new lists as soon as it reads the stamp.
Expired rules stay in the lists and are skipped at evaluation time (no clean-up job).
"""
from __future__ import annotations

import datetime as dt
import threading
import uuid
from dataclasses import dataclass

from seedwiki.permissions.models import ACLRule, ACLState

_MAX_ENTRIES = 20_000


@dataclass(frozen=True)
class Rule:
    id: int
    action: str
    kind: str
    value: str
    result: str
    expires_at: dt.datetime | None
    position: int

    @property
    def condition(self) -> str:
        return f"{self.kind}:{self.value}"

    def active(self, now: dt.datetime) -> bool:
        return self.expires_at is None or self.expires_at > now


RuleLists = dict[str, tuple[Rule, ...]]  # action → rules in evaluation order


class _Lists:
    """Rule lists of the current stamp (one dict per process; dropped when the stamp changes)."""

    def __init__(self):
        self._stamp = None
        self._lists: dict[tuple, RuleLists] = {}
        self._lock = threading.Lock()

    def get(self, stamp: str, key: tuple, load) -> RuleLists:
        with self._lock:
            if stamp != self._stamp:
                self._stamp, self._lists = stamp, {}
            found = self._lists.get(key)
        if found is None:
            found = load()
            with self._lock:
                if stamp == self._stamp:
                    if len(self._lists) >= _MAX_ENTRIES:
                        self._lists.clear()
                    self._lists[key] = found
        return found

    def clear(self) -> None:
        with self._lock:
            self._stamp, self._lists = None, {}


LISTS = _Lists()


def _state() -> ACLState:
    state = ACLState.objects.filter(pk=1).first()
    if state is None:
        state, _ = ACLState.objects.get_or_create(pk=1)
    return state


def current_stamp() -> str:
    stamp = ACLState.objects.filter(pk=1).values_list("stamp", flat=True).first()
    return stamp if stamp is not None else _state().stamp


def bump_stamp() -> str:
    """Call inside the transaction that changes rules: every cached decision becomes stale."""
    _state()
    stamp = uuid.uuid4().hex
    ACLState.objects.filter(pk=1).update(stamp=stamp)
    return stamp


def _group(rows) -> RuleLists:
    lists: dict[str, list[Rule]] = {}
    for row in rows:
        lists.setdefault(row.action, []).append(Rule(row.id, row.action, row.condition_type, row.condition_value,
                                                     row.result, row.expires_at, row.position))
    return {action: tuple(rules) for action, rules in lists.items()}


def document_rules(stamp: str, document_id: int | None) -> RuleLists:
    if document_id is None:
        return {}
    return LISTS.get(stamp, ("doc", document_id),
                     lambda: _group(ACLRule.objects.filter(document_id=document_id).order_by("position", "id")))


def namespace_rules(stamp: str, namespace: str) -> RuleLists:
    return LISTS.get(stamp, ("ns", namespace),
                     lambda: _group(ACLRule.objects.filter(document__isnull=True, namespace=namespace)
                                    .order_by("position", "id")))
