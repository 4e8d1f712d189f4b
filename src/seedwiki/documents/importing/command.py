"""`seedwiki import`: its arguments and its console output (the work is in run.py)."""
from __future__ import annotations

from pathlib import Path


def add_arguments(imp) -> None:
    imp.add_argument("dump", help="나무위키 덤프 파일 (UTF-8 JSON 배열)")
    imp.add_argument("--batch", type=int, default=1000, help="한 트랜잭션에 넣을 문서 수 (기본: 1000)")
    imp.add_argument("--limit", type=int, default=0, help="처음 N건만")
    imp.add_argument("--author", default="import", help="역사에 기록할 작성자 이름 (기본: import)")
    imp.add_argument("--summary", default="덤프에서 가져옴", help="역사에 기록할 편집 요약")
    imp.add_argument("--jobs", type=int, default=None,
                     help="문법 분석 프로세스 수 (기본: CPU 수, 최대 4; 1이면 분석을 이 프로세스에서)")
    imp.add_argument("--defer-derive", action="store_true",
                     help="문서와 리비전만 저장하고 링크 표·검색 색인은 나중에 `seedwiki rebuild`로 만듭니다")
    imp.add_argument("--again", action="store_true", help="이미 끝까지 가져온 덤프를 다시 가져옵니다")
    imp.add_argument("--indexes-after", choices=("auto", "yes", "no"), default="auto",
                     help="링크 표·검색의 보조 색인을 다 넣은 뒤에 만듭니다 (auto: 덤프가 크고 위키가 작을 때)")
    imp.add_argument("--quiet", action="store_true", help="진행 막대를 보이지 않습니다")


def cmd_import(args, console) -> int:
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from seedwiki.documents.importing.run import ImportOptions, run_import
    from seedwiki.documents.importing.writer import WriteOptions
    from seedwiki.jsonstream import DumpFormatError

    path = Path(args.dump)
    if not path.is_file():
        console.print(f"[red]파일이 없습니다: {path}[/]")
        return 2
    options = ImportOptions(batch=max(1, args.batch), limit=args.limit, jobs=args.jobs, again=args.again, indexes_after=args.indexes_after,
                            write=WriteOptions(args.author, args.summary, derive=not args.defer_derive))
    try:
        with Progress(TextColumn("[bold]가져오는 중"), BarColumn(), TaskProgressColumn(),
                      TextColumn("{task.fields[docs]}건"), TimeElapsedColumn(), console=console,
                      disable=args.quiet) as bar:
            task = bar.add_task("import", total=path.stat().st_size, docs=0)
            outcome = run_import(path, options,
                                 progress=lambda done, docs: bar.update(task, completed=done, docs=docs))
    except DumpFormatError as error:
        console.print(f"[red]{error}[/]")
        return 1
    run = outcome.run
    if outcome.already_done:
        console.print(f"이미 가져온 덤프입니다 ({run.finished_at:%Y-%m-%d %H:%M}, 새 문서 {run.created}). "
                      "다시 가져오려면 --again")
        return 0
    if outcome.resumed_from:
        console.print(f"앞서 멈춘 가져오기를 이어서 했습니다: 덤프의 {outcome.resumed_from}번째 항목부터")
    rate = outcome.written_now / outcome.seconds if outcome.seconds > 0 else 0.0
    console.print(f"새 문서 {run.created}, 갱신 {run.updated}, 같음 {run.unchanged}, 건너뜀 {run.skipped} "
                  f"— {outcome.seconds:.1f}초, {rate:.0f}문서/초")
    for message in outcome.errors[:20]:
        console.print(f"[yellow]{message}[/]")
    if args.defer_derive:
        console.print("[bold]링크 표와 검색 색인은 아직 없습니다: `seedwiki rebuild`를 실행하세요.[/]")
    return 0
