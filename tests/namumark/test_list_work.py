"""Deep lists cost work per line, not per line and nesting level (issue 11, "linear on every
input"). Counted in list-marker lookups — each nesting level used to look at every line below it
again — so the test checks work, not seconds."""
from __future__ import annotations

import namumark
from namumark import blocks, limits


def _count_marker_lookups(monkeypatch, source: str) -> int:
    calls = 0
    original = blocks.BlockParser._marker

    def counting(self, a, b):
        nonlocal calls
        calls += 1
        return original(self, a, b)

    monkeypatch.setattr(blocks.BlockParser, "_marker", counting)
    html = namumark.render_html(namumark.parse(source)).html
    assert html.count("<li>") >= source.count("*")  # every line is an item
    return calls


def deep_list(repeats: int) -> str:
    """Ends with a line that is not a marker: such a list is read by the general list code
    (a list of only marker lines takes the one-pass path, tests/namumark/test_list_one_pass.py)."""
    ascent = "\n".join(" " * level + "* 항목" for level in range(1, limits.MAX_BLOCK_DEPTH))
    return "\n".join([ascent] * repeats) + "\n 이어지는 줄"


def test_deep_list_looks_at_each_line_a_bounded_number_of_times(monkeypatch):
    source = deep_list(40)
    lines = source.count("\n") + 1
    lookups = _count_marker_lookups(monkeypatch, source)
    assert lines <= lookups <= 4 * lines, f"{lookups} marker lookups for {lines} lines"


def test_list_work_grows_with_the_input_not_faster(monkeypatch):
    small = _count_marker_lookups(monkeypatch, deep_list(20))
    large = _count_marker_lookups(monkeypatch, deep_list(80))
    assert large <= 4.2 * small
