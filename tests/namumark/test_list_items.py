"""Long lists keep their first items only; the others are made again from the source when read
(list_items.py). The items made again must be the items the page parse makes, and the HTML,
the text, the references and the budgets' verdicts those of a list built whole."""
from __future__ import annotations

import copy
import gc
import pickle
import random
import tracemalloc

import pytest

import namumark
from namumark import blocks, limits, list_items
from namumark.budget import Limits
from namumark.context import MemoryContext
from namumark.list_items import ListItems
from namumark.meta import walk
from namumark.nodes import ListBlock, to_dict

DEEP = "\n".join(" " * level + "* 항목" for level in range(1, 25)) + "\n"
MARKERS = ["*", "*", "*", "1.", "1.#3", "a.", "*#7"]
TEXTS = ["항목", "'''굵게''' [[문서]]", "[* 각주]", "[[분류:분류]]", "{{{#red 빨강}}}", "> 인용",
         "== 제목 ==", "", "|| 칸 ||"]


def _random_list(rng: random.Random, lines: int) -> str:
    """One-line marker items at random depths, a top-level marker kind that changes now and
    then, comment lines, top-level items less indented than the first line."""
    out = ["  * 첫 줄"]
    top = "*"
    for _ in range(lines):
        r = rng.random()
        if r < 0.03:
            out.append("##주석")
            continue
        if r < 0.06:
            top = rng.choice(MARKERS)
        indent = rng.choice([1, 2, 2, 3, 4, 6, 9])
        marker = top if indent <= 2 else rng.choice(MARKERS)
        out.append(" " * indent + marker + " " + rng.choice(TEXTS) + " %d" % len(out))
    return "\n".join(out)


def _sources() -> list[str]:
    rng = random.Random(11)
    lists = [_random_list(rng, rng.randint(20, 90)) for _ in range(6)]
    return [
        *lists,
        "앞 문단\n" + lists[0] + "\n##끝 주석\n뒤 문단\n" + lists[1],
        DEEP * 6,
        DEEP * 3 + " 1. 번호\n" * 12 + DEEP * 2,  # another kind of marker between long lists
        "|| 칸\n" + lists[2] + " ||\n|| 둘 ||",  # in a table cell: the document's text too
        "{{{#!wiki\n" * (limits.MAX_BLOCK_DEPTH - 3) + DEEP * 2 + "}}}\n" * (limits.MAX_BLOCK_DEPTH - 3),
        "> 인용\n" + "\n".join(">" + line for line in lists[3].split("\n")),  # a stripped body: whole
        " * 항목 [* 각주]\n" * 40 + "[각주]",
        # lines the page parse checks without keeping them, that send the list back to the
        # general code or end it, or that the quick check of those lines leaves to the loop
        DEEP * 2 + " 1.x 번호 아님\n" + DEEP,
        DEEP * 2 + "  이어지는 줄\n" + DEEP,
        DEEP * 2 + " * {{{#!wiki\n 여러 줄\n}}}\n" + DEEP,
        DEEP * 2 + "  1.#1234567890 x\n" + DEEP,
        DEEP * 2 + " 1.#١٢ 아라비아 숫자\n   a.#12 y\n" + DEEP,
        DEEP * 2 + "##주석\n" + DEEP + "##끝\n\n" + DEEP * 2 + "문단\n" + DEEP * 2,
        DEEP * 2 + " * {{{#red 한 줄}}} [[문서]]\n" * 3 + "   * {{{#red 한 줄}}}\n" + DEEP,
    ]


SOURCES = _sources()
LIMITS = [None, Limits(nodes=400), Limits(output_chars=3_000)]


def _keep(monkeypatch, lines: int) -> None:
    """Keep ``lines`` lines of a list (0: every item) and make the others as many at a time."""
    monkeypatch.setattr(blocks, "EAGER_LINES", lines)
    monkeypatch.setattr(list_items, "EAGER_LINES", lines)


def _few(monkeypatch) -> None:
    _keep(monkeypatch, 5)  # every long list above has deferred items, in many batches


def _all(monkeypatch) -> None:
    _keep(monkeypatch, 0)


def _context() -> MemoryContext:
    return MemoryContext(pages={"문서": "본문"})


def _outputs(source: str) -> list:
    """HTML, verdicts, text, metadata, references under every limit, then the tree (read last:
    it makes the items)."""
    out = []
    for lim in LIMITS:
        result = namumark.render_html(namumark.parse(source), _context(), title="목록", limits=lim)
        out.append((result.html, result.exceeded, result.footnotes, result.categories))
        out.append(namumark.render_text(namumark.parse(source), _context(), title="목록", limits=lim))
        text, refs = namumark.text_and_references(namumark.parse(source), title="목록", limits=lim)
        out.append((text, refs.links, refs.categories))
    out.append(namumark.metadata(namumark.parse(source), title="목록"))
    out.append(to_dict(namumark.parse(source)))
    return out


def _lists(doc) -> list:
    return [n for n in walk(doc) if type(n) is ListBlock]


@pytest.mark.parametrize("k", range(len(SOURCES)))
def test_items_made_again_are_the_items_the_page_parse_makes(k, monkeypatch):
    outputs = []
    for lines in (0, 5):  # every item built with the page, then only 5 lines' worth
        _keep(monkeypatch, lines)
        outputs.append(_outputs(SOURCES[k]))
    assert outputs[0] == outputs[1]


def test_with_few_lines_kept_the_sources_defer_items(monkeypatch):
    _few(monkeypatch)
    lazy = [any(type(n.items) is ListItems for n in _lists(namumark.parse(s))) for s in SOURCES]
    # not in the stripped body of a quote, nor where a line sends the list to the general code
    assert lazy == [True] * 11 + [False, True] + [False, False, False, False, True, True, True]


def test_a_long_list_keeps_its_first_items_and_reads_as_a_whole_tuple(monkeypatch):
    _few(monkeypatch)
    source = DEEP * 4  # 4 top-level items of 24 lines: the first kept, 3 made again
    block = namumark.parse(source).children[0]
    items = block.items
    assert type(items) is ListItems and items.total == 4 and len(items.made()) == 1
    assert block.end == len(source) - 1  # the list ends where its last item does
    # rendering and walking stream the rest: still not kept afterwards
    doc = namumark.Document(0, len(source), [block], None, source)
    namumark.render_html(doc)
    namumark.render_text(doc)
    namumark.metadata(doc)
    assert len(items.made()) == 1
    assert [to_dict(i) for i in items.stream()] == [to_dict(i) for i in namumark.parse(source).children[0].items]
    # an ordinary read makes them once, and they are the items of a whole parse
    _all(monkeypatch)
    whole = namumark.parse(source).children[0]
    assert type(whole.items) is tuple
    assert len(items) == 4 and len(items.made()) == 4
    assert items == whole.items and whole.items == items and block == whole
    assert to_dict(block) == to_dict(whole)


def test_copies_and_pickles_of_a_long_list_hold_every_item(monkeypatch):
    _few(monkeypatch)
    source = DEEP * 3
    made = [to_dict(namumark.parse(source).children[0].items[k]) for k in range(3)]
    for clone in (copy.deepcopy, copy.copy, lambda r: pickle.loads(pickle.dumps(r))):
        items = namumark.parse(source).children[0].items
        assert items and len(items.made()) == 1  # truth makes no item
        assert [to_dict(i) for i in clone(items)] == made


def test_a_deep_list_is_rendered_within_10_times_its_source():
    # a list 24 levels deep held ~25x its source while parsed and rendered (all items kept)
    source = DEEP * 300
    namumark.render_html(namumark.parse(DEEP * 20))  # warm: caches filled outside the count
    gc.collect()
    tracemalloc.start()
    try:
        html = namumark.render_html(namumark.parse(source), _context()).html
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert html.count("<li>") == 300 * 24
    assert peak < 10 * len(source.encode())
