"""Runs the parser takes in one step (issue 11, speed): long quote runs, blank-line runs and
repeated macros must read exactly as they did one character or one line at a time."""
import namumark
from namumark.nodes import LineBreak, Macro


def html(source: str) -> str:
    return namumark.render_html(namumark.parse(source)).html


def paragraph(inner: str) -> str:
    return '<div class="wiki-paragraph">%s</div>\n' % inner


def test_a_long_quote_run_opens_no_style_until_its_last_quotes():
    assert html("'" * 10) == paragraph("'" * 10)
    assert html("a" + "'" * 8 + "b") == paragraph("a" + "'" * 8 + "b")
    # the bold opens at the run's last three quotes that still find a closer
    assert html("'" * 8 + "x'''") == paragraph("'''<strong>''x</strong>")
    assert html("'" * 7 + "굵게'''") == paragraph("''<strong>''굵게</strong>")


def test_a_quote_run_stops_at_the_end_of_its_range():
    # inside a group the run ends with the group: the bold after it is its own
    assert html("{{{+1 " + "'" * 8 + "}}}'''x'''") == paragraph(
        '<span class="wiki-size-up-1">' + "'" * 8 + "</span><strong>x</strong>")


def test_blank_line_runs_keep_one_break_per_line_with_their_spans():
    assert html("가\n\n\n나") == paragraph("가<br><br><br>나")
    assert html("가\n\n\n##주석\n나") == paragraph("가<br><br><br>나")
    para = namumark.parse("가\n\n\n나").children[0]
    breaks = [(n.start, n.end) for n in para.children if type(n) is LineBreak]
    assert breaks == [(1, 2), (2, 3), (3, 4)]


def test_a_repeated_macro_text_is_read_the_same_each_time():
    assert html("[br][br]") == paragraph("<br><br>")
    assert html("[BR][br(x)][BR]") == paragraph("<br>[br(x)]<br>")
    nodes = namumark.parse("[br] [br]").children[0].children
    macros = [(n.start, n.end, n.raw) for n in nodes if type(n) is Macro]
    assert macros == [(0, 4, "[br]"), (5, 9, "[br]")]
