"""/admin/jobs: the job queue for administrators (the `admin` permission, as the other operator
pages under governance; everyone else gets 403 with the reason)."""
from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from seedwiki.governance.actors import require
from seedwiki.governance.views.common import actor, handles_refused
from seedwiki.jobs import stats


def _seconds(delta) -> float | None:
    return delta.total_seconds() if delta is not None else None


@require_http_methods(["GET", "HEAD"])
@handles_refused
def jobs_page(request):
    require(actor(request), "admin")
    info = stats.overview()
    rows = [{"job": job, "duration": _seconds(job.duration), "latency": _seconds(job.latency),
             "bumped": (job.progress or {}).get("bumped"), "error": stats.last_error_line(job)}
            for job in info.recent]
    fanouts = [{"job": job, "latency": _seconds(job.latency), "bumped": (job.progress or {}).get("bumped")}
               for job in info.fanouts]
    return render(request, "jobs/jobs.html", {"info": info, "rows": rows, "fanouts": fanouts})
