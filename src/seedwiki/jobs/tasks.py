"""The registered tasks (imported by the app's ready(), so every runner knows them)."""
from __future__ import annotations

import time

from django.db import transaction

from seedwiki.jobs import conf, fanout
from seedwiki.jobs import import_job, rebuild_job  # noqa: F401  (register the import and rebuild jobs)
from seedwiki.jobs.registry import job


@job("fanout")
def fanout_job(args: dict, step) -> None:
    """Re-stamp the pages showing args' titles, conf.fanout_chunk() pages per transaction, resting
    conf.fanout_pause() between chunks so that saves are not kept waiting behind it."""
    state = step.progress.get("state") or fanout.initial_state(args.get("appeared_or_gone", ()),
                                                               args.get("changed", ()))
    chunk, pause = conf.fanout_chunk(), conf.fanout_pause()
    while not fanout.finished(state):
        started = time.monotonic()
        with transaction.atomic():
            state = fanout.advance(state, chunk)
            step.checkpoint({"state": state, "bumped": state["bumped"]})
        if pause > 0:
            time.sleep((time.monotonic() - started) * pause)
