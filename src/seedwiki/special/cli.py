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
        from seedwiki.documents.link_counts import ensure_triggers

        if ensure_triggers():
            console.print("역링크 수 트리거를 다시 만들고 수를 다시 셌습니다.")
        rebuild_special_lists(names)
    for name in names:
        refresh = last_refresh(name)
        if refresh is None:
            console.print(f"{name}: 아직 계산되지 않았습니다 (`seedwiki specials --rebuild`)")
        else:
            console.print(f"{name}: {refresh.rows}행, 마지막 갱신 {refresh.refreshed_at:%Y-%m-%d %H:%M:%S} UTC "
                          f"({refresh.seconds:.1f}초 걸림)")
    return 0


# A dump this large is imported with the link-count triggers off and the counts refilled at the end.
BULK_DUMP_BYTES = 50 * 1024 * 1024


def bulk_load(command):
    """`seedwiki import` and `seedwiki rebuild` wrapped: link counts kept in one pass rather than by
    the per-row triggers when much is written (documents/link_counts.suspended), and after a
    rebuild the stored special lists recomputed so they match what was derived."""
    from functools import wraps

    @wraps(command)
    def run(args) -> int:
        from contextlib import nullcontext
        from pathlib import Path

        from seedwiki.cli import _console, _setup_django

        _setup_django()
        from seedwiki.documents import link_counts
        from seedwiki.special.stored_lists import rebuild_special_lists

        dump = Path(getattr(args, "dump", "") or "")
        bulk = args.command == "rebuild" or (dump.is_file() and dump.stat().st_size >= BULK_DUMP_BYTES)
        if not bulk:
            link_counts.ensure_triggers()
        with link_counts.suspended() if bulk else nullcontext():
            code = command(args)
        # An import rebuilds them itself before it marks its run done (documents.signals.import_finishing).
        if code == 0 and args.command != "import" and not getattr(args, "defer_derive", False):
            stored = rebuild_special_lists()
            _console().print("특수 문서 목록을 다시 계산했습니다: "
                             + ", ".join(f"{name} {rows}행" for name, rows in stored.items()))
        return code

    return run
