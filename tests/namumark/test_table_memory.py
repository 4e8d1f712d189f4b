"""How tables hold their data (issue 11, peak memory ≤ 10× the source): cells written with the
same options share one read-only attribute dict, and a line of separators that never ends a row
is refused without a Python object per separator."""
from __future__ import annotations

import gc
import tracemalloc

import namumark
from namumark.nodes import to_dict


def _cells(doc):
    return [cell for table in doc.children for row in table.rows for cell in row.cells]


def test_cells_with_the_same_options_share_one_dict_and_keep_their_meaning():
    doc = namumark.parse("||<bgcolor=#fff><:> a ||<bgcolor=#fff><:> b ||\n"
                         "||<rowbgcolor=red><bgcolor=#fff> c ||\n"
                         "||<rowbgcolor=red><bgcolor=#fff> d ||\n"
                         "||||<colbgcolor=blue> e ||<colbgcolor=blue> f ||\n"
                         "||<tablewidth=50%><bgcolor=#fff><-2> g ||\n")
    a, b, c, d, e, f, g = _cells(doc)
    table = doc.children[0]
    white = {"bg": ("#ffffff", None)}
    assert a.attrs is b.attrs and a.attrs == white and a.align == b.align == "center"
    # options of the row or the table written in a cell reach every row that writes them
    assert c.attrs == d.attrs == white
    assert table.rows[1].attrs == table.rows[2].attrs == {"bg": ("red", None)}
    # a column colour covers as many columns as the cell spans: the same text, other pipes
    assert e.attrs == {"colbg": ("blue", None), "colspan_at": 2} and e.colspan == 2
    assert f.attrs == {"colbg": ("blue", None), "colspan_at": 1} and f.colspan == 1
    assert table.attrs == {"width": "50%"} and g.attrs == white and g.colspan == 2
    # shared or not, each cell reads as if parsed alone
    for cell, alone in zip((b, d, f), ("||<bgcolor=#fff><:> b ||\n", "||<rowbgcolor=red><bgcolor=#fff> d ||\n",
                                       "||<colbgcolor=blue> f ||\n")):
        single = _cells(namumark.parse(alone))[0]
        assert (single.attrs, single.colspan, single.align) == (cell.attrs, cell.colspan, cell.align)


def test_a_row_that_never_ends_costs_no_object_per_separator():
    source = "|| 칸 " * 100_000  # no "||" before the end: not a table
    gc.collect()
    tracemalloc.start()
    try:
        doc = namumark.parse(source)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert to_dict(doc.children[0])["type"] == "Paragraph"
    # a tuple and two ints per separator held ~19x the source; now ~1.5x (mostly the text)
    assert peak < 4 * len(source.encode("utf-8"))
