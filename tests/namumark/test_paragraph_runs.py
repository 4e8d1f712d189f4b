"""A long paragraph keeps only its first nodes; the rest are made from the source when read
(namumark/paragraph_runs.py). Whatever reads it, the page must come out as a whole parse makes it."""
from __future__ import annotations

import copy
import gc
import pickle
import tracemalloc

import pytest

import namumark
import namumark.blocks as blocks
import namumark.paragraph_runs as runs
from namumark.context import MemoryContext
from namumark.nodes import Paragraph
from namumark.paragraph_runs import LongParagraph

UNIT = "가나다 '''라마''' [[바사]] 아자차 "

SOURCES = {
    "one long line": UNIT * 40,
    "lines": (UNIT + "\n") * 40,
    "notes then the list": "[* 각주 하나] 본문 " * 60 + "\n[각주]",
    "includes and breaks": "[include(틀:t, a=1)]\n앞 '''굵게'''\n" * 40,
    "inside a wiki group": "{{{#!wiki style=\"color: red\"\n" + UNIT * 40 + "\n}}}",
    "after a heading": "== 제목 ==\n" + UNIT * 40 + "\n== 둘 ==\n" + UNIT * 10,
    "with a category (kept whole)": UNIT * 40 + "[[분류:시험]]",
    "a category line first (kept whole)": "[[Category:시험]]\n" + UNIT * 40,
    "a category-like text (read in parts)": UNIT * 40 + " 분류: 글자 [[분류 아님]]",
}


def _context():
    return MemoryContext(pages={"문서": "본문", "틀:t": "@a@ [[문서]] [* 틀 각주]"}, assume_exists=False)


def _render(source: str) -> str:
    return namumark.render_html(namumark.parse(source), context=_context(), title="시험").html


@pytest.fixture
def tiny_parts(monkeypatch):
    """Paragraphs of 16 characters or more are read a part at a time, 7 nodes a part."""
    monkeypatch.setattr(blocks, "LONG_PARAGRAPH_CHARS", 16)
    monkeypatch.setattr(runs, "RUN_NODES", 7)


@pytest.fixture
def whole(monkeypatch):
    monkeypatch.setattr(blocks, "LONG_PARAGRAPH_CHARS", 1 << 40)


def _long_paragraphs(doc) -> list:
    found, stack = [], list(doc.children)
    while stack:
        node = stack.pop()
        if type(node) is Paragraph and type(node._of) is LongParagraph:
            found.append(node)
        stack.extend(c for c in getattr(node, "children", ()) or () if not isinstance(c, str))
    return found


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_parts_render_as_the_whole(name, request):
    source = SOURCES[name]
    request.getfixturevalue("whole")
    expected_html = _render(source)
    expected_text = namumark.render_text(namumark.parse(source), context=_context(), title="시험")
    expected_meta = namumark.metadata(namumark.parse(source), title="시험")
    request.getfixturevalue("tiny_parts")
    assert _render(source) == expected_html
    assert namumark.render_text(namumark.parse(source), context=_context(), title="시험") == expected_text
    assert namumark.metadata(namumark.parse(source), title="시험") == expected_meta


def test_a_long_paragraph_holds_only_its_first_nodes(tiny_parts):
    doc = namumark.parse(UNIT * 40)
    (paragraph,) = doc.children
    assert type(paragraph._of) is LongParagraph
    assert 7 <= len(paragraph._of.first) <= 8  # a node and the text before it come together
    namumark.render_html(doc, context=_context(), title="시험")
    assert type(paragraph._of) is LongParagraph  # the renderer kept none of the others


@pytest.mark.parametrize("name, parts", [
    ("with a category (kept whole)", False),
    ("a category line first (kept whole)", False),
    ("a category-like text (read in parts)", True),
])
def test_a_paragraph_with_a_category_is_made_whole(tiny_parts, name, parts):
    assert bool(_long_paragraphs(namumark.parse(SOURCES[name]))) is parts


def test_an_ordinary_read_makes_every_node(tiny_parts, monkeypatch):
    source = UNIT * 40
    lazy = namumark.parse(source).children[0]
    monkeypatch.setattr(blocks, "LONG_PARAGRAPH_CHARS", 1 << 40)
    eager = namumark.parse(source).children[0]
    assert lazy == eager
    assert lazy.children == eager.children and type(lazy._of) is tuple  # made once, then kept


@pytest.mark.parametrize("clone", [copy.deepcopy, lambda p: pickle.loads(pickle.dumps(p))])
def test_copies_hold_every_node(tiny_parts, clone):
    paragraph = namumark.parse(UNIT * 40).children[0]
    assert type(paragraph._of) is LongParagraph
    twin = clone(paragraph)
    assert type(twin._of) is tuple and twin == paragraph


def test_rendering_a_long_paragraph_stays_within_ten_times_its_source():
    source = UNIT * 6000  # ~250 KB, one paragraph: ~15x its size while rendered when made whole
    size = len(source.encode("utf-8"))
    gc.collect()
    tracemalloc.start()
    try:
        namumark.render_html(namumark.parse(source), context=_context(), title="시험")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * size, f"peak {peak / size:.1f}x the source"
