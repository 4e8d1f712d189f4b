"""`seedwiki import DUMP --queue`: the import as an `import` job that `seedwiki serve` or a worker runs.

The importer records its position with every batch (its run record) and goes on from there when it
is started again with the same dump; the job only calls it, so a job taken again after its runner
was killed resumes the import instead of starting over. ``--again`` applies to the first attempt
only: once a batch is in, a later attempt goes on with that run rather than opening another.
The dump is named by its absolute path: the runner must see the file at that path.
"""
from __future__ import annotations

from pathlib import Path

from seedwiki.jobs.registry import job

KIND = "import"


def enqueue_import(args, console) -> int:
    """Queue the import `seedwiki import` was asked for (its parsed ``args``); the exit status."""
    from seedwiki.jobs.enqueue import enqueue

    path = Path(args.dump).resolve()
    if not path.is_file():
        console.print(f"[red]파일이 없습니다: {path}[/]")
        return 2
    job_args = {"dump": str(path), "batch": max(1, args.batch), "limit": args.limit, "author": args.author,
                "summary": args.summary, "defer_derive": args.defer_derive, "again": args.again,
                "indexes_after": args.indexes_after, "jobs": args.jobs or 1}
    job_id = enqueue(KIND, job_args, key=f"import:{path}:{args.limit}", max_attempts=10)
    console.print(f"가져오기 작업 {job_id}을(를) 대기열에 넣었습니다: {path}. 진행: `seedwiki jobs`, /admin/jobs")
    return 0


@job(KIND)
def import_job(args: dict, step) -> None:
    from seedwiki.documents.importing.run import ImportOptions, run_import
    from seedwiki.documents.importing.writer import WriteOptions

    path = Path(args["dump"])
    total = path.stat().st_size
    # jobs: parser processes forked by the import; 1 (the default here) parses in the runner itself,
    # which is what a runner thread of `seedwiki serve` or a Celery pool process can safely do.
    options = ImportOptions(batch=args["batch"], limit=args["limit"], jobs=args.get("jobs", 1),
                            again=bool(args.get("again")) and not step.progress.get("started"),
                            indexes_after=args.get("indexes_after", "auto"),
                            write=WriteOptions(args["author"], args["summary"], derive=not args.get("defer_derive")))

    def progress(read: int, docs: int) -> None:
        step.checkpoint({"started": True, "done": read, "total": total, "docs": docs})

    with step.kept_alive():  # index builds and ANALYZE run long without a batch
        with _link_counts_for(path):
            outcome = run_import(path, options, progress=progress)
    run = outcome.run  # the import rebuilt the stored special lists before marking its run done
    step.checkpoint({"started": True, "done": total, "total": total, "docs": run.position,
                     "created": run.created, "updated": run.updated, "unchanged": run.unchanged,
                     "skipped": run.skipped, "errors": outcome.errors[:20], "already_done": outcome.already_done})


def _link_counts_for(path: Path):
    """As `seedwiki import` does (special/cli.py bulk_load): a large dump's link counts in one pass
    at the end instead of per row; otherwise the triggers, put back first if a killed bulk load
    left them off."""
    from contextlib import nullcontext

    from seedwiki.documents import link_counts
    from seedwiki.special.cli import BULK_DUMP_BYTES

    if path.stat().st_size >= BULK_DUMP_BYTES:
        return link_counts.suspended()
    link_counts.ensure_triggers()
    return nullcontext()
