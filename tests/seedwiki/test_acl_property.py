"""Property: for random rule lists and subjects, can() decides exactly as a small reference evaluator
written here from the text of seed-behaviour.md §2.2 (no shared code with seedwiki.permissions.decide).

The rule loaders are replaced by the generated lists and the subject's database-backed facts
(granted permissions, contributions, group items) are given directly, so thousands of cases run
in seconds; the loaders and the subject's queries are covered by the request-level tests."""
from __future__ import annotations

import datetime as dt
import ipaddress
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seedwiki.permissions import decide
from seedwiki.permissions.rules import Rule
from seedwiki.permissions.subject import GroupMatch, Place, Subject

NOW = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
ACTIONS = ["read", "edit", "move", "delete", "create_thread", "write_thread_comment", "edit_request", "acl"]
CONDITIONS = (
    [("perm", p) for p in ("any", "ip", "member", "admin", "nsacl", "contributor", "document_contributor",
                           "match_username_and_document_title", "member_signup_15days_ago")]
    + [("user", "A"), ("user", "B"), ("ip", "10.0.0.0/24"), ("ip", "10.0.0.1"), ("ip", "2001:db8::/32"),
       ("aclgroup", "G"), ("aclgroup", "H")]
)
EXPIRIES = [None, NOW - dt.timedelta(seconds=1), NOW + dt.timedelta(days=1)]


@st.composite
def rule_lists(draw):
    lists = {}
    for action in draw(st.lists(st.sampled_from(ACTIONS), max_size=5, unique=True)):
        rules = []
        for kind, value in draw(st.lists(st.sampled_from(CONDITIONS), max_size=5)):
            rules.append(Rule(id=len(rules) + 1, action=action, kind=kind, value=value,
                              result=draw(st.sampled_from(["allow", "deny", "gotons"])),
                              expires_at=draw(st.sampled_from(EXPIRIES)), position=len(rules) + 1))
        lists[action] = tuple(rules)
    return lists


@st.composite
def subjects(draw):
    member = draw(st.booleans())
    facts = {
        "member": member,
        "username": draw(st.sampled_from(["A", "B"])) if member else None,
        "ip": draw(st.sampled_from(["10.0.0.1", "10.0.1.1", "2001:db8::1"])),
        "granted": set(draw(st.lists(st.sampled_from(["admin", "nsacl"]), unique=True))),
        "old": member and draw(st.booleans()),
        "contributor": draw(st.booleans()),
        "document_contributor": draw(st.booleans()),
        "groups": draw(st.lists(st.tuples(st.sampled_from(["G", "H"]), st.booleans()), max_size=2,
                                unique_by=lambda g: g[0])),
    }
    facts["contributor"] = facts["contributor"] or facts["document_contributor"]
    return facts


# --- the reference evaluator (from §2.2's text) -----------------------------------------------

def ref_matches(facts, kind, value, namespace, title):
    if kind == "perm":
        held = {"any"} | facts["granted"]
        held.add("member" if facts["member"] else "ip")
        if facts["old"]:
            held.add("member_signup_15days_ago")
        if facts["contributor"]:
            held.add("contributor")
        if facts["document_contributor"]:
            held.add("document_contributor")
        if facts["member"] and namespace == "사용자" and title.split("/")[0] == facts["username"]:
            held.add("match_username_and_document_title")
        return value in held
    if kind == "user":
        return facts["member"] and facts["username"] == value
    if kind == "ip":
        return ipaddress.ip_address(facts["ip"]) in ipaddress.ip_network(value, strict=False)
    if kind == "aclgroup":
        return any(group == value for group, _ in facts["groups"])
    return False


def ref_run(facts, rules, ns_rules, in_document, namespace, title):
    for rule in rules:
        if rule.result == "gotons" and not in_document:
            continue
        if ref_matches(facts, rule.kind, rule.value, namespace, title):
            if rule.result == "allow":
                return True
            if rule.result == "deny":
                return False
            return ref_run(facts, ns_rules, [], False, namespace, title)
    return False


def ref_list(facts, action, doc, ns, namespace, title):
    alive = lambda rules: [r for r in rules if r.expires_at is None or r.expires_at > NOW]  # noqa: E731
    ns_rules = alive(ns.get(action, ()))
    doc_rules = [] if action == "read" else alive(doc.get(action, ()))
    if doc_rules:
        return ref_run(facts, doc_rules, ns_rules, True, namespace, title)
    return ref_run(facts, ns_rules, [], False, namespace, title)


def reference(facts, action, doc, ns, namespace, title):
    if action == "acl" and "nsacl" in facts["granted"]:
        return True
    if action not in ("read", "acl") and not ref_list(facts, "read", doc, ns, namespace, title):
        return False
    if action in ("move", "delete") and not ref_list(facts, "edit", doc, ns, namespace, title):
        return False
    return ref_list(facts, action, doc, ns, namespace, title)


# --- the comparison ---------------------------------------------------------------------------

class _User:
    is_authenticated, is_superuser = True, False

    def __init__(self, name, old):
        self.name = name
        self.date_joined = NOW - dt.timedelta(days=30 if old else 1)

    def get_username(self):
        return self.name


def subject_from(facts) -> Subject:
    user = _User(facts["username"], facts["old"]) if facts["member"] else None
    subject = Subject(user=user, ip=facts["ip"])
    subject.__dict__["granted"] = frozenset(facts["granted"])
    subject.__dict__["is_contributor"] = facts["contributor"]
    subject.__dict__["group_items"] = [GroupMatch(i + 1, group, "note", None, via_ip)
                                       for i, (group, via_ip) in enumerate(facts["groups"])]
    subject.contributed_to = lambda document_id: facts["document_contributor"]
    return subject


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setattr(decide.timezone, "now", lambda: NOW)
    monkeypatch.setattr("seedwiki.permissions.subject.timezone.now", lambda: NOW)


@settings(max_examples=200, deadline=None)
@given(doc=rule_lists(), ns=rule_lists(), facts=subjects(), action=st.sampled_from(ACTIONS),
       place=st.sampled_from([("문서", "A"), ("사용자", "A"), ("사용자", "A/메모"), ("사용자", "B")]))
def test_can_equals_the_reference_evaluator(doc, ns, facts, action, place):
    namespace, title = place
    stamp = uuid.uuid4().hex  # a fresh stamp: nothing cached from another example
    original = decide.document_rules, decide.namespace_rules
    decide.document_rules = lambda _stamp, _id: doc
    decide.namespace_rules = lambda _stamp, _ns: ns
    try:
        decision = decide.can(subject_from(facts), action, Place(namespace, title, 1), stamp=stamp)
        again = decide.can(subject_from(facts), action, Place(namespace, title, 1), stamp=stamp)  # cached path
    finally:
        decide.document_rules, decide.namespace_rules = original
    expected = reference(facts, action, doc, ns, namespace, title)
    assert decision.allowed == expected
    assert again.allowed == expected
    if not expected:
        assert decision.message.endswith("해당 문서의 ACL 탭을 확인하시기 바랍니다.")
