"""The stored special lists (Needed, Orphaned, Uncategorized) kept fresh by a job.

Each save that changes link rows asks for a refresh SEEDWIKI_SPECIAL_LISTS_EVERY seconds later
(default 600; 0 turns it off). The job has a fixed key, so while one is waiting every further save
joins it: at most one rebuild per period however busy the wiki is, and a quiet wiki rebuilds only
after it changed. The pages show the time of the last rebuild.
"""
from __future__ import annotations

import os

from seedwiki.jobs.registry import job

KIND = "special_lists"


def refresh_delay() -> float:
    return float(os.environ.get("SEEDWIKI_SPECIAL_LISTS_EVERY", "600"))


def schedule_refresh() -> int | None:
    """Inside the saving transaction: make sure a rebuild is due within one period."""
    delay = refresh_delay()
    if delay <= 0:
        return None
    from seedwiki.jobs.enqueue import enqueue

    return enqueue(KIND, key="special-lists", delay=delay, max_attempts=3)


def on_links_changed(sender, **kwargs) -> None:
    """Receiver of documents.signals.links_changed."""
    schedule_refresh()


def on_import_finishing(sender, **kwargs) -> None:
    """Receiver of documents.signals.import_finishing: the lists match what was loaded."""
    from seedwiki.special.stored_lists import rebuild_special_lists

    rebuild_special_lists()


@job(KIND)
def refresh_lists_job(args: dict, step) -> None:
    from seedwiki.special.stored_lists import rebuild_special_lists

    step.checkpoint({"rows": rebuild_special_lists()})
