"""Plain table cells take short paths (tables.py, html.py ``_plain_cells``, text.py): the page
they give must be the one the general cell code gives, also where a budget stops the render
in the middle of a table."""
from __future__ import annotations

import pytest

import namumark
from namumark import html, tables, text
from namumark.budget import Limits
from namumark.context import MemoryContext

TABLES = [
    "||" + " x ||" * 120 + "\n",
    "|| 1 || 값 & <b> || [[문서]] ||\n" * 25,
    "|| a || b ||<|2> c || d ||\n|| e || f || g ||\n" * 12,
    "|| a || '''b''' || c [* 각주] || d ||\n" * 15 + "[각주]",
    "|캡션| x || y ||\n" * 20,
    "||<colbgcolor=red> a || b ||\n|| c || d ||\n" * 12,
    "||<(> a ||  b  ||c || ||\n" * 20,
]


def _render(source: str, limits: Limits) -> tuple:
    context = MemoryContext(pages={"문서": "본문"})
    doc = namumark.parse(source)
    result = namumark.render_html(doc, context, title="표", limits=limits)
    plain = namumark.render_text(doc, context, title="표", limits=limits)
    return result.html, plain, result.exceeded


def _without_fast_paths(monkeypatch) -> None:
    monkeypatch.setattr(html.HtmlRenderer, "_plain_cells", lambda self, cells, i, *rest: i)
    monkeypatch.setattr(text, "plain_text_cell", lambda cell: None)


@pytest.mark.parametrize("source", TABLES)
def test_plain_cells_render_as_the_general_code_does_under_every_cap(source, monkeypatch):
    caps = range(50, 3000, 41)
    limit_sets = [Limits(output_chars=c) for c in caps] + [Limits(nodes=c // 8) for c in caps]
    limit_sets += [Limits(text_chars=c) for c in caps]
    fast = [_render(source, lim) for lim in limit_sets]
    _without_fast_paths(monkeypatch)
    general = [_render(source, lim) for lim in limit_sets]
    assert fast == general
    # the caps do cut these tables at many different places
    assert len({page for page, _, _ in general}) > 10


def test_cells_without_attributes_share_one_read_only_dict():
    doc = namumark.parse("|| a || b ||\n|| c ||<bgcolor=red> d ||\n")
    cells = [cell for row in doc.children[0].rows for cell in row.cells]
    assert cells[0].attrs is cells[1].attrs is cells[2].attrs is tables._NO_ATTRS
    assert tables._NO_ATTRS == {}
    assert cells[3].attrs == {"bg": ("red", None)}
