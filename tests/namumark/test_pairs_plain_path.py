"""The bracket pairing has a shorter loop for texts with no backslash and no ``{{{`` group
(pairs.Pairs._pair_plain_brackets). A trailing lone backslash escapes nothing but sends the same
text down the general loop: both must pair every bracket alike."""
from __future__ import annotations

import random

import pytest

from namumark.pairs import Pairs


def _pairs(text: str) -> tuple[dict, dict]:
    p = Pairs(text)
    return dict(p.bracket.items()), dict(p.link.items())


def _random_brackets(rng: random.Random) -> str:
    return "".join(rng.choice(["[", "]", "[[", "]]", "[*", "가", " ", "\n", "x"]) for _ in range(rng.randrange(1, 60)))


@pytest.mark.parametrize("seed", range(300))
def test_plain_loop_pairs_as_the_general_loop(seed):
    text = _random_brackets(random.Random(seed))
    assert "\\" not in text and "{{{" not in text
    assert _pairs(text) == _pairs(text + "\\")


@pytest.mark.parametrize("text, links, singles", [
    ("[[문서]]", {0: 4}, {}),
    ("[[a]]]", {0: 3}, {}),
    ("[x]]", {}, {0: 2}),  # "]]" closing no link: the first "]" closes "["
    ("[[[* a]]", {0: 6}, {}),  # "[[" then "[": the "]]" closes the link, the note stays open
    ("]][[", {}, {}),
])
def test_plain_loop_known_pairs(text, links, singles):
    assert _pairs(text) == (singles, links)
