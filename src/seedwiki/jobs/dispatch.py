"""Telling a runner that a job is due: Celery when a broker is configured, else the in-process
runner (`seedwiki serve`), or at once in this process in eager mode."""
from __future__ import annotations

import logging

from seedwiki.jobs import conf

log = logging.getLogger(__name__)


def dispatch(job_id: int, delay: float = 0.0) -> None:
    if conf.eager():
        if delay <= 0:
            from seedwiki.jobs.core import run_by_id

            run_by_id(job_id)
        return  # a retry with a delay waits for a drain, as without a runner
    if conf.broker_url():
        try:
            from seedwiki.jobs.celery_app import send

            send(job_id, delay)
        except Exception:  # the broker is down: the row stays pending and the sweep sends it again
            log.warning("job %s: could not reach the broker; the sweep will send it", job_id, exc_info=True)
        return
    from seedwiki.jobs.runner import wake

    wake()
