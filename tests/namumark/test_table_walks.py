"""The walks of the tree the wiki runs on every view, save and import (metadata(), references(),
sections(), meta.walk(), text_and_references()) read a long table's rows as render_html does:
made a batch at a time from the source and not kept (table_rows.lazy_cells). They must find what
they find in a table parsed whole, in the same order."""
from __future__ import annotations

import gc
import tracemalloc

import pytest

import namumark
from namumark import table_rows, tables
from namumark.budget import Limits
from namumark.context import MemoryContext
from namumark.meta import walk

ROW = "||<bgcolor=#fff> {i} || '''값''' || [[문서]] || {{{{{{#red 빨강}}}}}} ||"
# what a cell may point at or hold, written in late rows (past the rows made with the page)
LATE = ["[[문서{i}]]", "[[분류:분류{i}]]", "[* 각주 {i} [[각주 안{i}]]]", "[[파일:그림{i}.png]]",
        "[include(틀:틀{i}, a=1)]", "[[../형제{i}]]", "[[/하위{i}|라벨 [[안{i}]]]]",
        "{{{{{{#!wiki\n[[위키{i}]]\n}}}}}}", "[[분류:분류1#정렬{i}]]", "{{{{{{#!if a==1\n[[조건{i}]]\n}}}}}}",
        "{{{{{{#!wiki\n|| 안 || [[중첩{i}]] ||\n|| 둘 || [[중첩 둘{i}]] ||\n}}}}}}", "> [[인용{i}]]"]


def _late(n: int) -> str:
    """A table of ``n`` rows whose references sit in every row, the first kind repeated late."""
    return "\n".join(f"|| {i} || {LATE[i % len(LATE)].format(i=i % 40)} || [[문서{i % 3}]] ||"
                     for i in range(n))


SOURCES = [
    _late(60),
    "|캡션 [[캡션 링크]]|" + _late(45)[2:] + "\n== 뒤 ==\n[[끝]] [[분류:끝]]",
    "== 앞 ==\n" + _late(30) + "\n\n[[사이]]\n\n" + "\n".join(f"||<|2> [[둘{i}]] ||" for i in range(25)),
    " * 목록\n" + "\n".join("  " + line for line in _late(20).split("\n")),
    "|| {{{#!wiki\n" + _late(25) + "\n}}} ||\n" + _late(12),  # a long table inside a cell
]


def _few(monkeypatch) -> None:
    """Keep 5 rows (batches of 5): every table above has rows not made and several batches."""
    monkeypatch.setattr(tables, "EAGER_ROWS", 5)
    monkeypatch.setattr(table_rows, "EAGER_ROWS", 5)


def _refs(r) -> tuple:
    return (r.links, r.files, [(c.title, c.sort_key, c.blur) for c in r.categories],
            [(i.title, dict(i.args), i.start) for i in r.includes])


def _walks(source: str) -> list:
    """What each walk finds, each on a tree of its own (none made the rows before it)."""
    ctx = MemoryContext(pages={"문서": "본문"})
    small = Limits(text_chars=200)  # the text stops: its references are gathered apart
    return [
        namumark.metadata(namumark.parse(source), title="상위/표"),
        _refs(namumark.references(namumark.parse(source), title="상위/표")),
        namumark.sections(namumark.parse(source)),
        [(type(n).__name__, n.start, n.end) for n in walk(namumark.parse(source))],
        [(t, _refs(r)) for t, r in (namumark.text_and_references(namumark.parse(source), ctx, title="표"),
                                    namumark.text_and_references(namumark.parse(source), ctx, title="표",
                                                                 limits=small))],
    ]


def _long_tables(node) -> list:
    """The TableRows of the long tables at the top of a tree (a table in a list item or a quote
    is parsed whole)."""
    return [n.rows for n in node.children if type(getattr(n, "rows", None)) is table_rows.TableRows]


@pytest.mark.parametrize("source", SOURCES)
def test_walks_of_a_long_table_find_what_a_whole_parse_finds_in_order(source, monkeypatch):
    monkeypatch.setattr(tables, "EAGER_ROWS", 10**9)
    whole = _walks(source)
    _few(monkeypatch)
    assert _walks(source) == whole


def test_the_walks_leave_the_rows_not_made(monkeypatch):
    _few(monkeypatch)
    doc = namumark.parse(_late(40) + "\n\n[[사이]]\n\n" + _late(30))
    kept = _long_tables(doc)
    assert len(kept) == 2 and all(len(rows.made()) == 5 for rows in kept)
    namumark.metadata(doc, title="표")
    namumark.references(doc)
    namumark.sections(doc)
    for _ in walk(doc):
        pass
    namumark.text_and_references(doc, limits=Limits(text_chars=200))
    assert [len(rows.made()) for rows in kept] == [5, 5]
    assert [rows.total for rows in kept] == [40, 30]


def test_a_walk_left_half_way_lets_its_rows_go(monkeypatch):
    _few(monkeypatch)
    doc = namumark.parse(_late(40))
    seen = 0
    for n in walk(doc):
        seen += 1
        if seen == 60:
            break
    assert len(doc.children[0].rows.made()) == 5
    # the page's own tree still reads whole afterwards
    assert len(doc.children[0].rows) == 40


def _peak(job) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        job()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_page_view_of_a_long_table_stays_within_what_the_render_needs():
    # metadata() read every row as a list: with render_html, ~47x the source (render alone ~15x)
    source = "\n".join(ROW.format(i=i) for i in range(3000))
    ctx = MemoryContext(pages={"문서": "본문"})
    namumark.render_html(namumark.parse(source[:2000]), ctx)  # warm: caches filled outside the count

    def view():
        doc = namumark.parse(source)
        meta = namumark.metadata(doc, title="표")
        html = namumark.render_html(doc, ctx, title="표").html
        assert meta.links == ["문서"] and html.count("<tr") == 3000

    assert _peak(view) < 25 * len(source.encode())


def test_the_analysis_of_a_long_table_stays_within_what_the_render_needs():
    # a text the budget stopped gathered the references apart, reading every row as a list:
    # ~40x the source, ~8.7x now
    source = "\n".join(ROW.format(i=i) for i in range(3000)) + "\n\n[[끝]]"

    def analyse():
        text, refs = namumark.text_and_references(namumark.parse(source), title="표",
                                                  limits=Limits(text_chars=20_000))
        assert refs.links == ["문서", "끝"] and len(text) == 20_000

    assert _peak(analyse) < 12 * len(source.encode())
