"""`seedwiki acl`: list and change document and namespace ACLs from the command line.

    seedwiki acl TITLE list
    seedwiki acl TITLE add ACTION CONDITION allow|deny|gotons [--expire DURATION]
    seedwiki acl TITLE remove ID
    seedwiki acl --namespace NS list | add … | remove ID
    … [--actor USER]   act as that account (its permissions are checked); default: the system

It calls the same services as /acl/<title> (seedwiki/permissions/acl.py), so the same checks apply
and the same history / audit entries are written.
"""
from __future__ import annotations

import sys

USAGE = ("seedwiki acl TITLE|--namespace NS list | add ACTION CONDITION allow|deny|gotons [--expire D] "
         "| remove ID")


def add_arguments(sub) -> None:
    parser = sub.add_parser("acl", help="문서·이름공간 ACL을 보거나 바꿉니다", usage=USAGE)
    parser.add_argument("words", nargs="+", help="[TITLE] list | add ACTION CONDITION RESULT | remove ID")
    parser.add_argument("--namespace", "-n", default=None, help="이름공간 ACL (TITLE 대신)")
    parser.add_argument("--expire", default="", help="기간: 30m, 1h, 7d, 2w, 영구 (기본: 영구)")
    parser.add_argument("--actor", default=None, help="이 사용자로서 (기본: 시스템)")


def _fail(message: str) -> int:
    print(f"seedwiki acl: {message}", file=sys.stderr)
    return 2


def run(args) -> int:
    from django.contrib.auth import get_user_model

    from seedwiki.permissions import acl
    from seedwiki.permissions.durations import DurationError, parse_duration
    from seedwiki.permissions.subject import Subject

    words = list(args.words)
    actor = Subject.system()
    if args.actor:
        user = get_user_model().objects.filter(username=args.actor).first()
        if user is None:
            return _fail(f"사용자를 찾을 수 없습니다: {args.actor}")
        actor = Subject.for_user(user)
    try:
        if args.namespace is not None:
            scope = acl.Scope.of_namespace(args.namespace)
        else:
            if len(words) < 2:
                return _fail(USAGE)
            scope = acl.Scope.of_title(words.pop(0))
        op, rest = words[0], words[1:]
        if op == "list" and not rest:
            _print(scope)
            return 0
        if op == "add" and len(rest) == 3:
            rule = acl.add_rule(actor, scope, rest[0], rest[1], rest[2], duration=parse_duration(args.expire))
            print(f"#{rule.pk} {rule.action} {rule.condition} {rule.result}")
            return 0
        if op == "remove" and len(rest) == 1:
            if not rest[0].isdigit():
                return _fail(f"규칙 번호가 올바르지 않습니다: {rest[0]}")
            rule = acl.remove_rule(actor, scope, int(rest[0]))
            print(f"삭제: #{rest[0]} {rule.action} {rule.condition} {rule.result}")
            return 0
        return _fail(USAGE)
    except (acl.ACLError, DurationError) as error:
        return _fail(str(error))


def _print(scope) -> None:
    from django.utils import timezone

    from seedwiki.permissions import acl

    now = timezone.now()
    for action, rules in acl.rule_lists(scope).items():
        for number, rule in enumerate(rules, start=1):
            expiry = "영구" if rule.expires_at is None else timezone.localtime(rule.expires_at).isoformat()
            if rule.expires_at is not None and rule.expires_at <= now:
                expiry += " (만료됨)"
            print(f"{action}\t{number}\t#{rule.pk}\t{rule.condition}\t{rule.result}\t{expiry}")

