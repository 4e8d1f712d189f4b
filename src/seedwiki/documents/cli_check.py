"""`seedwiki check [--repair]`: scan every stored revision text; report (and mark) damaged ones."""
from __future__ import annotations


def add_parser(sub) -> None:
    check = sub.add_parser("check", help="저장된 모든 판의 내용을 읽어 손상된 판을 찾습니다")
    check.add_argument("--repair", action="store_true",
                       help="손상된 판을 표시하여 역사에 보이게 하고 문서는 읽을 수 있는 최신 판을 보여 줍니다")


def cmd_check(args) -> int:
    """Exit 0 when every blob reads (or --repair marked the damaged ones), 1 when damage is left."""
    from seedwiki.cli import _console, _setup_django

    _setup_django()
    from seedwiki.documents.services import integrity

    console = _console()
    report = integrity.scan()
    for item in report.revisions:
        console.print(f"[red]손상[/] {item.full_title} r{item.number} ({item.blob_hash[:12]}…: {item.reason})")
    orphans = set(report.damaged_blobs) - {item.blob_hash for item in report.revisions}
    for hash_ in sorted(orphans):
        console.print(f"[yellow]손상 (판 없음)[/] {hash_[:12]}…: {report.damaged_blobs[hash_]}")
    console.print(f"내용 {report.blobs_checked}개 확인, 손상된 내용 {len(report.damaged_blobs)}개, "
                  f"손상된 판 {len(report.revisions)}개")
    if args.repair:
        marked, unmarked = integrity.repair(report)
        console.print(f"표시함: 손상 {marked}개, 복구되어 표시 해제 {unmarked}개")
        return 0
    if report.revisions:
        console.print("[bold]seedwiki check --repair[/] 로 손상된 판을 표시할 수 있습니다.")
        return 1
    return 0
