"""The bounded diff (documents/bounded_diff.py) and what is built on it: merge3, line_diff, blame.

No database: these are plain functions. Work is asserted in units, never in seconds.
"""
from __future__ import annotations

import difflib
import random

import pytest

from seedwiki.documents import blame as blame_module
from seedwiki.documents.blame import MAX_BLAME_LINES, blame
from seedwiki.documents.bounded_diff import default_budget, diff
from seedwiki.documents.diffs import MAX_ROWS, line_diff
from seedwiki.documents.services.merge import merge3


def matched(a, b, result) -> int:
    """Check that ``result`` is a valid diff of a and b; the number of items it matched."""
    previous_i = previous_j = 0
    total = 0
    for i, j, size in result.blocks:
        assert i >= previous_i and j >= previous_j
        assert list(a[i:i + size]) == list(b[j:j + size])
        previous_i, previous_j = i + size, j + size
        total += size
    assert result.blocks[-1] == (len(a), len(b), 0)
    rebuilt = []
    for tag, i1, i2, j1, j2 in result.opcodes():
        rebuilt.extend(a[i1:i2] if tag == "equal" else b[j1:j2])
    assert rebuilt == list(b)
    return total


def lcs_length(a, b) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        previous = 0
        for j, y in enumerate(b, 1):
            current = row[j]
            row[j] = previous + 1 if x == y else max(row[j], row[j - 1])
            previous = current
    return row[-1]


def test_random_small_inputs_give_valid_diffs_as_good_as_difflib_overall():
    rng = random.Random(6)
    ours_total = difflib_total = optimum_total = 0
    for _ in range(3000):
        alphabet = "abcdef"[: rng.randint(1, 6)]
        a = [rng.choice(alphabet) for _ in range(rng.randint(0, 14))]
        b = [rng.choice(alphabet) for _ in range(rng.randint(0, 14))]
        result = diff(a, b)
        assert not result.exhausted
        ours = matched(a, b, result)
        reference = sum(size for *_, size in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
        optimum = lcs_length(a, b)
        assert ours <= optimum
        ours_total += ours
        difflib_total += reference
        optimum_total += optimum
    # Patience anchors are not always minimal, and neither is difflib; overall we match more.
    assert ours_total >= difflib_total
    assert ours_total >= 0.95 * optimum_total


def test_few_edits_in_repeated_lines_are_exact():
    a = ["x"] * 2000
    b = list(a)
    b[500] = "y"
    del b[1200:1203]
    b.insert(1700, "z")
    result = diff(a, b)
    assert matched(a, b, result) == b.count("x")  # the longest possible: every x of b


def test_scattered_edits_in_repeated_lines_stay_within_the_budget():
    a = ["x"] * 20000
    b = ["changed %d" % k if k % 40 == 0 else "x" for k in range(20000)]
    result = diff(a, b)
    assert result.work <= default_budget(len(a), len(b))
    assert not result.exhausted
    assert matched(a, b, result) == 20000 - 500  # every unchanged line found


def test_a_megabyte_of_repeated_lines_costs_linear_work():
    a = ["반복되는 줄"] * 500_000
    b = list(a)
    b[100_000] = "그쪽"
    b[400_000] = "내쪽"
    result = diff(a, b)
    assert not result.exhausted
    assert matched(a, b, result) == 500_000 - 2
    assert result.work <= 4 * (len(a) + len(b))


def test_the_cap_gives_a_coarse_result_that_says_so():
    rng = random.Random(7)
    a = [str(rng.randint(0, 3)) for _ in range(5000)]
    b = [str(rng.randint(0, 3)) for _ in range(5000)]
    result = diff(a, b, budget=50_000)
    assert result.exhausted
    assert result.work <= 50_000
    matched(a, b, result)  # still a valid diff


# --- merge3 --------------------------------------------------------------------------------------

def test_merge_of_a_megabyte_of_repeated_lines_is_clean():
    base = ["같은 줄\n"] * 100_000
    theirs, yours = list(base), list(base)
    theirs[30_000] = "그쪽 고침\n"
    yours[70_000] = "내쪽 고침\n"
    result = merge3("".join(base), "".join(theirs), "".join(yours))
    assert result.clean
    expected = list(base)
    expected[30_000], expected[70_000] = "그쪽 고침\n", "내쪽 고침\n"
    assert result.text == "".join(expected)


def test_interleaved_edits_of_repeated_lines_merge_cleanly():
    # Many alignments of repeated lines cost the same; a replaced line must stay in place, or the
    # two sides' alignments drift apart and the merge conflicts for nothing.
    base = ["x\n"] * 20_000
    theirs, yours, expected = list(base), list(base), list(base)
    for k in range(0, 20_000, 40):
        theirs[k] = expected[k] = f"그쪽 {k}\n"
        yours[k + 20] = expected[k + 20] = f"내쪽 {k + 20}\n"
    result = merge3("".join(base), "".join(theirs), "".join(yours))
    assert result.clean and result.text == "".join(expected)


def test_merge_past_the_cap_is_one_conflict_keeping_both_texts(monkeypatch):
    import seedwiki.documents.bounded_diff as bounded

    monkeypatch.setattr(bounded, "BASE_WORK", 0)
    monkeypatch.setattr(bounded, "WORK_PER_ITEM", 1)  # not even the first pass fits
    result = merge3("a\nb\n", "a\nB\n", "A\nb\n")
    assert not result.clean and result.too_different
    assert "A\nb\n" in result.text and "a\nB\n" in result.text


# --- line_diff -----------------------------------------------------------------------------------

def test_line_diff_past_the_cap_shows_one_plain_block(monkeypatch):
    import seedwiki.documents.bounded_diff as bounded

    rng = random.Random(8)
    old = "\n".join(["머리"] + [str(rng.randint(0, 3)) for _ in range(600)] + ["꼬리"])
    new = "\n".join(["머리"] + [str(rng.randint(0, 3)) for _ in range(600)] + ["꼬리"])
    monkeypatch.setattr(bounded, "BASE_WORK", 1000)
    monkeypatch.setattr(bounded, "WORK_PER_ITEM", 2)
    rows = line_diff(old, new)
    assert rows.too_different
    kinds = [row.kind for row in rows]
    assert kinds[0] == "equal" and kinds[-1] == "equal"  # the common head and tail
    assert 590 <= kinds.count("delete") <= 600 and 590 <= kinds.count("insert") <= 600


def test_line_diff_rows_are_capped():
    old = "\n".join(f"줄 {k}" for k in range(10_000))
    new = "\n".join(f"줄 {k}!" for k in range(10_000))
    rows = line_diff(old, new)
    assert rows.truncated and len(rows) == MAX_ROWS
    kinds = [row.kind for row in rows]
    assert kinds.count("delete") == kinds.count("insert") == MAX_ROWS // 2  # both sides shown
    assert rows[MAX_ROWS // 2].html == "줄 0<ins>!</ins>"


def test_line_diff_highlights_characters():
    rows = line_diff("가나다\n같은 줄", "가나라\n같은 줄")
    assert [row.kind for row in rows] == ["delete", "insert", "equal"]
    assert rows[0].html == "가나<del>다</del>" and rows[1].html == "가나<ins>라</ins>"


# --- blame ---------------------------------------------------------------------------------------

def history(*texts):
    """(number, author, time, text) newest first, as the view streams them."""
    return [(n, f"저자{n}", None, text) for n, text in reversed(list(enumerate(texts, 1)))]


def owners(result, text):
    return [(line.text, line.revision) for line in result.lines(text)]


def test_blame_credits_each_line_to_the_revision_that_wrote_it():
    texts = ["가\n나\n다", "가\n나 고침\n다", "가\n나 고침\n다\n라"]
    result = blame(history(*texts))
    assert result.complete
    assert owners(result, texts[-1]) == [("가", 1), ("나 고침", 2), ("다", 1), ("라", 3)]


def test_blame_through_a_deletion_credits_the_restoring_revision():
    texts = ["가\n나", "", "가\n나"]
    assert owners(blame(history(*texts)), texts[-1]) == [("가", 3), ("나", 3)]


def test_blame_stops_at_its_budget_and_says_where():
    texts = [f"{k}\n" + "같은 줄\n" * 50 for k in range(30)]
    result = blame(history(*texts), budget=blame_module.REVISION_WORK * 5)
    assert not result.complete
    assert 25 <= result.traced_to < 30
    lines = result.lines(texts[-1])
    assert lines[0].revision == 30 and all(line.revision == result.traced_to for line in lines[1:-1])


def test_blame_shows_at_most_max_lines():
    text = "줄\n" * (MAX_BLAME_LINES + 10)
    result = blame(history(text))
    assert result.truncated and len(result.lines(text)) == MAX_BLAME_LINES


@pytest.mark.parametrize("size", [0, 1, 3])
def test_blame_of_tiny_texts(size):
    text = "\n".join("줄" for _ in range(size))
    result = blame(history("", text))
    assert [(line.text, line.revision) for line in result.lines(text)] == [("줄", 2)] * size
