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
SAMPLE = 100


@dataclass
class Found:
    total: int = 0
    approximate: bool = False  # total is an estimate (the scan stopped early)
    timed_out: bool = False  # the time budget ran out: the results are partial
    rows: list[RawHit] = field(default_factory=list)
    reachable: int = 0  # results a reader can page to: min(total, MAX_RESULTS), or those found


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
    want = offset + limit
    title_ids = backend.title_ranked(terms, namespace, within, want) if target != "content" else []
    first_id, last_id = backend.bounds()
    collected = bounded.collect(
        lambda low, high: backend.matching_ids(terms, target, namespace, within, low, high),
        first_id, last_id, want=max(SAMPLE, want + len(title_ids)),
        budget=bounded.TIME_BUDGET if budget is None else budget)
    seen = set(title_ids)
    ranked = title_ids + [i for i in collected.ids if i not in seen]
    found = Found(timed_out=collected.timed_out)
    if collected.complete:
        found.total = len(ranked)
    elif collected.timed_out:
        found.total, found.approximate = len(ranked), True
    else:
        found.total = max(len(ranked), round_estimate(collected.estimated_total()))
        found.approximate = True
    found.reachable = min(len(ranked) if collected.timed_out else found.total, MAX_RESULTS)
    found.rows = backend.fetch(ranked[offset:offset + limit])
    return found
