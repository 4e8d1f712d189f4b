"""Lists whose lines are all one-line markers are built in one pass (marker_lists.py); the tree
must be the one the general list code builds, node for node and span for span, at every depth
(including past the block depth limit), in table cells and next to lines that send a list back
to the general code."""
from __future__ import annotations

import random

import pytest

import namumark
from namumark import blocks, limits, table_rows

MARKERS = ["*", "*", "*", "1.", "a.", "A.", "i.", "I.", "1.#3", "*#7", "a.#2"]
TEXTS = ["항목", "'''굵게''' 글", "[[문서]]", "x{{{#!wiki 안}}}y", "|| 칸 ||", "> 인용", "----",
         "* 별", "", "[[분류:분류]]", "== 제목 ==", "  공백", "{{{#red 빨강}}}", "1.x"]


def _random_list(rng: random.Random, lines: int, max_indent: int) -> str:
    out = []
    for _ in range(lines):
        r = rng.random()
        if r < 0.04:
            out.append("##주석")
        elif r < 0.06:
            out.append(" " * rng.randint(1, max_indent) + "이어지는 줄")  # not a marker
        else:
            out.append(" " * rng.randint(1, max_indent) + rng.choice(MARKERS) + " " + rng.choice(TEXTS))
    return "\n".join(out)


def _sources() -> list[str]:
    rng = random.Random(11)
    found = []
    for k in range(160):
        body = _random_list(rng, rng.randint(1, 14), rng.choice([2, 4, 8]))
        wrap = k % 5
        if wrap == 1:  # in a table cell, after a paragraph line
            body = "|| 칸\n" + body + " ||\n|| 둘 ||"
        elif wrap == 2:  # deep inside groups: the list's levels pass the block depth limit
            n = rng.randint(limits.MAX_BLOCK_DEPTH - 6, limits.MAX_BLOCK_DEPTH)
            body = "{{{#!wiki\n" * n + body + "\n}}}" * n
        elif wrap == 3:  # between paragraphs, in a quote
            body = "앞 문단\n" + body + "\n뒤 문단\n> 인용\n" + body.replace("\n", "\n>")
        found.append(body)
    # deeper than the depth limit by indentation alone, and a ladder up and down
    found.append("\n".join(" " * i + "* 깊이 %d" % i for i in range(1, 40)))
    found.append("\n".join(" " * (i if i < 30 else 60 - i) + "1.#%d 층" % i for i in range(1, 60)))
    found.append(" * a\n   * b\n  * c\n * d\n    * e\n   1. f\n  a. g\n## 끝\n * h\n##\n본문")
    return found


def _general_only(monkeypatch) -> None:
    monkeypatch.setattr(blocks, "marker_lines", lambda *args: None)


@pytest.mark.parametrize("chunk", range(4))
def test_one_pass_lists_are_the_trees_the_general_code_builds(chunk, monkeypatch):
    sources = _sources()[chunk::4]
    fast = [namumark.parse(s).children for s in sources]
    fast_html = [namumark.render_html(namumark.parse(s)).html for s in sources]
    _general_only(monkeypatch)
    general = [namumark.parse(s).children for s in sources]
    general_html = [namumark.render_html(namumark.parse(s)).html for s in sources]
    for source, a, b in zip(sources, fast, general):
        assert a == b, source
    assert fast_html == general_html


def test_the_generated_lists_take_both_paths(monkeypatch):
    """The comparison above means something only if many lists take the one-pass path and some
    are sent back to the general code."""
    took = {"one pass": 0, "general": 0}
    original = blocks.marker_lines

    def counting(*args):
        found = original(*args)
        took["general" if found is None else "one pass"] += 1
        return found

    monkeypatch.setattr(blocks, "marker_lines", counting)
    for source in _sources():
        namumark.parse(source)
    assert took["one pass"] > 100
    assert took["general"] > 10


def test_a_list_past_the_depth_limit_keeps_its_deeper_lines_as_source_text():
    source = "\n".join(" " * i + "* 깊이%d" % i for i in range(1, limits.MAX_BLOCK_DEPTH + 6))
    html = namumark.render_html(namumark.parse(source)).html
    assert html.count("<li>") < limits.MAX_BLOCK_DEPTH + 5
    assert "* 깊이%d" % (limits.MAX_BLOCK_DEPTH + 5) in html


def _work(monkeypatch, source: str) -> tuple[int, int]:
    """(item lines parsed, output meter calls) for parsing and rendering ``source``."""
    counts = {"items": 0, "meter": 0}
    item_line = blocks.BlockParser._item_line
    meter = namumark.Budget.meter

    def counting_item_line(self, *args):
        counts["items"] += 1
        return item_line(self, *args)

    def counting_meter(self, *args):
        counts["meter"] += 1
        return meter(self, *args)

    monkeypatch.setattr(blocks.BlockParser, "_item_line", counting_item_line)
    monkeypatch.setattr(namumark.Budget, "meter", counting_meter)
    doc = namumark.parse(source)
    namumark.render_html(doc)
    namumark.render_text(doc)
    return counts["items"], counts["meter"]


def test_lists_in_table_cells_cost_a_fixed_amount_of_work_per_row(monkeypatch):
    """The table-nested-lists family: each list line is read once, and the output is metered a
    fixed number of times per row, whatever the number of rows."""
    row = "|| * a\n * b\n  * c ||\n"
    # " * b" and "  * c" per row ("* a" is the cell's paragraph); the rows past the first
    # EAGER_ROWS are parsed again by each renderer that reads them (HTML, then text: table_rows)
    kept = table_rows.EAGER_ROWS
    items, meters = _work(monkeypatch, row * 500)
    assert items == 2 * (kept + 2 * (500 - kept))
    items2, meters2 = _work(monkeypatch, row * 1000)
    assert items2 == 2 * (kept + 2 * (1000 - kept))
    assert abs(meters2 - 2 * meters) <= 10 and meters <= 25 * 500  # a few per page, not per row
