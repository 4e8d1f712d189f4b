"""The bundled syntax guide (content/syntax_help.namu) teaches NamuMark with examples that show their
source and, beside it, its rendering. These tests fail when an example's source is rendered instead
of shown (markup inside the 입력 column), when the rendering beside it is not the rendering of the
source shown, or when an example leaks into the page itself (a real category)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import namumark
import pytest

HELP = Path(__file__).resolve().parents[2] / "src" / "seedwiki" / "content" / "syntax_help.namu"
VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr", "source"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def elements(self):
        return [c for c in self.children if isinstance(c, Node)]

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag):
        for child in self.elements():
            if child.tag == tag:
                yield child
            yield from child.find_all(tag)


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("root", [], None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def tree(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    return builder.root


def rows_of(table: Node):
    return [tr for tr in table.find_all("tr") if _owner_table(tr) is table]


def _owner_table(node):
    node = node.parent
    while node.tag != "table":
        node = node.parent
    return node


def cells_of(tr: Node):
    return [td for td in tr.elements() if td.tag == "td"]


def without_footnote_list(root: Node) -> Node:
    """The rendering without the footnote list a page ends with (a lone example gets its own)."""
    for node in list(root.find_all("div")):
        if "wiki-macro-footnote" in node.attrs.get("class", ""):
            node.parent.children.remove(node)
    return root


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def help_source() -> str:
    first, _, body = HELP.read_text(encoding="utf-8").partition("\n")
    assert first.startswith("title:")
    return body.replace("{site}", "seedwiki")


@pytest.fixture(scope="module")
def example_tables(help_source):
    """(header texts, data rows) of every table whose first column is headed 입력."""
    root = tree(namumark.render_html(namumark.parse(help_source), title="seedwiki:문법 도움말").html)
    found = []
    for table in root.find_all("table"):
        rows = rows_of(table)
        header = [c.text().strip() for c in cells_of(rows[0])]
        if header and header[0] == "입력":
            found.append((header, rows[1:]))
    return found


def test_the_guide_covers_the_syntax(example_tables, help_source):
    assert len(example_tables) >= 15
    assert sum(len(rows) for _, rows in example_tables) >= 70
    headings = [h.text for h in namumark.metadata(namumark.parse(help_source)).headings]
    for topic in ("글자 꾸미기", "링크", "문단", "목록과 들여쓰기", "각주", "표", "접기", "매크로", "분류", "넘겨주기",
                  "문법을 그대로 보이기"):
        assert topic in headings


def test_every_example_source_is_shown_not_rendered(example_tables):
    for header, rows in example_tables:
        for tr in rows:
            shown = cells_of(tr)[0]
            literal, wrappers = shown, []
            # unwrap the paragraph / code box around the literal down to its innermost element
            while len(literal.elements()) == 1 and squash(literal.text()) == squash(literal.elements()[0].text()):
                literal = literal.elements()[0]
                wrappers.append(literal.tag)
            # the source cell holds one literal (inline code, or a code box for several lines) and
            # nothing else: no bold text, link, footnote, category or list rendered from it
            assert wrappers and set(wrappers) <= {"div", "pre", "code"} and wrappers[-1] in ("pre", "code"), \
                (header, shown.text(), wrappers)
            assert not literal.elements(), ("markup rendered inside an example's source", shown.text())
            blocks = [literal]
            assert squash(shown.text()) == squash(blocks[0].text()) != ""


def test_each_rendering_is_the_rendering_of_the_source_shown(example_tables):
    checked = 0
    for header, rows in example_tables:
        if header[1] != "결과":
            continue  # 뜻 columns explain in words (categories, redirects, files: not renderable here)
        for tr in rows:
            source_cell, result_cell = cells_of(tr)[:2]
            source = source_cell.text().strip("\n")
            alone = without_footnote_list(tree(namumark.render_html(namumark.parse(source)).html)).text()
            # footnote numbers depend on the page, the rest of the text must match
            assert squash(re.sub(r"\[\d+\]", "", alone)) == squash(re.sub(r"\[\d+\]", "", result_cell.text())), source
            checked += 1
    assert checked >= 40


def test_examples_do_not_leak_into_the_help_page(help_source):
    meta = namumark.metadata(namumark.parse(help_source))
    assert meta.categories == []  # the 분류 examples are shown, not applied
    assert meta.redirect is None
    # the footnote examples render real footnotes in their 결과 cells, and only there
    html = namumark.render_html(namumark.parse(help_source)).html
    assert html.count('class="wiki-fn-content"') == 2
