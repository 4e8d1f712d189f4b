"""One search, bounded: title matches first (from the title index), then pages whose text matches,
collected in id order only as far as the page asked for needs (search/bounded.py).

The ranked list a reader can page through is capped at MAX_RESULTS (a bounded offset): namu.wiki's
readers look at the first pages, and no page number makes a search scan more. The total is exact
when the scan covered the whole index, else an estimate shown as "약 N건".
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import bounded
from .backends import RawHit, get_backend

# The most results a search ranks and lets the reader page through.
MAX_RESULTS = 1000
# Matches collected at the least, even for page 1, so an estimated total rests on a fair sample.
SAMPLE = 60


@dataclass
class Found:
    total: int = 0
    approximate: bool = False  # total is an estimate (the scan stopped early)
    at_least: bool = False  # total is a lower bound: more titles match than are ranked
    timed_out: bool = False  # the time budget ran out: the results are partial
    rows: list[RawHit] = field(default_factory=list)
    reachable: int = 0  # results a reader can page to (the ranked list is capped at MAX_RESULTS)


def round_estimate(n: int) -> int:
    """Two significant digits: an estimate claims no more precision than it has."""
    if n < 100:
        return n
    scale = 10 ** (len(str(n)) - 2)
    return round(n / scale) * scale


def find(terms: list[str], target: str, namespace: str | None, limit: int, offset: int,
         within: list[str] | None = None, budget: float | None = None) -> Found:
    backend = get_backend()
    offset = max(0, min(offset, MAX_RESULTS - limit))
    # The whole ranked title list (it is bounded), so every page is cut from the same order.
    title_ids = backend.title_ranked(terms, namespace, within, MAX_RESULTS) if target != "content" else []
    found = Found()
    if target == "title":
        ranked = title_ids
        found.total = len(ranked)
        found.at_least = len(ranked) >= MAX_RESULTS
    else:
        # Text matches in index order, past the listed titles: as many as this page needs.
        need = max(SAMPLE, offset + limit - len(title_ids))
        collected = backend.collect(terms, target, namespace, within, need, set(title_ids),
                                    bounded.TIME_BUDGET if budget is None else budget)
        ranked = title_ids + collected.ids
        found.timed_out = collected.timed_out
        if collected.complete or collected.timed_out:
            found.total = len(ranked)
        else:
            found.total = round_estimate(len(title_ids) + collected.estimated_total())
        found.approximate = not collected.complete
    found.reachable = min(len(ranked) if found.timed_out else found.total, MAX_RESULTS)
    found.rows = backend.fetch(ranked[offset:offset + limit])
    return found
