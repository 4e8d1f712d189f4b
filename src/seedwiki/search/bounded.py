"""Bounded candidate collection: scan search_entry in id order, one id range at a time, and stop
as soon as enough matches are in hand, when the whole table is scanned, or when the time budget
is spent — so a common word costs the same at a million pages as at a thousand.

The count is exact when the scan reached the end; otherwise it is estimated from the share of
the id range scanned (ids are given in insertion order, which says nothing about the text, so the
matches found so far are a fair sample). A query that runs out of time keeps what it found and
says so (``Collected.timed_out``).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

# First id range scanned; later ranges are sized from the match rate seen so far.
FIRST_SPAN = 128
MAX_SPAN = 1 << 20
# Wall-clock budget of one search's scan, in seconds: past it the search answers with what it has.
TIME_BUDGET = 1.5
# One range's query should take about this long at most (a range of rows without matches is read
# whole), so the budget is checked often enough to hold.
RANGE_SECONDS = 0.15


@dataclass
class Collected:
    ids: list[int] = field(default_factory=list)
    scanned: int = 0  # ids covered by the ranges scanned
    span: int = 0  # ids between the table's first and last row
    complete: bool = True  # the whole id range was scanned
    timed_out: bool = False

    def estimated_total(self) -> int:
        if self.complete or not self.scanned:
            return len(self.ids)
        return round(len(self.ids) * self.span / self.scanned)


def collect(matching_ids: Callable[[int, int], list[int]], first_id: int | None, last_id: int | None,
            want: int, budget: float = TIME_BUDGET, clock=time.monotonic) -> Collected:
    """Ids in ascending order from ``matching_ids(low, high)`` (rows with low <= id <= high) until
    ``want`` are found or the range [first_id, last_id] is covered or ``budget`` seconds pass."""
    found = Collected()
    if first_id is None or last_id is None:
        return found
    found.span = last_id - first_id + 1
    deadline = clock() + budget
    low, span = first_id, FIRST_SPAN
    while low <= last_id:
        high = min(last_id, low + span - 1)
        started = clock()
        found.ids.extend(matching_ids(low, high))
        took = clock() - started
        scanned_now = high - low + 1
        found.scanned += scanned_now
        low = high + 1
        if len(found.ids) >= want:
            break
        if clock() >= deadline:
            found.timed_out = low <= last_id
            break
        wanted_span = _next_span(span, len(found.ids), found.scanned, want)
        # Never a range that would take much longer than RANGE_SECONDS at the speed just seen.
        affordable = scanned_now * RANGE_SECONDS / took if took else MAX_SPAN
        span = max(FIRST_SPAN, min(wanted_span, int(affordable)))
    found.complete = low > last_id
    return found


def _next_span(span: int, found: int, scanned: int, want: int) -> int:
    if not found:
        return min(MAX_SPAN, span * 4)
    needed = (want - found) * scanned / found  # ids still to scan at the rate seen so far
    return int(max(span, min(MAX_SPAN, needed * 1.2 + FIRST_SPAN)))
