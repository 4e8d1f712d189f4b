"""`seedwiki grant`, `seedwiki aclgroup`, `seedwiki batch_revert`, `seedwiki login_history`: the
operator pages from the command line, through the same services and with the same logs.

    seedwiki grant USER +perm -perm …
    seedwiki aclgroup list [GROUP]
    seedwiki aclgroup add GROUP IP/CIDR|user:NAME --note TEXT [--duration 1h|7d|…]
    seedwiki aclgroup remove ID --note TEXT
    seedwiki aclgroup create GROUP | delete GROUP
    seedwiki batch_revert USER|IP --note TEXT [--period 1d]
    seedwiki login_history USER
    seedwiki hide_revision TITLE REV [--show]
    … [--actor USER]   act as that account (its permissions are checked); default: the system

Django is imported only when a command runs (the parser is built for every `seedwiki` call).
"""
from __future__ import annotations

import sys

COMMANDS = ("grant", "aclgroup", "batch_revert", "login_history", "hide_revision")


def add_arguments(sub) -> None:
    grant = sub.add_parser("grant", help="사용자 권한을 부여하거나 회수합니다 (+perm -perm)")
    _grant_arguments(grant)

    group = sub.add_parser("aclgroup", help="ACL 그룹(차단)을 보거나 바꿉니다")
    group.add_argument("op", choices=["list", "add", "remove", "create", "delete"], help="할 일")
    group.add_argument("words", nargs="*", help="list [GROUP] | add GROUP TARGET | remove ID | create/delete GROUP")
    group.add_argument("--note", default="", help="메모 (add, remove에 필수)")
    group.add_argument("--duration", default="0", help="기간: 30m, 1h, 7d, 2w, 0=영구 (기본: 영구)")

    revert = sub.add_parser("batch_revert", help="한 사용자나 아이피의 최근 기여를 모두 되돌립니다")
    revert.add_argument("target", help="사용자 이름 또는 아이피")
    revert.add_argument("--note", default="", help="되돌림에 남길 메모")
    revert.add_argument("--period", default="1d", help="기간 (기본: 1d)")

    history = sub.add_parser("login_history", help="계정의 로그인 기록을 봅니다 (조회도 기록됩니다)")
    history.add_argument("username", help="사용자 이름")

    hide = sub.add_parser("hide_revision", help="문서의 한 리비전을 숨깁니다 (--show: 숨김 해제)")
    hide.add_argument("title", help="문서 제목")
    hide.add_argument("rev", type=int, help="리비전 번호")
    hide.add_argument("--show", action="store_true", help="숨김을 해제합니다")

    for parser in (grant, group, revert, history, hide):
        parser.add_argument("--actor", default=None, help="이 사용자로서 (기본: 시스템)")


def _grant_arguments(parser) -> None:
    parser.add_argument("username", help="사용자 이름")
    parser.add_argument("changes", nargs="*", help="+admin -grant … (없으면 현재 권한을 보여 줍니다)")


def run_grant(argv: list[str]) -> int:
    """`seedwiki grant USER +perm -perm`: parsed here, since argparse would take "-perm" for an option."""
    import argparse

    parser = argparse.ArgumentParser(prog="seedwiki grant", add_help=False, allow_abbrev=False)
    _grant_arguments(parser)
    parser.add_argument("--actor", default=None)
    args, rest = parser.parse_known_args(argv)
    unknown = [word for word in rest if not (word.startswith("-") and not word.startswith("--"))]
    if unknown:
        return _fail("grant", f"알 수 없는 인자: {' '.join(unknown)}")
    args.changes = [*args.changes, *rest]
    args.command = "grant"
    return run(args)


def _fail(command: str, message: str) -> int:
    print(f"seedwiki {command}: {message}", file=sys.stderr)
    return 2


def run(args) -> int:
    from django.conf import settings
    from django.utils import translation

    # The wiki's language, not whatever a previous caller in this process left active.
    with translation.override(settings.LANGUAGE_CODE):
        return _run(args)


def _run(args) -> int:
    from seedwiki.governance.actors import cli_actor
    from seedwiki.governance.errors import Refused
    from seedwiki.permissions.durations import DurationError

    try:
        actor = cli_actor(args.actor)
        return {"grant": _grant, "aclgroup": _aclgroup, "batch_revert": _batch_revert,
                "login_history": _login_history, "hide_revision": _hide_revision}[args.command](args, actor)
    except Refused as error:
        return _fail(args.command, error.message)
    except DurationError as error:
        return _fail(args.command, str(error))


def _grant(args, actor) -> int:
    from seedwiki.governance import grants
    from seedwiki.governance.actors import find_user

    add, remove = [], []
    for change in args.changes:
        if len(change) < 2 or change[0] not in "+-":
            return _fail("grant", f"'{change}': +권한 또는 -권한 형식이어야 합니다")
        (add if change[0] == "+" else remove).append(change[1:])
    if add or remove:
        result = grants.change_permissions(actor, args.username, add=add, remove=remove)
        print(" ".join([f"+{n}" for n in result.added] + [f"-{n}" for n in result.removed]) or "바뀐 권한이 없습니다.")
    print(" ".join(sorted(grants.held_by(find_user(args.username)))) or "(권한 없음)")
    return 0


def _aclgroup(args, actor) -> int:
    from seedwiki.governance import aclgroups
    from seedwiki.permissions.durations import parse_duration

    words = args.words
    expected = {"list": (0, 1), "add": (2, 2), "remove": (1, 1), "create": (1, 1), "delete": (1, 1)}[args.op]
    if not expected[0] <= len(words) <= expected[1]:
        return _fail("aclgroup", "사용법: seedwiki aclgroup list [GROUP] | add GROUP IP/CIDR|user:NAME --note TEXT "
                                 "| remove ID --note TEXT | create GROUP | delete GROUP")
    if args.op == "list":
        groups = [aclgroups.get_group(actor, words[0])] if words else aclgroups.visible_groups(actor)
        for group in groups:
            print(f"[{group.name}]")
            for item in aclgroups.items_of(group, per_page=10_000)[0]:
                end = item.expires_at.isoformat(timespec="seconds") if item.expires_at else "영구"
                print(f"  #{item.pk}\t{item.target}\t{end}\t{item.note}")
    elif args.op == "add":
        mode, value = aclgroups.parse_target(words[1])
        period = parse_duration(args.duration)
        item = aclgroups.add_item(actor, words[0], mode=mode, value=value, note=args.note,
                                  duration=int(period.total_seconds()) if period else None)
        print(f"#{item.pk} {item.target} → {item.group.name}")
    elif args.op == "remove":
        aclgroups.remove_item(actor, words[0], args.note)
        print(f"#{words[0].lstrip('#')} 제거됨")
    elif args.op == "create":
        print(f"만듦: {aclgroups.create_group(actor, words[0]).name}")
    else:
        aclgroups.delete_group(actor, words[0])
        print(f"삭제함: {words[0]}")
    return 0


def _batch_revert(args, actor) -> int:
    from seedwiki.governance.batch_revert import batch_revert
    from seedwiki.permissions.durations import parse_duration

    period = parse_duration(args.period)
    if period is None:
        return _fail("batch_revert", "기간을 지정하세요 (예: 1h, 1d)")
    result = batch_revert(actor, args.target, seconds=int(period.total_seconds()), note=args.note)
    for label, titles in (("되돌림", result.reverted), ("삭제", result.deleted), ("건너뜀", result.skipped)):
        for title in titles:
            print(f"{label}\t{title}")
    return 0


def _login_history(args, actor) -> int:
    from seedwiki.governance.logins import login_history

    _user, records = login_history(actor, args.username)
    for record in records:
        print(f"{record.created_at.isoformat(timespec='seconds')}\t{record.ip or '-'}\t{record.user_agent}")
    return 0


def _hide_revision(args, actor) -> int:
    from seedwiki.governance.hiding import find_revision, set_hidden

    set_hidden(actor, find_revision(args.title, args.rev), not args.show)
    print(f"{args.title} r{args.rev}: {'숨김 해제' if args.show else '숨김'}")
    return 0
