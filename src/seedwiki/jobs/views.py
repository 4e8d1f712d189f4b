"""/admin/jobs: the job queue for administrators (the `admin` permission, as the other operator
pages under governance; everyone else gets 403 with the reason)."""
from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from seedwiki.governance.actors import require
from seedwiki.governance.views.common import actor, handles_refused
from seedwiki.jobs import stats


@require_http_methods(["GET", "HEAD"])
@handles_refused
def jobs_page(request):
    require(actor(request), "admin")
    info = stats.overview()
    rows = [{"job": job, **stats.job_row(job)} for job in info.recent]
    fanouts = [{"job": job, **stats.job_row(job)} for job in info.fanouts]
    return render(request, "jobs/jobs.html", {"info": info, "rows": rows, "fanouts": fanouts})
