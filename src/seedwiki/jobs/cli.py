"""`seedwiki jobs` (look, retry, drain once) and `seedwiki worker` (run jobs), and the runner that
`seedwiki serve` starts unless `--no-jobs`."""
from __future__ import annotations

import json
import os

COMMANDS = ("jobs", "worker")


def add_arguments(sub) -> None:
    jobs = sub.add_parser("jobs", help="작업 대기열을 봅니다 (상태별 개수, 최근 실패; 재시도, 한 번 처리)")
    jobs.add_argument("--retry", type=int, metavar="ID", help="실패한 작업 ID를 다시 대기시킵니다")
    jobs.add_argument("--run-pending", action="store_true", help="지금 실행할 수 있는 작업을 모두 처리하고 끝냅니다")
    jobs.add_argument("--recent", type=int, default=10, help="보일 최근 작업 수 (기본: 10)")
    jobs.add_argument("--json", action="store_true", help="JSON으로 출력합니다 (스크립트와 벤치마크용)")
    worker = sub.add_parser("worker", help="작업 실행기를 띄웁니다 (SEEDWIKI_BROKER_URL이 있으면 Celery 작업자)")
    worker.add_argument("--concurrency", type=int, default=int(os.environ.get("SEEDWIKI_JOB_CONCURRENCY", "2")),
                        help="Celery 작업 프로세스 수 (기본: SEEDWIKI_JOB_CONCURRENCY 또는 2)")
    worker.add_argument("--log-level", default="info", help="로그 수준 (기본: info)")


def add_serve_arguments(serve) -> None:
    serve.add_argument("--no-jobs", action="store_true",
                       help="이 서버에서 작업을 실행하지 않습니다 (`seedwiki worker`가 따로 있을 때)")


def start_for_serve(args) -> str:
    """Start the database runner thread for `seedwiki serve`; returns what was decided (logged)."""
    from seedwiki.jobs import conf

    if getattr(args, "no_jobs", False):
        return "jobs: off (--no-jobs)"
    if conf.broker_url():
        return "jobs: sent to the broker; run `seedwiki worker`"
    from seedwiki.jobs.runner import start_thread

    start_thread()
    return "jobs: run by this server"


def run(args) -> int:
    return cmd_jobs(args) if args.command == "jobs" else cmd_worker(args)


def cmd_jobs(args) -> int:
    from seedwiki.jobs import core, stats

    if args.retry is not None:
        if not core.retry(args.retry):
            print(f"작업 {args.retry}: 없거나 실패/대기 상태가 아닙니다")
            return 1
        print(f"작업 {args.retry}: 다시 대기합니다")
    if args.run_pending:
        print(f"처리한 작업: {core.drain()}")
    info = stats.overview(recent=args.recent)
    if args.json:
        print(json.dumps(stats.as_dict(info), ensure_ascii=False))
        return 0
    print("  ".join(f"{state}: {n}" for state, n in info.counts.items()))
    if info.oldest_pending_age is not None:
        print(f"가장 오래 기다린 작업: {info.oldest_pending_age:.1f}초")
    for job in info.recent:
        took = f"{job.duration.total_seconds():.3f}s" if job.duration else "-"
        print(f"#{job.pk} {job.kind} {job.state} attempts={job.attempts} took={took} progress={_short(job)}")
    if info.failures:
        print("최근 실패:")
        for job in info.failures:
            print(f"  #{job.pk} {job.kind} attempts={job.attempts}: {stats.last_error_line(job)}")
    return 0


def _short(job) -> str:
    from seedwiki.jobs.stats import progress_of

    shown = progress_of(job)
    if "total" in shown:
        return f"{shown['done']}/{shown['total']} ({shown['percent']}%)"
    return str(shown.get("bumped", "-"))


def cmd_worker(args) -> int:
    from django.conf import settings

    from seedwiki.jobs import conf

    if not conf.broker_url():
        from seedwiki.jobs.runner import run_forever

        print("seedwiki worker: SEEDWIKI_BROKER_URL 없음 — 데이터베이스에서 작업을 가져와 실행합니다", flush=True)
        run_forever()
        return 0
    from seedwiki.jobs.celery_app import app, worker_argv

    schedule = str(settings.DATA_DIR / f"celerybeat-{conf.queue_name()}")
    app.worker_main(worker_argv(args.concurrency, args.log_level, schedule))
    return 0
