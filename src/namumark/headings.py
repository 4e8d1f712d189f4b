"""Heading numbers: counted from the shallowest level used; deeper counters reset; a skipped
level prints 0 (``== a ==`` then ``==== b ====`` gives 1 and 1.0.1)."""
from __future__ import annotations

from . import limits
from .nodes import Heading as HeadingNode
from .top_blocks import headings_of


def number_headings(nodes: list) -> list[tuple[HeadingNode, str]]:
    heads = headings_of(nodes)[: limits.MAX_HEADINGS]  # a long page's, without its blocks
    if not heads:
        return []
    top = min(h.level for h in heads)
    counters = [0] * 6
    out = []
    for h in heads:
        r = h.level - top
        counters[r] += 1
        counters[r + 1:] = _ZEROS[r]  # deeper counters restart
        out.append((h, ".".join(map(str, counters[: r + 1]))))
    return out


_ZEROS = [[0] * (5 - r) for r in range(6)]
