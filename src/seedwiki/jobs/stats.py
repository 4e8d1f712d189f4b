"""What the jobs page and `seedwiki jobs` show: counts by state, the oldest waiting job, recent
jobs with their durations, failures, and how long fan-outs took to reach every page."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Min
from django.utils import timezone

from seedwiki.jobs.models import Job

State = Job.State


@dataclass
class Overview:
    counts: dict[str, int]
    oldest_pending_age: float | None  # seconds
    recent: list[Job] = field(default_factory=list)
    failures: list[Job] = field(default_factory=list)
    fanouts: list[Job] = field(default_factory=list)

    @property
    def slowest_fanout(self) -> float | None:
        latencies = [job.latency.total_seconds() for job in self.fanouts if job.latency is not None]
        return max(latencies) if latencies else None


def overview(recent: int = 30) -> Overview:
    counts = {state.value: 0 for state in State}
    for row in Job.objects.values("state").annotate(n=Count("id")):
        counts[row["state"]] = row["n"]
    oldest = Job.objects.filter(state=State.PENDING).aggregate(at=Min("created_at"))["at"]
    age = (timezone.now() - oldest).total_seconds() if oldest else None
    return Overview(
        counts=counts, oldest_pending_age=age,
        recent=list(Job.objects.order_by("-id")[:recent]),
        failures=list(Job.objects.filter(state=State.FAILED).order_by("-finished_at")[:10]),
        fanouts=list(Job.objects.filter(kind="fanout", state=State.DONE).order_by("-finished_at")[:10]),
    )


def last_error_line(job: Job) -> str:
    lines = [line for line in (job.last_error or "").strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def _seconds(delta) -> float | None:
    return delta.total_seconds() if delta is not None else None


def progress_of(job: Job) -> dict:
    """How far a job got, from what its task checkpoints: ``done`` of ``total`` (a rebuild's
    documents, an import's bytes) and a percentage, or the pages a fan-out re-stamped."""
    progress = job.progress if isinstance(job.progress, dict) else {}
    done, total = progress.get("done"), progress.get("total")
    if isinstance(done, int) and isinstance(total, int) and total > 0:
        return {"done": done, "total": total, "percent": min(100, 100 * done // total), "docs": progress.get("docs")}
    return {"bumped": progress.get("bumped")} if progress.get("bumped") is not None else {}


def job_row(job: Job) -> dict:
    """One job as the page and `seedwiki jobs --json` show it (durations in seconds)."""
    progress = job.progress if isinstance(job.progress, dict) else {}
    return {"id": job.pk, "kind": job.kind, "state": job.state, "attempts": job.attempts,
            "max_attempts": job.max_attempts, "created_at": job.created_at.isoformat(),
            "duration": _seconds(job.duration), "latency": _seconds(job.latency),
            "bumped": progress.get("bumped"), "progress": progress_of(job), "error": last_error_line(job)}


def as_dict(info: Overview) -> dict:
    return {"counts": info.counts, "oldest_pending_age": info.oldest_pending_age,
            "recent": [job_row(job) for job in info.recent], "fanouts": [job_row(job) for job in info.fanouts]}
