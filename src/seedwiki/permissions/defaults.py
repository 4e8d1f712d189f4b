"""The default ACL a new wiki starts with (seed-behaviour §2.5, seedwiki's choice).

The seed ships no default and denies whatever no rule allows. seedwiki keeps an open wiki for
reading, editing and discussing, but not for destruction:
- read: anyone;
- edit, create_thread, write_thread_comment, edit_request: blocked users (차단된 사용자) denied, then anyone;
- move, delete: blocked users denied, then members;
- acl: admins;
- 사용자 namespace, edit/move/delete: blocked users denied, the page's owner, admins.

Each namespace receives the default once (the first migrate that sees it); after that its rules are
the operators' (/acl, `seedwiki acl --namespace`). SEEDWIKI_DEFAULT_ACL may name a JSON file
``{"*": {"read": [["perm:any", "allow"]], …}, "사용자": {…}}`` to start from other defaults.
"""
from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from seedwiki.permissions.names import BLOCKED_GROUP

_BLOCKED = [f"aclgroup:{BLOCKED_GROUP}", "deny"]
_OPEN = [_BLOCKED, ["perm:any", "allow"]]
_MEMBERS = [_BLOCKED, ["perm:member", "allow"]]
_OWNER = [_BLOCKED, ["perm:match_username_and_document_title", "allow"], ["perm:admin", "allow"]]

DEFAULT_ACL: dict[str, dict[str, list[list[str]]]] = {
    "*": {
        "read": [["perm:any", "allow"]],
        "edit": _OPEN, "create_thread": _OPEN, "write_thread_comment": _OPEN, "edit_request": _OPEN,
        "move": _MEMBERS, "delete": _MEMBERS,
        "acl": [["perm:admin", "allow"]],
    },
    "사용자": {"edit": _OWNER, "move": _OWNER, "delete": _OWNER},
}


def default_acl() -> dict:
    path = getattr(settings, "SEEDWIKI_DEFAULT_ACL", "")
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return DEFAULT_ACL


def rules_for_namespace(namespace: str, config: dict | None = None) -> dict[str, list[list[str]]]:
    config = config or default_acl()
    return {**config.get("*", {}), **config.get(namespace, {})}


def ensure_blocked_group(using: str = "default") -> None:
    from seedwiki.permissions.models import ACLGroup

    ACLGroup.objects.using(using).get_or_create(name=BLOCKED_GROUP,
                                                defaults={"deletable": False, "hidden": True})


def install_defaults(using: str = "default") -> list[str]:
    """Give every namespace that never had one its default ACL; returns the namespaces done."""
    from seedwiki.permissions.models import ACLRule, ACLState
    from seedwiki.permissions.rules import bump_stamp
    from seedwiki.titles import namespaces

    done = []
    with transaction.atomic(using=using):
        ensure_blocked_group(using)
        state, _ = ACLState.objects.using(using).get_or_create(pk=1)
        seen = set(state.initialized_namespaces)
        config = default_acl()
        for namespace in namespaces():
            if namespace in seen:
                continue
            rows = []
            for action, lines in rules_for_namespace(namespace, config).items():
                for position, (condition, result) in enumerate(lines, start=1):
                    kind, _, value = condition.partition(":")
                    rows.append(ACLRule(namespace=namespace, action=action, condition_type=kind,
                                        condition_value=value, result=result, position=position))
            ACLRule.objects.using(using).bulk_create(rows)
            seen.add(namespace)
            done.append(namespace)
        if done:
            ACLState.objects.using(using).filter(pk=1).update(initialized_namespaces=sorted(seen))
            bump_stamp()
    return done


def install_after_migrate(sender, using="default", **kwargs) -> None:
    install_defaults(using)
