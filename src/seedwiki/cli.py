"""The `seedwiki` command: init, serve, edit, import, rebuild, createsuperuser, render, and the
commands the apps bring (check: documents/cli_check.py, acl, apitoken, governance's grant …).

Django is set up lazily so that `seedwiki render` works without a database.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from seedwiki.api import cli as api_cli
from seedwiki.documents import cli_check
from seedwiki.special import cli as special_cli
from seedwiki.jobs import cli as jobs_cli

CONTENT_DIR = Path(__file__).resolve().parent / "content"

def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
    import django

    django.setup()


def _console():
    from rich.console import Console

    return Console(stderr=True)


# --- init ---------------------------------------------------------------------------------------

def seed_pages() -> dict[str, str]:
    """Title → text of the pages `init` creates (our own words, in content/*.namu)."""
    from django.conf import settings

    site = settings.SITE_NAME
    pages = {}
    for path in sorted(CONTENT_DIR.glob("*.namu")):
        first, _, body = path.read_text(encoding="utf-8").partition("\n")
        # The first line names the page: "title: 대문" (with {site} for the project namespace).
        if not first.startswith("title:"):
            continue
        title = first[len("title:"):].strip().format(site=site, front=settings.FRONT_PAGE)
        pages[title] = body.replace("{site}", site)
    return pages


def cmd_init(args) -> int:
    _setup_django()
    from django.core.management import call_command

    from seedwiki.documents.models import Document
    from seedwiki.documents.services import edit_page
    from seedwiki.titles import parse_title

    call_command("migrate", interactive=False, verbosity=0)
    console = _console()
    for title, text in seed_pages().items():
        ns, name = parse_title(title)
        if Document.objects.filter(namespace=ns, title=name).exists():
            console.print(f"[dim]있음[/] {title}")
            continue
        edit_page(title, text, author_name="seedwiki", summary="seedwiki init")
        console.print(f"[green]만듦[/] {title}")
    console.print(f"데이터 폴더: {os.environ.get('SEEDWIKI_DATA', './data')}")
    return 0


# --- serve --------------------------------------------------------------------------------------

def cmd_serve(args) -> int:
    _setup_django()
    import uvicorn
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(jobs_cli.start_for_serve(args), file=sys.stderr, flush=True)
    # WSGI under uvicorn through a2wsgi: see seedwiki/serving.py for why not Django's ASGI handler.
    uvicorn.run("seedwiki.serving:application", host=args.host, port=args.port, workers=args.workers,
                log_level=args.log_level, proxy_headers=False)
    return 0


# --- edit ---------------------------------------------------------------------------------------

def parse_at(value: str) -> dt.datetime:
    """'YYYY-MM-DD HH:MM[:SS]' read in SEEDWIKI_TIME_ZONE."""
    from zoneinfo import ZoneInfo

    from django.conf import settings

    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            naive = dt.datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
        return naive.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    raise ValueError(f"시각 형식이 올바르지 않습니다: {value!r} (YYYY-MM-DD HH:MM:SS)")


def cmd_edit(args) -> int:
    _setup_django()
    from django.contrib.auth import get_user_model

    from seedwiki.documents.services import EditError, TitleError, edit_page

    console = _console()
    if args.file in (None, "-"):
        text = sys.stdin.read()
    else:
        text = Path(args.file).read_text(encoding="utf-8")
    try:
        at = parse_at(args.at) if args.at else None
    except ValueError as error:
        console.print(f"[red]{error}[/]")
        return 2
    user = None
    if args.author:
        user = get_user_model().objects.filter(username=args.author).first()
    try:
        result = edit_page(args.title, text, user=user, author_name=args.author or "script",
                           summary=args.summary or "", at=at)
    except (EditError, TitleError) as error:
        console.print(f"[red]{error}[/]")
        return 1
    console.print(f"{result.document.full_title} r{result.revision.number} ({result.revision.kind})")
    return 0


# --- import -------------------------------------------------------------------------------------

def cmd_import(args) -> int:
    """The dump import lives in documents/importing/ (resumable, bulk writes)."""
    _setup_django()
    if args.queue:
        from seedwiki.jobs.import_job import enqueue_import

        return enqueue_import(args, _console())
    from seedwiki.documents.importing.command import cmd_import as run

    return run(args, _console())


# --- rebuild ------------------------------------------------------------------------------------

def cmd_rebuild(args) -> int:
    """Re-derive link rows, redirect flags and the search index from revisions; clear caches.

    ``--queue``: as `rebuild` jobs instead, one per range of documents (seedwiki/jobs/rebuild_job.py)."""
    _setup_django()
    console = _console()
    if args.queue:
        from seedwiki.jobs.rebuild_job import enqueue_rebuild

        ids = enqueue_rebuild(batch=args.batch, part=args.part)
        console.print(f"다시 계산 작업 {len(ids)}개를 대기열에 넣었습니다 (ID {', '.join(map(str, ids)) or '-'}). "
                      "진행: `seedwiki jobs`, /admin/jobs")
        return 0
    from seedwiki.documents.importing.workers import default_jobs, start_pool, map_in
    from seedwiki.documents.models import Document
    from seedwiki.documents.services import rebuild
    from seedwiki.documents.services.derive import analyse_for_import_with_links as analyse_for_import

    jobs = args.jobs if args.jobs is not None else default_jobs()
    pool = start_pool(jobs)
    started = time.perf_counter()
    ids = list(Document.objects.order_by("id").values_list("id", flat=True))
    done = 0

    def load(chunk):
        documents, texts = rebuild.load_batch(chunk)
        if pool is None:
            return documents, texts, None
        return documents, texts, map_in(pool, analyse_for_import, [(t, d.full_title) for d, t in zip(documents, texts)],
                                        jobs)

    def write(pending) -> int:
        documents, texts, analyses = pending
        analyses = list(analyses) if analyses is not None else [None] * len(documents)
        return rebuild.write_batch(documents, texts, analyses)

    try:
        pending = None
        for start in range(0, len(ids), args.batch):
            loaded = load(ids[start:start + args.batch])
            if pending is not None:
                done += write(pending)
            pending = loaded
        if pending is not None:
            done += write(pending)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    rebuild.restamp_all_and_clear_cache()
    elapsed = time.perf_counter() - started
    console.print(f"{done}개 문서를 다시 계산했습니다 ({elapsed:.1f}초, {done / elapsed if elapsed else 0:.0f}문서/초).")
    return 0


# --- delegated ----------------------------------------------------------------------------------

def cmd_createsuperuser(args) -> int:
    _setup_django()
    from django.core.management import call_command

    options = {}
    if args.username:
        options["username"] = args.username
    if args.email is not None:
        options["email"] = args.email
    if args.noinput:
        options["interactive"] = False
    from django.core.management.base import CommandError

    try:
        call_command("createsuperuser", **options)
    except CommandError as error:
        # e.g. --noinput without --username: a message, not a traceback
        hint = " (--noinput: --username과 환경 변수 DJANGO_SUPERUSER_PASSWORD가 필요합니다)" if args.noinput else ""
        print(f"seedwiki createsuperuser: {error}{hint}", file=sys.stderr)
        return 2
    return 0


def cmd_render(args, extra: list[str]) -> int:
    from namumark.cli import main as namumark_main

    return namumark_main(["render", *extra], prog="seedwiki") or 0


# --- argument parsing ---------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="seedwiki", description="seedwiki: NamuMark wiki")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("init", help="데이터베이스를 만들고 대문과 도움말 문서를 넣습니다")

    serve = sub.add_parser("serve", help="웹 서버를 실행합니다 (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1", help="들을 주소 (기본: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="들을 포트 (기본: 8000)")
    serve.add_argument("--workers", type=int, default=int(os.environ.get("SEEDWIKI_WORKERS", "1")),
                       help="작업 프로세스 수 (기본: SEEDWIKI_WORKERS 또는 1)")
    serve.add_argument("--log-level", default="info", help="로그 수준: critical, error, warning, info, debug (기본: info)")
    jobs_cli.add_serve_arguments(serve)

    edit = sub.add_parser("edit", help="문서 하나를 편집합니다 (스크립트용)")
    edit.add_argument("title", help="편집할 문서 제목 (예: '대문', '틀:안내')")
    edit.add_argument("--file", "-f", default="-", help="내용 파일 (기본: 표준 입력)")
    edit.add_argument("--summary", "-m", default="", help="편집 요약")
    edit.add_argument("--author", default=None, help="사용자 이름 (계정이 있으면 그 계정으로)")
    edit.add_argument("--at", default=None, help="편집 시각 'YYYY-MM-DD HH:MM:SS' (SEEDWIKI_TIME_ZONE 기준)")

    from seedwiki.documents.importing import command as import_command

    import_parser = sub.add_parser("import", help="나무위키 덤프(JSON 배열)를 가져옵니다")
    import_command.add_arguments(import_parser)
    import_parser.add_argument("--queue", action="store_true",
                               help="지금 하지 않고 작업 대기열에 넣습니다 (serve 또는 worker가 실행; 멈추면 이어서 합니다)")

    rebuild = sub.add_parser("rebuild", help="링크 표, 검색 색인, 캐시를 리비전에서 다시 만듭니다")
    rebuild.add_argument("--batch", type=int, default=200, help="한 번에 다시 계산할 문서 수 (기본: 200)")
    rebuild.add_argument("--jobs", type=int, default=None, help="문법 분석 프로세스 수 (기본: CPU 수, 최대 4)")
    rebuild.add_argument("--queue", action="store_true",
                         help="지금 하지 않고 작업 대기열에 넣습니다 (serve 또는 worker가 나누어 실행; /admin/jobs에서 진행 확인)")
    rebuild.add_argument("--part", type=int, default=10000,
                         help="--queue: 작업 하나가 맡을 문서 수 (기본: 10000)")

    from seedwiki.governance import cli as governance_cli  # grant, aclgroup, batch_revert, login_history, hide_revision

    governance_cli.add_arguments(sub)

    su = sub.add_parser("createsuperuser", help="관리자 계정을 만듭니다")
    su.add_argument("--username", help="계정 이름")
    su.add_argument("--email", help="전자우편 주소")
    su.add_argument("--noinput", action="store_true",
                    help="묻지 않고 만듭니다 (--username과 DJANGO_SUPERUSER_PASSWORD 환경 변수 필요)")

    sub.add_parser("render", help="나무마크 파일을 렌더링합니다 (namumark.cli)", add_help=False)
    cli_check.add_parser(sub)
    from seedwiki.permissions import cli_acl

    cli_acl.add_arguments(sub)
    api_cli.add_parser(sub)
    special_cli.add_parser(sub)
    jobs_cli.add_arguments(sub)  # jobs, worker
    return parser


def cmd_acl(args) -> int:
    _setup_django()
    from seedwiki.permissions import cli_acl

    return cli_acl.run(args)


def cmd_apitoken(args) -> int:
    _setup_django()
    return api_cli.cmd_apitoken(args)


def _now_or_queued(command):
    """`import` and `rebuild` done now go through the bulk-load wrapper; with --queue they only add jobs
    (which keep link counts and the stored lists right themselves)."""
    bulk = special_cli.bulk_load(command)
    return lambda args: command(args) if getattr(args, "queue", False) else bulk(args)


COMMANDS = {"init": cmd_init, "serve": cmd_serve, "edit": cmd_edit, "import": _now_or_queued(cmd_import),
            "rebuild": _now_or_queued(cmd_rebuild), "createsuperuser": cmd_createsuperuser,
            "check": cli_check.cmd_check, "acl": cmd_acl, "apitoken": cmd_apitoken, "specials": special_cli.cmd_specials}


def _governance_commands() -> tuple[str, ...]:
    from seedwiki.governance.cli import COMMANDS as governance

    return governance


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "render":
        return cmd_render(None, argv[1:])
    if argv and argv[0] == "grant" and not {"-h", "--help"} & set(argv):
        _setup_django()
        from seedwiki.governance import cli as governance_cli

        return governance_cli.run_grant(argv[1:])
    args = build_parser().parse_args(argv)
    if args.command in _governance_commands():
        _setup_django()
        from seedwiki.governance import cli as governance_cli

        return governance_cli.run(args)
    if args.command in jobs_cli.COMMANDS:
        _setup_django()
        return jobs_cli.run(args)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
