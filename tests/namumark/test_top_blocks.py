"""Long pages keep their first top-level blocks only; the others are skimmed by the page parse
and made again from the source when read (top_blocks.py). The blocks made again must be the
blocks the whole parse makes, and the HTML, the text, the metadata and the sections those of a
page parsed whole."""
from __future__ import annotations

import copy
import gc
import pickle
import random
import tracemalloc

import pytest

import namumark
from namumark import limits, top_blocks
from namumark.budget import Limits
from namumark.context import MemoryContext
from namumark.nodes import Heading, to_dict
from namumark.top_blocks import TopBlocks

BLOCKS = ["본문 '''굵게''' [[문서]]", "== 제목 ==", "=== 아래 [[링크]] ===", "==# 접힘 #==",
          "## 주석", "----", "|| 칸 || 둘 ||\n|| 셋 || 넷 ||", " * 항목\n 1. 번호\n * 다시",
          " 들여쓰기\n 둘째 줄", "> 인용\n>> 깊은 인용", "[* 각주] 문단", "[각주]", "[목차]",
          "{{{#!wiki\n== 안쪽 ==\n}}}", "[[분류:분류]]", "", "  ", "|| 닫히지 않음",
          "{{{#!if a == 1\n조건\n}}}", "[include(틀:없음)]", "== 제목 ==", "==== 깊은 제목 ====",
          # what the skim measures without building: lists of several kinds, items carried on
          # by a table row or a group, tables with a caption, a comment or a group between rows
          " * 항목\n || 문법 ||설명\n이어짐 ||\n * 다음", " 1. 하나\n * 둘\n a. 셋\n  * 깊게\n i. 넷",
          "  * 깊게 시작\n * 얕게\n 1. 번호", " * 바깥{{{#!folding 더보기\n * 안쪽\n}}}\n * 뒤",
          " * 항목\n 이어지는 줄\n## 주석\n * 또", "|캡션|| 가 || 나 ||\n|| 다 || 라 ||",
          "|| 가 ||\n## 주석\n|| 나 ||", "|| {{{#!wiki\n칸 안\n}}} ||\n|| 끝 ||",
          "문단\n|| 표가 문단을 끝냄 ||", "문단\n|| 닫히지 않은 표", " * 목록\n|| 표 ||"]


def _sources() -> list[str]:
    rng = random.Random(11)
    pages = ["\n".join(rng.choice(BLOCKS) for _ in range(rng.randint(5, 60))) for _ in range(12)]
    return [
        *pages,
        "".join("== 제목 %d ==\n본문 '''굵게'''\n" % i for i in range(40)) + "[목차]",
        "[목차]\n" + "".join("=== 제목 %d ===\n문단\n" % i for i in range(30)),
        "문단\n" * 30,  # no heading at all
        "## 주석 뿐\n" * 5 + "문단",
    ]


@pytest.fixture
def tiny(monkeypatch):
    """Every page is long and keeps only ``EAGER_BLOCKS`` top-level blocks."""
    monkeypatch.setattr(top_blocks, "LONG_DOCUMENT_CHARS", 0)
    monkeypatch.setattr(top_blocks, "EAGER_BLOCKS", 2)


def _whole(src: str, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(top_blocks, "LONG_DOCUMENT_CHARS", 10**12)
        return namumark.parse(src)


def _ctx():
    return MemoryContext(pages={"틀:있음": "틀 본문"})


def test_a_long_page_keeps_only_its_first_blocks(tiny):
    src = "".join("== 제목 %d ==\n본문 '''굵게'''\n" % i for i in range(20))
    doc = namumark.parse(src)
    assert type(doc.children) is TopBlocks
    assert len(doc.children.made()) == 2
    assert doc.children.total == 40
    # the headings are kept (the numbering reads them), the paragraphs are not
    assert [h.start for h in doc.children.headings()] == [
        src.index("== 제목 %d ==" % i) for i in range(20)]


def test_short_pages_are_parsed_whole():
    doc = namumark.parse("== 제목 ==\n문단\n" * 100)
    assert type(doc.children) is tuple


def test_streamed_equals_materialised_equals_whole(tiny, monkeypatch):
    for src in _sources():
        whole = _whole(src, monkeypatch)
        doc = namumark.parse(src)
        if type(doc.children) is not TopBlocks:
            continue
        streamed = list(doc.children.stream())
        assert [to_dict(n) for n in streamed] == [to_dict(n) for n in whole.children], src
        # the kept headings stand in for the ones made again
        kept = doc.children.headings()
        assert all(any(h is n for n in streamed) for h in kept)
        assert doc.children.total == len(whole.children)
        assert list(doc.children) == list(whole.children)  # an ordinary read keeps them all
        assert type(doc.children) is TopBlocks and doc.children._source is None


def test_the_skim_counts_the_blocks_of_real_pages(tiny, monkeypatch):
    """Tables and lists are measured by the skim, not built: the count and the blocks made
    again are those of a whole parse, over every corpus document (or generated ones)."""
    from test_unique_ids import corpus_sources

    for name, src in corpus_sources():
        whole = _whole(src, monkeypatch)
        doc = namumark.parse(src)
        if type(doc.children) is not TopBlocks:
            continue
        assert doc.children.total == len(whole.children), name
        assert [to_dict(n) for n in doc.children.stream()] == [to_dict(n) for n in whole.children], name


def test_outputs_equal_the_whole_parse(tiny, monkeypatch):
    for src in _sources():
        whole = _whole(src, monkeypatch)
        a = namumark.render_html(namumark.parse(src), _ctx(), title="문서")
        b = namumark.render_html(whole, _ctx(), title="문서")
        assert (a.html, a.headings, a.footnotes, a.categories) == (
            b.html, b.headings, b.footnotes, b.categories), src
        assert namumark.render_text(namumark.parse(src), _ctx()) == namumark.render_text(whole, _ctx())
        assert namumark.metadata(namumark.parse(src)) == namumark.metadata(whole)
        assert namumark.sections(namumark.parse(src)) == namumark.sections(whole)
        t1, r1 = namumark.text_and_references(namumark.parse(src), _ctx())
        t2, r2 = namumark.text_and_references(whole, _ctx())
        assert (t1, r1.links, r1.includes, r1.categories) == (t2, r2.links, r2.includes, r2.categories)


def test_the_budget_stops_inside_a_streamed_page(tiny, monkeypatch):
    src = "".join("== 제목 %d ==\n본문 %s\n" % (i, "가" * 50) for i in range(200))
    small = Limits(output_chars=3000)
    a = namumark.render_html(namumark.parse(src), limits=small)
    b = namumark.render_html(_whole(src, monkeypatch), limits=small)
    assert a.html == b.html and a.exceeded == b.exceeded == ["output"]


def test_headings_past_the_limit_are_text(tiny, monkeypatch):
    monkeypatch.setattr(limits, "MAX_HEADINGS", 5)
    src = "".join("== 제목 %d ==\n문단\n" % i for i in range(12)) + "[목차]"
    doc = namumark.parse(src)
    assert len(doc.children.headings()) == 5
    a = namumark.render_html(doc)
    b = namumark.render_html(_whole(src, monkeypatch))
    assert a.html == b.html and len(a.headings) == 5


def test_copies_and_pickles_hold_every_block(tiny):
    src = "".join("== 제목 %d ==\n문단 %d\n" % (i, i) for i in range(10))
    for made in (copy.deepcopy(namumark.parse(src)), pickle.loads(pickle.dumps(namumark.parse(src)))):
        assert type(made.children) is list and len(made.children) == 20
        assert made.children[-1].children[0].text == "문단 9"


def test_peak_of_many_sections():
    # parse and render of 20,000 sections: 23.8x its UTF-8 size before (the whole tree, the
    # newline positions as ints, a dict of the headings, the [목차] joined beside the page)
    src = "".join("== 제목 %d ==\n본문 '''굵게'''\n" % i for i in range(20000)) + "[목차]"
    gc.collect()
    tracemalloc.start()
    try:
        namumark.render_html(namumark.parse(src), title="벤치")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 * len(src.encode())
