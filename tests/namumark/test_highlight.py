"""{{{#!syntax}}} highlighting (namumark.highlight)."""
from html.parser import HTMLParser

import htmlcheck
from namumark.highlight import MAX_CODE_LENGTH, highlight, normalise_language, stylesheet


def _text_of(markup: str) -> str:
    chunks: list[str] = []

    class P(HTMLParser):
        def handle_data(self, data):
            chunks.append(data)

    p = P(convert_charrefs=True)
    p.feed(markup)
    p.close()
    return "".join(chunks)


def test_python_is_highlighted_with_prefixed_classes():
    out = highlight("print('<b>')\n", "python")
    assert out.startswith('<pre class="wiki-syntax" data-language="python"><code>')
    assert out.endswith("</code></pre>")
    assert '<span class="syn-nb">print</span>' in out
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert "style=" not in out
    assert _text_of(out) == "print('<b>')\n"


def test_language_name_is_case_insensitive_and_aliased():
    assert 'class="syn-k"' in highlight("fn main() {}", "Rust")
    assert 'data-language="c++"' in highlight("int x;", "C++")
    assert "syn-" in highlight("int x;", "C++")
    assert "syn-" in highlight("echo hi", "sh")


def test_no_trailing_newline_is_added():
    out = highlight("x = 1", "python")
    assert _text_of(out) == "x = 1"


def test_unknown_language_is_escaped_plain_text():
    out = highlight("<script>alert(1)</script>", "nosuchlanguage")
    assert out == ('<pre class="wiki-syntax" data-language="nosuchlanguage"><code>'
                   "&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>")


def test_hostile_language_names_are_not_echoed_raw():
    out = highlight("a", 'py" onclick="alert(1)')
    assert "onclick" not in out
    assert out == '<pre class="wiki-syntax"><code>a</code></pre>'
    assert normalise_language("우주어") == ""
    assert normalise_language("x" * 100) == ""
    assert normalise_language(" Python ") == "python"


def test_oversize_code_is_not_lexed():
    code = "x = '<'\n" * (MAX_CODE_LENGTH // 8 + 10)
    out = highlight(code, "python")
    assert "syn-" not in out
    assert "&lt;" in out and "<'" not in out


def test_non_string_code():
    assert highlight(None, "python") == '<pre class="wiki-syntax" data-language="python"><code></code></pre>'  # type: ignore[arg-type]


def test_every_lexer_output_keeps_text_intact():
    code = "a <b> & 'c' \"d\" {{{ }}} [[x]]\n\tz"
    for lang in ("python", "javascript", "html", "css", "json", "sql", "cpp", "java", "go", "lua"):
        out = highlight(code, lang)
        assert _text_of(out) == code, lang
        assert "<b>" not in out


def test_stylesheet_is_scoped():
    css = stylesheet()
    lines = [line for line in css.splitlines() if line.strip()]
    assert lines
    assert all(line.startswith(".wiki-syntax ") or line.startswith(".theme-dark .wiki-syntax ")
               for line in lines)
    assert ".wiki-syntax .syn-k" in css


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>&\"' \n\tabc{}()[];=/*#-+\\가", max_size=200),
       st.sampled_from(["python", "javascript", "html", "css", "cpp", "json", "sql", "bash",
                        "nosuch", "", "PYTHON", "c#", "<b>"]))
def test_random_code_keeps_its_text_and_stays_inert(code, lang):
    out = highlight(code, lang)
    assert htmlcheck.problems(out) == [], (code, lang, out)
    assert _text_of(out) == code
