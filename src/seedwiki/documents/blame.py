"""Blame: which revision last changed each line of a revision, traced back within a work budget.

The walk goes from the blamed revision towards older ones: each step diffs a revision with its
predecessor (bounded_diff); lines that the step changed belong to the newer revision, the others
are followed into the older text. It stops when every line is attributed, at the first revision,
or when the budget is spent: then the lines still open are credited to the oldest revision looked
at, and the result says so (``complete`` false, ``traced_to``), so one view never costs more than
BLAME_WORK units however long the history or the text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from seedwiki.documents.bounded_diff import diff

BLAME_WORK = 8_000_000
# Every revision read costs at least this much (its row and blob), so a long history of tiny
# revisions is also cut short.
REVISION_WORK = 20_000
# Lines attributed and shown per view; a longer page is shown in parts (?from=N).
MAX_BLAME_LINES = 2000


@dataclass
class BlameLine:
    number: int
    text: str
    revision: int
    author: str
    created_at: object
    starts_block: bool = False


@dataclass
class Blame:
    """Runs of (line count, revision number, author, time) for at most MAX_BLAME_LINES lines from
    line ``start`` (0-based); small enough to cache. ``lines(text)`` pairs them with the text."""

    runs: list[tuple[int, int, str, object]] = field(default_factory=list)
    total_lines: int = 0
    complete: bool = True
    traced_to: int = 0
    start: int = 0

    @property
    def shown_to(self) -> int:
        return min(self.total_lines, self.start + MAX_BLAME_LINES)

    @property
    def truncated(self) -> bool:
        return self.start > 0 or self.shown_to < self.total_lines

    def lines(self, text: str) -> list[BlameLine]:
        texts = _split(text)
        result = []
        index = self.start
        for count, number, author, created_at in self.runs:
            for k in range(count):
                if index >= len(texts):
                    return result
                result.append(BlameLine(index + 1, texts[index], number, author, created_at, starts_block=k == 0))
                index += 1
        return result


def _split(text: str) -> list[str]:
    return text.split("\n") if text else []


def blame(revisions, budget: int | None = None, start: int = 0) -> Blame:
    """``revisions``: (number, author, created_at, text) of the blamed revision, then older ones,
    newest first (a lazy iterator: the walk reads only as many as it needs). Lines from ``start``
    (0-based), at most MAX_BLAME_LINES of them, are attributed."""
    budget = BLAME_WORK if budget is None else budget
    walk = iter(revisions)
    number, author, created_at, text = next(walk)
    current = (number, author, created_at)
    current_lines = _split(text)
    start = max(0, min(start, len(current_lines)))
    shown = min(len(current_lines) - start, MAX_BLAME_LINES)
    owners: list = [None] * shown
    # For each line of the revision being looked at: the blamed line it is (or -1: not shown).
    followed = [-1] * start + list(range(shown)) + [-1] * (len(current_lines) - start - shown)
    open_lines = shown
    complete = True
    for older_number, older_author, older_at, older_text in walk:
        if open_lines == 0:
            break
        budget -= REVISION_WORK
        older_lines = _split(older_text)
        step = diff(older_lines, current_lines, budget=max(0, budget))
        budget -= step.work
        if step.exhausted:
            complete = False
            break
        older_followed = [-1] * len(older_lines)
        for tag, i1, i2, j1, j2 in step.opcodes():
            if tag == "equal":
                older_followed[i1:i2] = followed[j1:j2]
                continue
            for j in range(j1, j2):
                if followed[j] >= 0:
                    owners[followed[j]] = current
                    open_lines -= 1
        current, current_lines, followed = (older_number, older_author, older_at), older_lines, older_followed
    for line in followed:
        if line >= 0:
            owners[line] = current
    return Blame(_runs(owners), len(_split(text)), complete, current[0], start)


def _runs(owners) -> list[tuple[int, int, str, object]]:
    runs: list[list] = []
    for owner in owners:
        if runs and runs[-1][1] == owner[0]:
            runs[-1][0] += 1
        else:
            runs.append([1, *owner])
    return [tuple(run) for run in runs]
