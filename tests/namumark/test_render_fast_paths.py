"""Short paths that skip work (issue 11, speed) must give the page the general code gives, also
where a budget stops the render: cells with options (their <td> tag looked up, their plain
paragraph written at once, their options applied from a table of parsed options), plain list
items and nested {{{#!wiki}}} / {{{#!folding}}} groups in the search text, and the URL quoting."""
from __future__ import annotations

import urllib.parse

import pytest

import namumark
from namumark import escape, html, html_tables, tables, text
from namumark.budget import Limits

from test_table_fast_paths import _render  # the page, its text and what was refused

SOURCES = [
    "||<width=10px><:>| ||<:><#f00>{{{#fff 4}}}||<-2><bgcolor=red> a & b ||\n" * 20,
    "||<colbgcolor=red> a ||<width=5> ||<-2><bgcolor=blue,#000> c ||\n||<|2><color=#fff> d || || e ||\n"
    "||<nopad><keepall><class=x y> f ||<^|3> g ||\n||<colcolor=green> || h ||\n" * 6,
    " * 하나\n * 둘\n  * 셋\n  * 넷 '''굵게'''\n * 다섯\n" * 20,
    "|| * a\n * b\n  * c ||\n" * 20,
    "{{{#!wiki\n" * 6 + "본문 줄 하나\n  들여쓴 줄\n" * 60 + "}}}\n" * 6,
    "{{{#!wiki\n" * 6 + "본문 줄 하나\n둘째 줄\n" * 60 + "}}}\n" * 6,
    "{{{#!folding 접기\n" * 5 + "{{{#!wiki\n본문\n}}}\n" * 40 + "}}}\n" * 5,
    "{{{#!folding 접기\n" * 5 + "{{{#!wiki\nx\n y\n}}}\n" * 8 + "}}}\n" * 5,
    "{{{#!folding  띄운 요약\n안\n}}}\n{{{#!wiki\n}}}\n> {{{#!wiki\n인용 안\n}}}\n" * 10,
]


class _NoCache(dict):
    def get(self, key, default=None):
        return default


def _group_paragraph_in_general(self, box, lines):
    body = self.inline([box])
    if not body.startswith(" ") and "\n " not in body:
        lines.extend(body.split("\n"))
    else:
        lines.extend([ln.lstrip(" ") for ln in body.split("\n")])


def _without_fast_paths(monkeypatch) -> None:
    monkeypatch.setattr(html.HtmlRenderer, "_cell_body", lambda self, cell, out: self.blocks(cell.children, out))
    monkeypatch.setattr(html_tables, "_CELL_OPEN", _NoCache())
    monkeypatch.setattr(tables, "apply_attr_cached", tables.apply_attr)
    monkeypatch.setattr(text, "plain_text_cell", lambda cell: None)
    monkeypatch.setattr(text.TextRenderer, "_group_paragraph", _group_paragraph_in_general)


@pytest.mark.parametrize("source", SOURCES)
def test_short_paths_render_as_the_general_code_does_under_every_cap(source, monkeypatch):
    caps = range(40, 2500, 53)
    limit_sets = [Limits(output_chars=c) for c in caps] + [Limits(nodes=c // 8) for c in caps]
    limit_sets += [Limits(text_chars=c) for c in caps] + [Limits()]
    fast = [_render(source, lim) for lim in limit_sets]
    _without_fast_paths(monkeypatch)
    general = [_render(source, lim) for lim in limit_sets]
    assert fast == general
    # the caps do cut these pages (their HTML or their text) at many different places
    assert len({(page, plain) for page, plain, _ in general}) > 10


def test_a_cell_tag_looked_up_is_the_one_built():
    source = "||<width=10px><:> a ||<width=10px><:> b ||\n"
    first = namumark.render_html(namumark.parse(source)).html
    assert first.count('<td style="text-align: center; width: 10px;">') == 2
    assert namumark.render_html(namumark.parse(source)).html == first


def test_options_applied_from_the_table_of_parsed_options():
    doc = namumark.parse("||<-3><colbgcolor=red> a ||\n||<-2><colbgcolor=red> b ||\n")
    first, second = (row.cells[0] for row in doc.children[0].rows)
    assert first.attrs == {"colbg": ("red", None), "colspan_at": 3}
    assert second.attrs == {"colbg": ("red", None), "colspan_at": 2}


@pytest.mark.parametrize("safe", ["/", "/:()!,'*", "-._~!$'()*+,;=:@/", "/:?#[]@!$&'()*+,;=%-._~", ""])
def test_quote_is_urllibs(safe):
    samples = ["", "문서", "틀:상위 문서/하위", "a b+c&d=e?f#g", "100% \"x\" <y>", "이모지 😀 끝",
               "\u3000\xa0\t\n", "".join(chr(c) for c in range(128)), "~_.-", "A" * 300 + "가"]
    for s in samples:
        assert escape.quote(s, safe) == urllib.parse.quote(s, safe=safe)
