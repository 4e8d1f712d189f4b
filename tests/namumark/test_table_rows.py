"""Long tables keep their first rows only; the others are made again from the source when read
(table_rows.py). The rows made again must be the rows the page parse makes, and the HTML, the
text and the budgets' verdicts those of a table parsed whole."""
from __future__ import annotations

import gc
import tracemalloc

import pytest

import namumark
from namumark import table_rows, tables
from namumark.budget import Limits
from namumark.context import MemoryContext
from namumark.nodes import to_dict

ROW = "||<bgcolor=#fff> {i} || '''값''' || [[문서]] || {{{{{{#red 빨강}}}}}} ||"


def _mixed(n: int) -> str:
    """Rows of every kind the row parser reads, options of the table written late, a rowspan
    across the first rows kept, comment lines between rows, a nested long table."""
    kinds = [
        "|| {i} || [[문서{i}]] || {{{{{{#!wiki\n|| 안 || {i} ||\n}}}}}} ||",
        "||<rowbgcolor=red><-2> {i} ||\n##주석",
        "|| * a{i}\n * b\n  * c ||",
        "||<|3><bgcolor=#00f> {i} || x ||",
        "|| > 인용 {i} || [* 각주 {i}] ||",
        "||<thead> 머리 {i} ||",
        "||<tablewidth=50%><tablebgcolor=#eee> {i} ||",
        "|| {{{{{{#!wiki\n" + "\n".join("|| 속 %d ||" % k for k in range(12)) + "\n}}}}}} ||",
    ]
    return "\n".join(kinds[i % len(kinds)].format(i=i) for i in range(n))


SOURCES = [
    _mixed(150),
    "|캡션| 첫 줄 ||\n" + _mixed(90),
    _mixed(100) + "\n|| 닫히지 않는 줄\n|| 뒤 ||",  # the table ends at a row that does not end
    "\n".join("||<thead> 머리 ||" for _ in range(80)) + "\n|| 몸 ||",  # a head past the kept rows
    "||<sortable> a ||\n" + "\n".join(f"|| {i} ||" for i in range(70)),
    "|| {{{#!wiki\n" + _mixed(40) + "\n}}} ||\n" + _mixed(30),  # a long table inside a cell
    "> 인용\n" + "\n".join(f"> || {i} || b ||" for i in range(40)),  # in a stripped body: whole
]
LIMITS = [None, Limits(nodes=900), Limits(output_chars=20_000), Limits(table_area=300),
          Limits(grid_area=250)]


def _few(monkeypatch) -> None:
    """Keep 5 rows (batches of 5): every source above has deferred rows and several batches."""
    monkeypatch.setattr(tables, "EAGER_ROWS", 5)
    monkeypatch.setattr(table_rows, "EAGER_ROWS", 5)


def _all(monkeypatch) -> None:
    monkeypatch.setattr(tables, "EAGER_ROWS", 10**9)


def _renders(source: str) -> list:
    """HTML, verdicts and text under every limit, then the tree (read last: it makes the rows)."""
    out = []
    for lim in LIMITS:
        doc = namumark.parse(source)
        result = namumark.render_html(doc, MemoryContext(pages={"문서": "본문"}), title="표", limits=lim)
        out.append((result.html, result.exceeded))
        out.append(namumark.render_text(doc, MemoryContext(pages={"문서": "본문"}), title="표", limits=lim))
    out.append(to_dict(namumark.parse(source)))
    return out


@pytest.mark.parametrize("source", SOURCES)
def test_rows_made_again_are_the_rows_the_page_parse_makes(source, monkeypatch):
    _all(monkeypatch)
    whole = _renders(source)
    _few(monkeypatch)
    assert _renders(source) == whole


def test_a_long_table_keeps_its_first_rows_and_reads_as_a_whole_list(monkeypatch):
    _few(monkeypatch)
    source = _mixed(40)
    table = namumark.parse(source).children[0]
    rows = table.rows
    assert type(rows) is table_rows.TableRows and rows.total == 40
    assert len(rows.made()) == 5
    # rendering streams the rest: still not kept afterwards
    namumark.render_html(namumark.Document(0, len(source), [table], None, source))
    assert len(rows.made()) == 5
    assert [r.start for r in rows.stream()] == [r.start for r in namumark.parse(source).children[0].rows]
    # an ordinary read makes them once, and they are the rows of a whole parse
    _all(monkeypatch)
    whole = namumark.parse(source).children[0]
    assert len(rows) == 40 and len(rows.made()) == 40
    assert rows == whole.rows and to_dict(table) == to_dict(whole)


def test_a_long_table_is_rendered_within_25_times_its_source():
    # the rows of 1 MB pathological table held ~49x the source (bench/namumark_bench.py)
    source = "\n".join(ROW.format(i=i) for i in range(3000))
    namumark.render_html(namumark.parse(source[:2000]))  # warm: caches filled outside the count
    gc.collect()
    tracemalloc.start()
    try:
        html = namumark.render_html(namumark.parse(source), MemoryContext(pages={"문서": "본문"})).html
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert html.count("<tr") == 3000
    assert peak < 25 * len(source.encode())


def test_copies_and_pickles_of_a_long_table_hold_every_row(monkeypatch):
    import copy
    import pickle

    _few(monkeypatch)
    source = _mixed(30)
    made = [to_dict(namumark.parse(source).children[0].rows[k]) for k in range(30)]
    for clone in (copy.deepcopy, copy.copy, lambda r: pickle.loads(pickle.dumps(r))):
        rows = namumark.parse(source).children[0].rows
        assert rows and len(rows.made()) == 5  # truth makes no row
        assert [to_dict(r) for r in clone(rows)] == made
