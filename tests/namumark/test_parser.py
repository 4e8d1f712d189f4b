"""The tree: node kinds, source spans and the linear-time guards of the parser."""
import json

import namumark
from namumark import nodes
from namumark.cli import main as cli_main
from namumark.pairs import Pairs


def kinds(doc):
    return [type(n).__name__ for n in doc.children]


def test_spans_point_into_the_source():
    src = "앞 '''굵게''' [[링크|라벨]] 뒤"
    para = namumark.parse(src).children[0]
    for node in para.children:
        assert 0 <= node.start < node.end <= len(src)
    bold = next(n for n in para.children if isinstance(n, nodes.Style))
    assert src[bold.start:bold.end] == "'''굵게'''"
    link = next(n for n in para.children if isinstance(n, nodes.Link))
    assert src[link.start:link.end] == "[[링크|라벨]]"


def test_block_kinds():
    src = "== 제목 ==\n문단\n----\n * 목록\n끝\n 들여쓰기\n>인용\n|| 표 ||"
    assert kinds(namumark.parse(src)) == [
        "Heading", "Paragraph", "HorizontalRule", "ListBlock", "Paragraph", "Indent", "Quote",
        "Table"]


def test_brace_group_takes_its_lines():
    doc = namumark.parse("{{{#!wiki\n== 제목 아님 ==\n|| 표 ||\n}}}")
    assert kinds(doc) == ["Paragraph"]
    box = doc.children[0].children[0]
    assert isinstance(box, nodes.WikiBox)
    # headings exist only at the top level of a page: inside a group the line is text
    assert [type(c).__name__ for c in box.children] == ["Paragraph", "Table"]


def test_pairs_are_depth_matched():
    text = "{{{{{{x}}}}}} [[a|[[b]]]] [* [[c]] ]"
    p = Pairs(text)
    assert p.brace[0] == 10 and p.brace[3] == 7
    assert p.link[text.index("[[a")] == text.index("]]]]") + 2
    assert p.bracket[text.index("[* ")] == len(text) - 1


def test_escaped_closers_do_not_pair():
    p = Pairs(r"[[가\]]]")
    assert p.link == {0: 5}


def test_table_row_spans_lines_until_pipes_newline():
    doc = namumark.parse("|| 첫 칸\n이어짐 || 둘 ||\n|| 셋 ||")
    table = doc.children[0]
    assert isinstance(table, nodes.Table)
    assert [len(r.cells) for r in table.rows] == [2, 1]


def test_unterminated_row_is_text():
    doc = namumark.parse("|| 하나 || 둘")
    assert kinds(doc) == ["Paragraph"]


def test_single_cell_on_next_line_and_empty_row():
    doc = namumark.parse("||\n * 가\n * 나||\n||||")
    table = doc.children[0]
    assert isinstance(table, nodes.Table)
    assert isinstance(table.rows[0].cells[0].children[0], nodes.ListBlock)
    assert table.rows[1].cells == []


def test_list_items_nest_and_continue():
    doc = namumark.parse(" * 하나\n 이어짐\n  * 둘\n 1.#5 다섯")
    ul, ol = doc.children
    assert ul.style == "bullet" and ol.style == "decimal" and ol.first == 5
    item = ul.items[0]
    assert [type(c).__name__ for c in item.children] == ["Paragraph", "ListBlock"]


def test_quote_depth_is_capped():
    doc = namumark.parse(">" * 12 + "깊이")
    depth, node = 0, doc.children[0]
    while isinstance(node, nodes.Quote):
        depth += 1
        node = node.children[0]
    assert depth == 8


def test_pathological_inputs_parse_without_errors():
    inputs = [
        "{{{#!wiki\n" * 3000 + "x" + "\n}}}" * 3000,
        "[* " * 5000 + "]" * 5000,
        "[[" * 5000,
        "||" * 5000 + "\n",
        "|| 칸 " * 5000,
        "'''" * 5000,
        "\n".join(">" * i for i in range(300)),
        "\n".join(" " * i + "* x" for i in range(300)),
    ]
    for src in inputs:
        doc = namumark.parse(src)
        html = namumark.render_html(doc).html
        assert "<script" not in html
        namumark.render_text(doc)


def test_cli_json_has_tree_and_spans(tmp_path, capsys):
    f = tmp_path / "doc.txt"
    f.write_text("== 제목 ==\n[[링크]]", encoding="utf-8")
    assert cli_main(["render", str(f), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tree"]["type"] == "Document"
    assert data["tree"]["children"][0]["type"] == "Heading"
    assert data["tree"]["children"][0]["span"] == [0, 8]
    assert data["metadata"]["links"] == ["링크"]


def test_cli_text_and_html(tmp_path, capsys):
    f = tmp_path / "doc.txt"
    f.write_text("'''굵게'''", encoding="utf-8")
    assert cli_main(["render", str(f), "--format", "html"]) == 0
    assert "<strong>굵게</strong>" in capsys.readouterr().out
    assert cli_main(["render", str(f), "--format", "text"]) == 0
    assert capsys.readouterr().out == "굵게\n"
    assert cli_main(["render", str(tmp_path / "없음.txt")]) == 1


def test_spans_inside_quotes_and_list_items_map_back_to_the_source():
    from namumark.meta import walk

    src = ">가 '''굵게'''\n>나 [[링크]]\n * 항목\n  * 안쪽 [[링크2]]\n 이어짐 {{{#red 빨강}}}"
    doc = namumark.parse(src)
    seen = {}
    for n in walk(doc):
        assert 0 <= n.start <= n.end <= len(src)
        if isinstance(n, (nodes.Link, nodes.Style, nodes.Color)):
            seen[src[n.start:n.end]] = type(n).__name__
    assert seen == {"'''굵게'''": "Style", "[[링크]]": "Link", "[[링크2]]": "Link",
                    "{{{#red 빨강}}}": "Color"}


def test_toc_items_keep_heading_markup_without_footnotes_or_anchors():
    res = namumark.render_html(namumark.parse("[목차]\n== '''굵은''' [anchor(앵)]제목[* 주] =="))
    toc = res.html.split("</details>")[0]
    assert "<strong>굵은</strong> 제목" in toc
    assert 'id="앵"' not in toc and "wiki-fn-content" not in toc
    assert res.html.count('id="rfn-1"') == 1  # the heading's own footnote is numbered once


def test_toc_inside_a_heading_does_not_recurse():
    html = namumark.render_html(namumark.parse("[목차]\n== 가 [목차] [각주] ==")).html
    assert "wiki-render-error" not in html
    assert html.count('class="wiki-macro-toc"') == 2


def test_table_spans_stay_inside_the_source():
    from namumark.meta import walk

    src = "|| 가 || 나 ||"
    doc = namumark.parse(src)
    assert all(0 <= n.start <= n.end <= len(src) for n in walk(doc))


def test_no_link_inside_a_link():
    import re

    src = "[[문서|[[안쪽]] [[https://e.com/|밖]] [* 주] [anchor(앵)] [목차]]]"
    html = namumark.render_html(namumark.parse(src)).html
    depth = 0
    for tag in re.findall(r"<(/?)a\b", html):
        depth += -1 if tag else 1
        assert depth <= 1
    assert "안쪽" in html and "밖" in html
