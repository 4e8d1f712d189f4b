"""`seedwiki rebuild --queue`: the rebuild as `rebuild` jobs, one per range of document ids.

Each job walks its range in batches; a batch's link rows, search rows and render stamps commit
with the job's progress (the last id done), so a killed runner's successor goes on from there and
a batch is never half done. Several runners (Celery workers) take different ranges at once. The
wiki stays live meanwhile: a page saved after its batch was read is left as its save derived it.
"""
from __future__ import annotations

from django.db import transaction

from seedwiki.jobs.registry import job

KIND = "rebuild"


def enqueue_rebuild(*, batch: int = 200, part: int = 10_000) -> list[int]:
    """One job per ``part`` documents (in id order); their ids. A range already waiting is not added twice."""
    from seedwiki.documents.models import Document
    from seedwiki.jobs.enqueue import enqueue

    ids = list(Document.objects.order_by("id").values_list("id", flat=True))
    part, batch = max(1, part), max(1, batch)
    with transaction.atomic():
        return [enqueue(KIND, {"first": chunk[0], "last": chunk[-1], "total": len(chunk), "batch": batch},
                        key=f"rebuild:{chunk[0]}-{chunk[-1]}")
                for chunk in (ids[start:start + part] for start in range(0, len(ids), part))]


@job(KIND)
def rebuild_job(args: dict, step) -> None:
    from django.core.cache import cache

    from seedwiki.documents.models import Document
    from seedwiki.documents.services import rebuild

    after, done = step.progress.get("after", args["first"] - 1), step.progress.get("done", 0)
    while True:
        ids = list(Document.objects.filter(id__gt=after, id__lte=args["last"]).order_by("id")
                   .values_list("id", flat=True)[:args.get("batch", 200)])
        if not ids:
            break
        documents, texts = rebuild.load_batch(ids)
        analyses = rebuild.analyse_here(documents, texts)  # outside the transaction: the slow part
        with transaction.atomic():
            latest = dict(Document.objects.select_for_update().filter(id__in=ids).values_list("id", "latest_id"))
            keep = [n for n, d in enumerate(documents) if latest.get(d.pk, -1) == d.latest_id]
            rebuild.write_batch([documents[n] for n in keep], [texts[n] for n in keep], [analyses[n] for n in keep],
                                restamp=True)
            after, done = ids[-1], done + len(ids)
            step.checkpoint({"after": after, "done": done, "total": args["total"]})
    cache.clear()  # as the command does: nothing cached from before the rebuild is served
    _after_the_last_range(step.job.pk)


def _after_the_last_range(job_id: int) -> None:
    """The stored special lists follow the rebuilt link rows: the last range to finish recomputes
    them, as the command does at its end. Two ranges ending at the same moment may each see the
    other unfinished: the refresh that a change of link rows asks for (within
    SEEDWIKI_SPECIAL_LISTS_EVERY) covers that case."""
    from seedwiki.documents.services.derive import announce_links_changed
    from seedwiki.jobs.models import Job

    with transaction.atomic():
        announce_links_changed()
    unfinished = Job.objects.filter(kind=KIND, state__in=[Job.State.PENDING, Job.State.RUNNING]).exclude(id=job_id)
    if not unfinished.exists():
        from seedwiki.special.stored_lists import rebuild_special_lists

        rebuild_special_lists()
