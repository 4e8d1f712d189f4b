"""`seedwiki specials [--rebuild] [--list NAME]`: when each stored special list was last rebuilt,
or rebuild them now (the job the queue runs; import and rebuild call it at their end)."""
from __future__ import annotations

# ListEntry's list names (spelt out: the parser is built before Django is set up).
NAMES = ("needed", "orphaned", "uncategorized")


def add_parser(sub) -> None:
    parser = sub.add_parser("specials", help="특수 문서 목록(작성이 필요한·고립된·분류가 되지 않은 문서)을 보거나 다시 계산합니다")
    parser.add_argument("--rebuild", action="store_true", help="목록을 지금 다시 계산합니다")
    parser.add_argument("--list", choices=NAMES, action="append", help="이 목록만 (여러 번 쓸 수 있음)")


def cmd_specials(args) -> int:
    from seedwiki.cli import _console, _setup_django

    _setup_django()
    from seedwiki.special.stored_lists import last_refresh, rebuild_special_lists

    console = _console()
    names = tuple(args.list or NAMES)
    if args.rebuild:
        rebuild_special_lists(names)
    for name in names:
        refresh = last_refresh(name)
        if refresh is None:
            console.print(f"{name}: 아직 계산되지 않았습니다 (`seedwiki specials --rebuild`)")
        else:
            console.print(f"{name}: {refresh.rows}행, 마지막 갱신 {refresh.refreshed_at:%Y-%m-%d %H:%M:%S} UTC "
                          f"({refresh.seconds:.1f}초 걸림)")
    return 0


def rebuild_after_load(console) -> None:
    """The end of `seedwiki import` and `seedwiki rebuild`: the stored lists match what was loaded."""
    from seedwiki.special.stored_lists import rebuild_special_lists

    stored = rebuild_special_lists()
    console.print("특수 문서 목록을 다시 계산했습니다: " + ", ".join(f"{name} {rows}행" for name, rows in stored.items()))
