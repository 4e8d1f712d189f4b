"""Colours, size classes and the inline-style allowlist (namumark.css)."""
import pytest

from namumark.css import (
    COLOR_NAMES,
    parse_color,
    parse_color_pair,
    parse_declarations,
    sanitize_style,
    size_class,
    style_is_clean,
)


def test_color_names_are_the_148_css_names():
    assert len(COLOR_NAMES) == 148
    for name in ("rebeccapurple", "grey", "gray", "darkslategrey", "darkslategray", "aliceblue"):
        assert name in COLOR_NAMES
    assert "transparent" not in COLOR_NAMES
    assert "redirect" not in COLOR_NAMES


@pytest.mark.parametrize(
    "given, expected",
    [
        ("#f00", "#ff0000"),
        ("#F00", "#ff0000"),
        ("#FF0000", "#ff0000"),
        ("#00a495", "#00a495"),
        ("#808", "#880088"),
        ("red", "red"),
        ("#red", "red"),
        ("RED", "red"),
        ("#RebeccaPurple", "rebeccapurple"),
        (" white ", "white"),
    ],
)
def test_parse_color_accepts_names_and_hex(given, expected):
    assert parse_color(given) == expected


@pytest.mark.parametrize(
    "given",
    ["#transparent", "transparent", "#ff000080", "#ff00", "#12345", "ff0000", "#gggggg", "",
     "#", "redd", "red;", "red\"", "#f00 ", "#f00)", "javascript:alert(1)", "x" * 100],
)
def test_parse_color_rejects_other_forms(given):
    # " #f00 " is stripped, but "#f00 " must still parse: check the rejection list precisely
    if given.strip() == "#f00":
        assert parse_color(given) == "#ff0000"
    else:
        assert parse_color(given) is None


def test_transparent_only_when_allowed():
    assert parse_color("transparent", allow_transparent=True) == "transparent"
    assert parse_color("#Transparent", allow_transparent=True) == "transparent"


def test_parse_color_pair():
    assert parse_color_pair("#888,#ff0") == ("#888888", "#ffff00")
    assert parse_color_pair("#fff,#2d2f34") == ("#ffffff", "#2d2f34")
    assert parse_color_pair("white") == ("white", None)
    assert parse_color_pair("#888, #ff0") is None  # help page: no space after the comma
    assert parse_color_pair("#888,") is None
    assert parse_color_pair(",#888") is None
    assert parse_color_pair("#888,nope") is None
    assert parse_color_pair("") is None


def test_size_class_vocabulary():
    assert size_class(1) == "wiki-size-up-1"
    assert size_class(5) == "wiki-size-up-5"
    assert size_class(-3) == "wiki-size-down-3"
    assert size_class(9) == "wiki-size-up-5"
    assert size_class(-9) == "wiki-size-down-5"
    assert size_class(0) == ""


@pytest.mark.parametrize(
    "given, expected",
    [
        ("color:red", "color: red"),
        ("text-align:center", "text-align: center"),
        ("background-color:#FFF; color: #000", "background-color: #fff; color: #000"),
        ("display:inline-block", "display: inline-block"),
        ("display: table", "display: table"),
        ("margin: 0 auto!important", "margin: 0 auto !important"),
        ("width: calc(100% - 2px)", "width: calc(100% - 2px)"),
        ("box-shadow: 0px 3px 5px #aaa", "box-shadow: 0px 3px 5px #aaa"),
        ("border:1px solid rgb(1,2,3)", "border: 1px solid rgb(1, 2, 3)"),
        ("font-family: 'Noto Sans KR', sans-serif", "font-family: 'Noto Sans KR', sans-serif"),
        ("word-break: keep-all", "word-break: keep-all"),
        (
            "background-image: linear-gradient(to right, #FF8533 5%, #FF6600 15%)",
            "background-image: linear-gradient(to right, #ff8533 5%, #ff6600 15%)",
        ),
        (
            "background-image: linear-gradient(to bottom, rgba(50%, 50%, 50%, 30%) 0%, transparent)",
            "background-image: linear-gradient(to bottom, rgba(50%, 50%, 50%, 30%) 0%, transparent)",
        ),
        ("COLOR: Red", "color: Red"),
        ("color:red;;;; ;", "color: red"),
        ("position: relative", "position: relative"),
        ("image-rendering: pixelated; object-fit: cover", "image-rendering: pixelated; object-fit: cover"),
        ("text-shadow: 0 0 6px #0275d8; color: transparent", "text-shadow: 0 0 6px #0275d8; color: transparent"),
    ],
)
def test_sanitize_style_keeps_allowlisted_declarations(given, expected):
    assert sanitize_style(given) == expected


@pytest.mark.parametrize(
    "hostile",
    [
        "background: url(javascript:alert(1))",
        "background-image: url('x.png')",
        "background: URL(x)",
        "width: expression(alert(1))",
        "color: red; width: e\\78pression(alert(1))",
        "behavior: url(x.htc)",
        "-moz-binding: url(http://evil/x.xml#x)",
        "position: fixed",
        "position: absolute",
        "color: red /* comment */",
        "color: \\72 ed",
        'color: red" onmouseover="alert(1)',
        "color: red<script>",
        "font-family: '<script>'",
        "font-family: 'a' ; x: y",
        "@import 'evil.css'",
        "color: @import",
        "color: javascript:alert(1)",
        "background-image: image-set('x.png' 1x)",
        "width: var(--x)",
        "--x: red",
        "width: attr(data-x)",
        "color: #12345",
        "display: 5ine",
        "z-index: 99999",
        "top: 0",
        "content: 'x'",
        "cursor: url(x.cur), auto",
        "color: red\x00",
        "color: rgb(1, 2, 3",
        "color: rgb(rgb(rgb(1)))",
        "color: ${x}",
        "color: expression",
        "font-family: 'javascript'",
    ],
)
def test_sanitize_style_drops_hostile_declarations(hostile):
    result = sanitize_style(hostile)
    lowered = result.lower()
    for bad in ("url(", "expression", "javascript", "@", "\\", "<", ">", '"', "/*", "behavior",
                "binding", "fixed", "absolute", "var(", "attr(", "z-index", "content"):
        assert bad not in lowered
    # whatever survived is itself clean
    assert sanitize_style(result) == result


def test_sanitize_style_keeps_the_good_and_drops_the_bad_in_one_list():
    assert sanitize_style("color: red; background: url(x); margin: 1px") == "color: red; margin: 1px"


def test_semicolons_inside_parentheses_do_not_split():
    decls = parse_declarations("background: linear-gradient(red;blue); color: red")
    assert decls[0][0] == "background"
    assert decls[1] == ("color", "red")
    assert sanitize_style("background: linear-gradient(red;blue); color: red") == "color: red"


def test_sanitize_style_is_idempotent_on_many_inputs():
    samples = [
        "color:red;background:#FFF",
        "margin:0 auto;padding:1px 2px 3px 4px;border-radius:5px",
        "font: 12px/1.5 '나눔고딕'",
        "width: min(100%, 300px); height: clamp(1px, 2vw, 3px)",
        "display:none!important",
        "grid-template-columns: repeat(3, minmax(0, 1fr))",
    ]
    for s in samples:
        once = sanitize_style(s)
        assert once
        assert sanitize_style(once) == once


def test_sanitize_style_bounds_input():
    assert sanitize_style("color: red;" * 5000) == ""
    many = ";".join(f"margin-top: {i}px" for i in range(200))
    assert sanitize_style(many).count(";") < 64


def test_sanitize_style_rejects_non_strings():
    assert sanitize_style(None) == ""  # type: ignore[arg-type]
    assert sanitize_style("") == ""


def test_style_is_clean():
    assert style_is_clean("text-align: center; background-color: #ff0000;")
    assert style_is_clean("")
    assert not style_is_clean("color: red; background: url(x)")
    assert not style_is_clean("position: fixed")


# --- properties over random input ------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CSS_TOKENS = [
    "color", "background", "background-image", "width", "margin", "display", "font-family",
    "position", ":", ";", " ", "(", ")", ",", "'", '"', "/", "*", "!important", "url", "rgb",
    "linear-gradient", "calc", "expression", "#fff", "#12", "red", "1px", "50%", "-", "+", "\\",
    "<", ">", "@import", "javascript", "inline-block", "fixed", "relative", "var(--x)", "\n",
    "가", "0", ".5", "e3", "{", "}", "&", "`",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CSS_TOKENS), max_size=40).map("".join))
def test_sanitize_style_output_is_idempotent_and_inert(style):
    out = sanitize_style(style)
    assert sanitize_style(out) == out
    assert style_is_clean(out)
    lowered = out.lower()
    for bad in ("url(", "expression", "javascript", "@", "\\", "<", ">", '"', "/*", "var(",
                "{", "}", "`", "&", "\n", "position: fixed"):
        assert bad not in lowered, (style, out)
