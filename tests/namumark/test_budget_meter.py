"""Budget.meter and Budget.release are called after every rendered block, so they take short
cuts (no mark for an empty list, release in one step). What they count and when they stop must
stay what the plain rule gives: every piece of a list is counted once, a released list gives its
count back, and the render stops the first time the count passes the cap."""
from __future__ import annotations

import random

import namumark
from namumark import Budget, Limits


class PlainMeter:
    """The rule, written the slow way: each list remembers how many of its pieces were counted."""

    def __init__(self, cap: int):
        self.cap = cap
        self.output = 0
        self.counted: dict[int, list] = {}  # id -> [list, pieces counted, characters counted]
        self.stopped = False

    def meter(self, out: list, cap: int | None = None) -> bool:
        entry = self.counted.setdefault(id(out), [out, 0, 0])
        new = sum(len(piece) for piece in out[entry[1]:])
        entry[1] = max(entry[1], len(out))
        entry[2] += new
        self.output += new
        if self.output > (self.cap if cap is None else cap):
            self.stopped = True
            return False
        return True

    def release(self, out: list, cap: int | None = None) -> None:
        self.meter(out, cap)
        self.output -= self.counted.pop(id(out))[2]


def test_meter_and_release_count_as_the_plain_rule_does():
    rng = random.Random(6)
    for trial in range(300):
        cap = rng.randint(0, 400)
        budget = Budget(Limits(output_chars=cap))
        plain = PlainMeter(cap)
        lists: list[list] = [[]]
        for _ in range(rng.randint(1, 60)):
            op = rng.random()
            if op < 0.45:
                rng.choice(lists).extend("x" * rng.randint(0, 30) for _ in range(rng.randint(0, 3)))
            elif op < 0.75:
                out = rng.choice(lists)
                side_cap = rng.choice([None, rng.randint(0, 400)])
                assert budget.meter(out, side_cap) == plain.meter(out, side_cap), trial
            elif op < 0.9 and len(lists) > 1:
                out = lists.pop(rng.randrange(1, len(lists)))
                side_cap = rng.choice([None, rng.randint(0, 400)])
                budget.release(out, side_cap)
                plain.release(out, side_cap)
            else:
                lists.append([])
            assert budget.output == plain.output, trial
            assert (budget.stopped == "output") == plain.stopped, trial


def test_an_empty_list_is_not_marked():
    budget = Budget()
    out: list = []
    assert budget.meter(out)
    assert budget._marks == {}
    out.append("abc")
    assert budget.meter(out) and budget.output == 3
    budget.release(out)
    assert budget.output == 0 and budget._marks == {}


def test_marks_do_not_pile_up_over_a_render():
    """Side lists are released as they finish: a page of 2,000 nested list items leaves only
    the page's own lists marked, not one per item."""
    source = "\n".join(" * 항목 %d\n  * 안쪽 '''굵게'''" % i for i in range(2000))
    doc = namumark.parse(source)
    budget = Budget()
    namumark.render_text(doc, budget=budget)
    assert len(budget._marks) <= 2
    assert budget.output > 2000 * len("항목")
