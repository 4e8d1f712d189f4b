"""[math(…)] → MathML (namumark.mathml)."""
from html.parser import HTMLParser

import pytest

import htmlcheck
from namumark.mathml import ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, tex_to_mathml


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def _parse(markup: str) -> _Collect:
    p = _Collect()
    p.feed(markup)
    p.close()
    return p


def test_simple_power():
    out = tex_to_mathml("x^2")
    assert out.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">')
    assert "<msup><mi>x</mi><mn>2</mn></msup>" in out
    assert out.endswith("</math>")


def test_display_mode():
    assert 'display="block"' in tex_to_mathml(r"\sum_{i=1}^n i", display=True)


def test_fraction_root_and_matrix():
    assert "<mfrac>" in tex_to_mathml(r"\frac{a}{b}")
    assert "<mroot>" in tex_to_mathml(r"\sqrt[3]{x}")
    out = tex_to_mathml(r"\begin{pmatrix}a&b\\c&d\end{pmatrix}")
    assert out.count("<mtr>") == 2 and out.count("<mtd>") == 4


def test_symbols_are_decoded_to_characters():
    assert "<mi>ℝ</mi>" in tex_to_mathml(r"\mathbb{R}")
    assert "&amp;#x" not in tex_to_mathml(r"\alpha + \beta")


def test_text_is_escaped():
    out = tex_to_mathml(r"\text{<script>alert(1)</script>}")
    assert "<script" not in out
    assert "&lt;script&gt;" in out
    assert "script" not in _parse(out).tags


def test_href_is_dropped():
    out = tex_to_mathml(r"\href{javascript:alert(1)}{x}")
    assert "href" not in out and "javascript" not in out
    assert "<mi>x</mi>" in out


def test_colour_survives_as_a_normalised_colour():
    assert 'mathcolor="red"' in tex_to_mathml(r"\color{red}{y}")
    out = tex_to_mathml(r'\color{red" onload="alert(1)}{y}')
    assert "onload" not in out or out.startswith('<code class="wiki-math-error">')
    for name, _ in _parse(out).attrs:
        assert not name.startswith("on")


@pytest.mark.parametrize("bad", [r"\frac{", "{" * 3000, r"\begin{matrix}", "", "   "])
def test_errors_fall_back_to_escaped_code(bad):
    out = tex_to_mathml(bad)
    assert out.startswith('<code class="wiki-math-error">')
    assert out.endswith("</code>")


def test_oversize_input_is_refused():
    out = tex_to_mathml("x+" * 5000 + "x")
    assert out.startswith('<code class="wiki-math-error">')
    assert len(out) < 5000


def test_error_fallback_escapes_markup():
    out = tex_to_mathml("{" * 3000 + "<img src=x onerror=alert(1)>")
    assert "<img" not in out
    assert _parse(out).tags == ["code"]
    accepted = tex_to_mathml(r"\frac{<img src=x onerror=alert(1)>")
    assert "<img" not in accepted
    assert "img" not in _parse(accepted).tags


def test_only_allowlisted_elements_and_attributes():
    samples = [r"\left( \frac{\sqrt{x}}{y_1^2} \right)", r"\overset{a}{b}", r"\underbrace{x}_{y}",
               r"\mathrm{d}x \quad \hat{a}", r"\begin{cases} 1 & x \\ 0 & y \end{cases}",
               r"\boxed{x}", r"\cancel{x}", r"\phantom{x}"]
    for tex in samples:
        parsed = _parse(tex_to_mathml(tex))
        for tag in parsed.tags:
            assert tag in ALLOWED_ELEMENTS or tag == "code"
        for name, _ in parsed.attrs:
            assert name in ALLOWED_ATTRIBUTES or name in ("xmlns", "class")


def test_non_string_input():
    assert tex_to_mathml(None).startswith("<code")  # type: ignore[arg-type]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEX_TOKENS = ["x", "1", "^", "_", "{", "}", "\\frac", "\\sqrt", "\\text{", "\\href{", "\\color{",
               "\\left(", "\\right)", "\\begin{matrix}", "\\end{matrix}", "&", "\\\\", "<", ">",
               "\"", "'", "\\alpha", "\\mathbb{", "script", "javascript:", " ", "\\", "[", "]"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TEX_TOKENS), max_size=30).map("".join))
def test_random_tex_never_raises_and_stays_inert(tex):
    out = tex_to_mathml(tex)
    assert out.startswith("<math") or out.startswith('<code class="wiki-math-error">')
    assert htmlcheck.problems(out) == [], (tex, out)
