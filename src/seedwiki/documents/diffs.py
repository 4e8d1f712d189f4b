"""Line diffs with in-line highlights, and blame (who last changed each line), from difflib."""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONTEXT_LINES = 3
MAX_INLINE_CHARS = 4000
MAX_INLINE_PAIRS = 500


@dataclass
class DiffRow:
    kind: str  # "equal", "delete", "insert", "skip"
    old_no: int | None
    new_no: int | None
    html: SafeString


def _inline(old: str, new: str) -> tuple[SafeString, SafeString]:
    """The two lines with the changed characters wrapped in <del>/<ins>."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
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


def line_diff(old_text: str, new_text: str, context: int = CONTEXT_LINES) -> list[DiffRow]:
    """Rows of a unified line diff; replaced lines paired up get in-line highlights."""
    old, new = old_text.split("\n"), new_text.split("\n")
    rows: list[DiffRow] = []
    budget = [MAX_INLINE_PAIRS]
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if rows or group[0][1] > 0:
            rows.append(DiffRow("skip", None, None, mark_safe("")))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for k in range(i2 - i1):
                    rows.append(DiffRow("equal", i1 + k + 1, j1 + k + 1, escape(old[i1 + k])))
                continue
            paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            inline = {}
            for k in range(paired):
                a, b = old[i1 + k], new[j1 + k]
                # Character diffs are quadratic at worst: very long lines, and lines past the
                # budget of a huge rewrite, are shown whole.
                if len(a) + len(b) <= MAX_INLINE_CHARS and budget[0] > 0:
                    budget[0] -= 1
                    inline[k] = _inline(a, b)
            deletes = [DiffRow("delete", i1 + k + 1, None, inline[k][0] if k in inline else escape(old[i1 + k]))
                       for k in range(i2 - i1)]
            inserts = [DiffRow("insert", None, j1 + k + 1, inline[k][1] if k in inline else escape(new[j1 + k]))
                       for k in range(j2 - j1)]
            rows.extend(deletes)
            rows.extend(inserts)
    return rows


@dataclass
class BlameLine:
    number: int
    text: str
    revision: int
    author: str
    created_at: object
    starts_block: bool = False


def blame(revisions) -> list[BlameLine]:
    """Attribute each line of the last revision to the revision that last changed it.

    ``revisions`` are (number, author, created_at, text) tuples in increasing order; each line
    keeps its attribution while later revisions leave it equal (difflib opcodes), and takes the
    new revision's when it is inserted or replaced.
    """
    lines: list[str] = []
    owners: list[tuple[int, str, object]] = []
    for number, author, created_at, text in revisions:
        new_lines = text.split("\n") if text else []
        new_owners: list[tuple[int, str, object]] = []
        matcher = SequenceMatcher(None, lines, new_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                new_owners.extend(owners[i1:i2])
            elif tag in ("insert", "replace"):
                new_owners.extend([(number, author, created_at)] * (j2 - j1))
        lines, owners = new_lines, new_owners
    result = []
    previous = None
    for index, (line, (number, author, created_at)) in enumerate(zip(lines, owners), start=1):
        result.append(BlameLine(index, line, number, author, created_at, starts_block=number != previous))
        previous = number
    return result
