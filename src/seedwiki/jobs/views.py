"""/admin/jobs: the job queue for its operators, and the retry button (a POST with the CSRF token).

Who may: can(subject, "manage_jobs") — holders of `manage_jobs` or `admin` (permissions/names.py);
everyone else gets 403 with the reason."""
from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from seedwiki.governance.errors import NotAllowed
from seedwiki.governance.views.common import actor, handles_refused
from seedwiki.jobs import core, stats
from seedwiki.jobs.labels import kind_label, state_label
from seedwiki.permissions.decide import can


def _require_manager(request) -> None:
    decision = can(actor(request), "manage_jobs")
    if not decision:
        raise NotAllowed(decision.message)


def _row(job) -> dict:
    return {"job": job, "kind_label": kind_label(job.kind), "state_label": state_label(job.state),
            "retryable": job.state == job.State.FAILED or (job.state == job.State.PENDING and job.attempts > 0),
            **stats.job_row(job)}


@require_http_methods(["GET", "HEAD"])
@handles_refused
def jobs_page(request):
    _require_manager(request)
    info = stats.overview()
    notice = _notice(request.GET)
    return render(request, "jobs/jobs.html", {
        "info": info, "rows": [_row(job) for job in info.recent], "fanouts": [_row(job) for job in info.fanouts],
        "failures": [_row(job) for job in info.failures], "notice": notice})


@require_POST
@handles_refused
def retry_job(request, job_id: int):
    _require_manager(request)
    outcome = "retried" if core.retry(job_id) else "unchanged"
    return redirect(f"{reverse('admin_jobs')}?{outcome}={job_id}")


def _notice(query) -> tuple[str, int] | None:
    for outcome in ("retried", "unchanged"):
        value = query.get(outcome, "")
        if value.isascii() and value.isdigit() and len(value) < 19:
            return outcome, int(value)
    return None
