"""Line diffs for reading (/diff, the conflict screen), with in-line highlights, all bounded.

The line diff is bounded_diff's (counted work, linear in the texts' size). When its budget runs
out, the rows say so (``too_different``) and show one plain changed block: the lines between the
common head and tail, removed then added. At most MAX_ROWS rows are shown (``truncated``).
"""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from seedwiki.documents.bounded_diff import diff

CONTEXT_LINES = 3
MAX_ROWS = 1500
# In-line (character) highlights: only for lines up to MAX_INLINE_CHARS, and all the pairs of
# one diff share INLINE_WORK work units; past that, lines are shown whole.
MAX_INLINE_CHARS = 4000
INLINE_WORK = 1_500_000


@dataclass
class DiffRow:
    kind: str  # "equal", "delete", "insert", "skip"
    old_no: int | None
    new_no: int | None
    html: SafeString


class DiffRows(list):
    """The rows, plus what the reader must be told: the diff was coarse, or rows were left out."""

    too_different = False
    truncated = False


def _inline(old: str, new: str, budget: list[int]) -> tuple[SafeString, SafeString] | None:
    """The two lines with the changed characters wrapped in <del>/<ins> (None: over budget)."""
    result = diff(old, new, budget=min(budget[0], 2_000 + 20 * (len(old) + len(new))))
    budget[0] -= result.work
    if result.exhausted:
        return None
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in result.opcodes():
        a, b = escape(old[i1:i2]), escape(new[j1:j2])
        if tag == "equal":
            old_parts.append(a)
            new_parts.append(b)
        else:
            if a:
                old_parts.append(f"<del>{a}</del>")
            if b:
                new_parts.append(f"<ins>{b}</ins>")
    return mark_safe("".join(old_parts)), mark_safe("".join(new_parts))


def _grouped(codes, context: int):
    """Opcodes in hunks with ``context`` equal lines around each change (as difflib groups them)."""
    codes = list(codes)
    if not codes:
        return
    tag, i1, i2, j1, j2 = codes[0]
    if tag == "equal":
        codes[0] = (tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2)
    tag, i1, i2, j1, j2 = codes[-1]
    if tag == "equal":
        codes[-1] = (tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context))
    group = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _coarse_codes(old: list[str], new: list[str]):
    """Common head, one changed block, common tail: what is shown when the diff gave up."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    codes = [("equal", 0, head, 0, head)] if head else []
    codes.append(("replace", head, len(old) - tail, head, len(new) - tail))
    if tail:
        codes.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return codes


def line_diff(old_text: str, new_text: str, context: int = CONTEXT_LINES) -> DiffRows:
    """Rows of a unified line diff; replaced lines paired up get in-line highlights."""
    old, new = old_text.split("\n"), new_text.split("\n")
    rows = DiffRows()
    result = diff(old, new)
    codes = result.opcodes()
    if result.exhausted:
        rows.too_different = True
        codes = _coarse_codes(old, new)
    budget = [INLINE_WORK if not result.exhausted else 0]
    for group in _grouped(codes, context):
        if len(rows) >= MAX_ROWS:
            rows.truncated = True
            return rows
        if rows or group[0][1] > 0:
            rows.append(DiffRow("skip", None, None, mark_safe("")))
        for tag, i1, i2, j1, j2 in group:
            if len(rows) >= MAX_ROWS:
                rows.truncated = True
                return rows
            _add_rows(rows, tag, old, new, i1, i2, j1, j2, budget)
    return rows


def _add_rows(rows: DiffRows, tag, old, new, i1, i2, j1, j2, budget) -> None:
    room = MAX_ROWS - len(rows)
    if tag == "equal":
        for k in range(min(i2 - i1, room)):
            rows.append(DiffRow("equal", i1 + k + 1, j1 + k + 1, escape(old[i1 + k])))
        rows.truncated = rows.truncated or i2 - i1 > room
        return
    paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
    inline = {}
    for k in range(min(paired, room)):
        a, b = old[i1 + k], new[j1 + k]
        if len(a) + len(b) <= MAX_INLINE_CHARS and budget[0] > 0:
            pair = _inline(a, b, budget)
            if pair is not None:
                inline[k] = pair
    # Cut short, a replaced block still shows both sides: at least half the room each.
    deletes = [DiffRow("delete", i1 + k + 1, None, inline[k][0] if k in inline else escape(old[i1 + k]))
               for k in range(min(i2 - i1, max(room - (j2 - j1), room // 2)))]
    room -= len(deletes)
    inserts = [DiffRow("insert", None, j1 + k + 1, inline[k][1] if k in inline else escape(new[j1 + k]))
               for k in range(min(j2 - j1, room))]
    rows.extend(deletes)
    rows.extend(inserts)
    rows.truncated = rows.truncated or len(deletes) < i2 - i1 or len(inserts) < j2 - j1
