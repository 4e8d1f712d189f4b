"""A diff whose work is counted and capped: the matching blocks of two sequences (lines, characters).

difflib's SequenceMatcher is quadratic when items repeat (10 KB of identical lines took ~10 s), and
a wiki diffs untrusted texts of up to 2 MB. Here:

1. the common head and tail of a stretch are matched first;
2. items that occur exactly once on each side anchor the middle (patience diff): the longest run of
   such pairs in the same order is matched, and each gap between two anchors is diffed again;
3. a gap without such anchors (repeated lines) is diffed with Myers' O(ND) algorithm, which is
   exact and cheap while the gap's edit distance D is small; past a window of edits sized from the
   budget left, it goes on greedily from the furthest point the window reached;
4. every step spends work units (about one per item looked at) from one budget, linear in the input
   size. When it runs out, the stretches still open are reported as changed whole, and the result
   says so (``exhausted``): callers show "too different" or refuse to merge.

The result is always a valid diff (matched items are equal, in order); it is not always minimal.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import Hashable, Sequence

# Work allowed for one diff: a fixed part plus a part per item of the two inputs (one unit is
# roughly 0.1–0.5 µs here), so a diff of two 1 MB texts of short lines stops within ~1–2 s.
BASE_WORK = 300_000
WORK_PER_ITEM = 4
# Myers keeps one row of frontiers per edit: memory grows as D², so one window holds at most this
# many edits.
MAX_EDIT_DISTANCE = 1500
MIN_WINDOW = 8
WINDOW_WORK = 64  # what setting up one window costs, in work units


def default_budget(n: int, m: int) -> int:
    return BASE_WORK + WORK_PER_ITEM * (n + m)


@dataclass
class Diff:
    """``blocks``: (i, j, n) with a[i:i+n] == b[j:j+n], increasing, ending with (len(a), len(b), 0)
    as difflib's get_matching_blocks(). ``work``: units spent. ``exhausted``: the budget ran out."""

    blocks: list[tuple[int, int, int]]
    work: int
    exhausted: bool

    def opcodes(self) -> list[tuple[str, int, int, int, int]]:
        """("equal" | "replace" | "delete" | "insert", i1, i2, j1, j2), as difflib's get_opcodes()."""
        codes = []
        i = j = 0
        for bi, bj, size in self.blocks:
            if i < bi and j < bj:
                codes.append(("replace", i, bi, j, bj))
            elif i < bi:
                codes.append(("delete", i, bi, j, bj))
            elif j < bj:
                codes.append(("insert", i, bi, j, bj))
            if size:
                codes.append(("equal", bi, bi + size, bj, bj + size))
            i, j = bi + size, bj + size
        return codes


class _Budget:
    def __init__(self, units: int):
        self.left = units
        self.spent = 0
        self.exhausted = False

    def spend(self, units: int) -> bool:
        """Take ``units``; False (and exhausted from then on) when they are not there."""
        if self.exhausted or units > self.left:
            self.exhausted = True
            return False
        self.left -= units
        self.spent += units
        return True


def _interned(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[list[int], list[int]]:
    # Small integers compare faster than long lines, and Counter/dict work on them is cheap.
    ids = {x: i for i, x in enumerate(set(a).union(b))}
    return list(map(ids.__getitem__, a)), list(map(ids.__getitem__, b))


def diff(a: Sequence[Hashable], b: Sequence[Hashable], budget: int | None = None) -> Diff:
    """The matching blocks of ``a`` and ``b`` within ``budget`` work units (default: linear in size)."""
    work = _Budget(default_budget(len(a), len(b)) if budget is None else budget)
    if not work.spend(len(a) + len(b)):
        return Diff([(len(a), len(b), 0)], work.spent, True)
    A, B = _interned(a, b)
    matches: list[tuple[int, int, int]] = []
    stack = [(0, len(A), 0, len(B))]
    while stack and not work.exhausted:
        alo, ahi, blo, bhi = stack.pop()
        alo, ahi, blo, bhi = _match_ends(A, B, alo, ahi, blo, bhi, matches, work)
        if alo == ahi or blo == bhi:
            continue
        anchors = _unique_anchors(A, B, alo, ahi, blo, bhi, work)
        if anchors is None:  # nothing in common: the stretch is replaced whole (exactly)
            continue
        if anchors:
            previous_i, previous_j = alo, blo
            for i, j in anchors:
                matches.append((i, j, 1))
                stack.append((previous_i, i, previous_j, j))
                previous_i, previous_j = i + 1, j + 1
            stack.append((previous_i, ahi, previous_j, bhi))
        elif not work.exhausted:
            _myers(A, B, alo, ahi, blo, bhi, matches, work)
    return Diff(_joined(matches, len(A), len(B)), work.spent, work.exhausted)


def _match_ends(A, B, alo, ahi, blo, bhi, matches, work):
    """Match the common head and tail of the stretch; returns what is left between them."""
    head = _common_length(A, B, alo, blo, min(ahi - alo, bhi - blo), 1)
    if head:
        matches.append((alo, blo, head))
        alo, blo = alo + head, blo + head
    tail = _common_length(A, B, ahi - 1, bhi - 1, min(ahi - alo, bhi - blo), -1)
    if tail:
        ahi, bhi = ahi - tail, bhi - tail
        matches.append((ahi, bhi, tail))
    work.spend(head + tail)
    return alo, ahi, blo, bhi


def _common_length(A, B, i, j, limit, step) -> int:
    """How many items from A[i] and B[j] on (step 1) or back (step -1) are equal, at most ``limit``.

    Compared in growing slices (C speed) rather than item by item: a megabyte of identical lines
    is most of what a merge of repeated lines has to look at."""
    done, chunk = 0, 16
    while done < limit:
        size = min(chunk, limit - done)
        if step == 1:
            same = A[i + done:i + done + size] == B[j + done:j + done + size]
        else:
            same = A[i - done - size + 1:i - done + 1] == B[j - done - size + 1:j - done + 1]
        if not same:
            if size == 1:
                return done
            chunk = max(1, size // 2)  # narrow down inside the slice that differs
            continue
        done += size
        chunk *= 2
    return done


def _unique_anchors(A, B, alo, ahi, blo, bhi, work) -> list[tuple[int, int]] | None:
    """(i, j) pairs of items found once in A[alo:ahi] and once in B[blo:bhi], the longest run of
    them in the same order on both sides (patience sorting); None when no item is on both sides."""
    if not work.spend((ahi - alo) + (bhi - blo)):
        return []
    count_a = Counter(A[alo:ahi])
    count_b = Counter(B[blo:bhi])
    if count_a.keys().isdisjoint(count_b.keys()):
        return None
    position_a = {x: i for i, x in enumerate(A[alo:ahi], alo) if count_a[x] == 1 and count_b.get(x) == 1}
    if not position_a:
        return []
    pairs = [(position_a[x], j) for j, x in enumerate(B[blo:bhi], blo) if x in position_a]
    if not work.spend(len(pairs) * max(1, len(pairs).bit_length())):
        return []
    # Longest increasing subsequence of the A positions, taken in B order.
    tails: list[int] = []  # A position ending the best run of each length
    tail_index: list[int] = []
    back: list[int] = []
    for index, (i, _j) in enumerate(pairs):
        length = bisect_left(tails, i)
        if length == len(tails):
            tails.append(i)
            tail_index.append(index)
        else:
            tails[length] = i
            tail_index[length] = index
        back.append(tail_index[length - 1] if length else -1)
    run = []
    index = tail_index[-1]
    while index >= 0:
        run.append(pairs[index])
        index = back[index]
    run.reverse()
    return run


def _myers(A, B, alo, ahi, blo, bhi, matches, work) -> None:
    """Diff a stretch without anchors by Myers' algorithm, in windows of at most ``window`` edits.

    When the stretch's edit distance fits in a window, the result is exact (minimal). Otherwise the
    window's furthest point is taken as reached and the rest is diffed from there: a greedy, still
    valid diff. The window size follows the budget left, so the whole stays linear in size.
    """
    while alo < ahi and blo < bhi:
        n, m = ahi - alo, bhi - blo
        window = max(MIN_WINDOW, min(MAX_EDIT_DISTANCE, n + m, work.left // (3 * (n + m) + 1)))
        if not work.spend(WINDOW_WORK):
            return
        reached = _myers_window(A, B, alo, blo, n, m, window, matches, work)
        if reached is None:
            return
        alo, blo = alo + reached[0], blo + reached[1]


def _myers_window(A, B, alo, blo, n, m, window, matches, work) -> tuple[int, int] | None:
    """Run Myers for up to ``window`` edits; the (x, y) reached (n, m when done), None: no budget."""
    offset = window + 1
    frontier = [0] * (2 * window + 3)  # furthest x reached on each diagonal k = x - y
    trace: list[list[int]] = []
    for d in range(window + 1):
        # Frontiers as they were before this round: the path is read back from them at the end.
        trace.append(frontier[offset - d - 1: offset + d + 2])
        steps = 0
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and frontier[offset + k - 1] < frontier[offset + k + 1]):
                x = frontier[offset + k + 1]
            else:
                x = frontier[offset + k - 1] + 1
            y = x - k
            start = x
            while x < n and y < m and A[alo + x] == B[blo + y]:
                x += 1
                y += 1
            steps += x - start + 1
            frontier[offset + k] = x
            if x >= n and y >= m:
                if not work.spend(steps + 2 * d + 3):
                    return None
                _read_path(A, B, trace, n, m, alo, blo, matches, work)
                return n, m
        if not work.spend(steps + 2 * d + 3):
            return None
    # Not done within the window: go on from the furthest point on the diagonal nearest the one
    # the stretch ends on (k = n - m), among the last two rounds (both parities). In repeated
    # lines, many paths cost the same, and the furthest point overall is one that puts off every
    # deletion to the end: a replaced line would become an insertion here and a deletion far later,
    # and that shifted alignment makes needless merge conflicts.
    target = max(-window, min(window, n - m))
    best = None
    for k in range(-window, window + 1):
        x = frontier[offset + k]
        y = x - k
        if x > n or not 0 <= y <= m:
            continue
        key = (-abs(k - target), x + y)
        if best is None or key > best[0]:
            best = (key, x, y, window if (window - k) % 2 == 0 else window - 1)
    if best is None or best[1:3] == (0, 0):
        work.exhausted = True
        return None
    _key, x, y, rounds = best
    _read_path(A, B, trace[:rounds + 1], x, y, alo, blo, matches, work)
    return x, y


def _read_path(A, B, trace, x, y, alo, blo, matches, work) -> None:
    """Record the matches of the path that reached (x, y), reading the rounds back.

    Where the point can also be reached by replacing one item (a deletion next to an insertion, two
    rounds earlier on the same diagonal), that way is taken: in repeated lines Myers' own choice
    turns a replaced line into an insertion here and a deletion many lines later, an alignment
    that makes needless merge conflicts.
    """
    d = len(trace) - 1
    while d > 0:
        k = x - y
        if d >= 2 and abs(k) <= d - 2:
            start = trace[d - 1][k + d] + 1  # after a replace from round d - 2's point on diagonal k
            if start <= x and start - k >= 1:
                work.spend(x - start + 1)
                if A[alo + start:alo + x] == B[blo + start - k:blo + y]:
                    if x > start:
                        matches.append((alo + start, blo + start - k, x - start))
                    x, y, d = start - 1, start - 1 - k, d - 2
                    continue
        before = trace[d]  # index k + d + 1 holds diagonal k
        if k == -d or (k != d and before[k - 1 + d + 1] < before[k + 1 + d + 1]):
            previous_k = k + 1
        else:
            previous_k = k - 1
        previous_x = before[previous_k + d + 1]
        previous_y = previous_x - previous_k
        run = min(x - previous_x, y - previous_y)
        if run > 0:
            matches.append((alo + x - run, blo + y - run, run))
        x, y, d = previous_x, previous_y, d - 1
    if x > 0:
        matches.append((alo, blo, x))


def _joined(matches, n: int, m: int) -> list[tuple[int, int, int]]:
    """Sorted blocks with touching ones joined, and the (n, m, 0) sentinel."""
    blocks: list[tuple[int, int, int]] = []
    for i, j, size in sorted(matches):
        if size <= 0:
            continue
        if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + size)
        else:
            blocks.append((i, j, size))
    blocks.append((n, m, 0))
    return blocks
