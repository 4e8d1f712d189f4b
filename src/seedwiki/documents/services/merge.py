"""A small line-based three-way merge (diff3) built on bounded_diff.

Both sides are compared with the common base; stretches of base lines that neither side touched
are "sync regions". Between two sync regions, if only one side changed, its version wins; if both
made the same change it is taken once; otherwise the stretch is a conflict.

The two diffs have a work budget (linear in the texts' size); when either runs out, the merge is
not attempted and the whole text is one conflict (``too_different``): the editor keeps their text
and sees the conflict screen, never a merge built on a guess.
"""
from __future__ import annotations

from dataclasses import dataclass

from seedwiki.documents.bounded_diff import diff

MARK_YOURS = "<<<<<<< 내 편집\n"
MARK_SPLIT = "=======\n"
MARK_THEIRS = ">>>>>>> 현재 판\n"


@dataclass
class MergeResult:
    text: str
    conflicts: int
    too_different: bool = False

    @property
    def clean(self) -> bool:
        return self.conflicts == 0


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    # A final line without newline would fuse with the next chunk's first line when joined.
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    return lines


def _sync_regions(base, theirs, yours):
    """(base_start, base_end, theirs_start, yours_start) of stretches unchanged on both sides,
    or None when a diff ran out of budget."""
    with_theirs = diff(base, theirs)
    if with_theirs.exhausted:
        return None
    with_yours = diff(base, yours)
    if with_yours.exhausted:
        return None
    mt, my = with_theirs.blocks, with_yours.blocks
    regions = []
    i = j = 0
    while i < len(mt) and j < len(my):
        t_base, t_pos, t_len = mt[i]
        y_base, y_pos, y_len = my[j]
        start, end = max(t_base, y_base), min(t_base + t_len, y_base + y_len)
        if start < end:
            regions.append((start, end, t_pos + start - t_base, y_pos + start - y_base))
        if t_base + t_len < y_base + y_len:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(theirs), len(yours)))
    return regions


def merge3(base_text: str, their_text: str, your_text: str) -> MergeResult:
    """Merge ``your_text`` (edited from ``base_text``) into ``their_text`` (the current page)."""
    had_newline = your_text.endswith("\n") or their_text.endswith("\n")
    base, theirs, yours = _lines(base_text), _lines(their_text), _lines(your_text)
    regions = _sync_regions(base, theirs, yours)
    if regions is None:
        whole = MARK_YOURS + "".join(yours) + MARK_SPLIT + "".join(theirs) + MARK_THEIRS
        return MergeResult(whole, 1, too_different=True)
    out: list[str] = []
    conflicts = 0
    b = t = y = 0
    for b_start, b_end, t_start, y_start in regions:
        base_chunk, their_chunk, your_chunk = base[b:b_start], theirs[t:t_start], yours[y:y_start]
        if their_chunk == your_chunk or base_chunk == your_chunk:
            out.extend(their_chunk)
        elif base_chunk == their_chunk:
            out.extend(your_chunk)
        else:
            conflicts += 1
            out.append(MARK_YOURS)
            out.extend(your_chunk)
            out.append(MARK_SPLIT)
            out.extend(their_chunk)
            out.append(MARK_THEIRS)
        out.extend(base[b_start:b_end])
        length = b_end - b_start
        b, t, y = b_end, t_start + length, y_start + length
    text = "".join(out)
    if not had_newline and text.endswith("\n"):
        text = text[:-1]
    return MergeResult(text, conflicts)
