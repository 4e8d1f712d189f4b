"""Pathological inputs render without error, stay well-formed, and their output stays bounded.

No timing assertions here: speed is measured by bench/namumark_bench.py. These inputs are the
ones a quadratic or recursive renderer falls over on: 10,000-deep nesting of every nestable
construct, 10,000 footnotes, thousands of unbalanced openers.
"""
from __future__ import annotations

import pytest

import htmlcheck
import namumark
from namumark import limits
from render_setup import TITLE, memory_context

N = 10_000

PATHOLOGICAL = {
    "nested-wiki": "{{{#!wiki\n" * N + "x" + "\n}}}" * N,
    "nested-wiki-style": '{{{#!wiki style="color:red"\n' * N + "x" + "}}}" * N,
    "nested-folding": "{{{#!folding x\n" * N + "y" + "}}}" * N,
    "nested-if": "{{{#!if 1\n" * N + "y" + "}}}" * N,
    "nested-size": "{{{+1 " * N + "x" + "}}}" * N,
    "nested-color": "{{{#red " * N + "x" + "}}}" * N,
    "nested-literal": "{{{" * N + "x" + "}}}" * N,
    "nested-footnotes": "[* " * N + "x" + "]" * N,
    "nested-links": "[[a|" * N + "x" + "]]" * N,
    "nested-bold": "'''" * N + "x",
    "nested-styles-mixed": "'''''__~~--^^,," * (N // 10) + "x" + ",,^^--~~__'''''" * (N // 10),
    "nested-quotes": ">" * N + " x",
    "nested-quote-lines": "\n".join(">" * i + " x" for i in range(1, 1001)),
    "nested-lists": "\n".join(" " * i + "* x" for i in range(1, 1001)),
    "nested-indent": " " * N + "x",
    "nested-table-in-wiki": "{{{#!wiki\n|| " * 2000 + "x" + " ||\n}}}" * 2000,
    "nested-macro-parens": "[include(" * N + "x" + ")]" * N,
    "nested-math": "[math(" + "{" * N + "x" + "}" * N + ")]",
    "many-footnotes": "".join(f"[* 각주 {i}]" for i in range(N)) + "\n[각주]",
    "many-named-footnotes": "".join(f"[*n{i % 100} 각주]" for i in range(N)) + "\n[각주]",
    "many-headings": "".join(f"== 제목 {i} ==\n본문\n" for i in range(N)) + "[목차]",
    "many-includes": "[include(틀:t, a=1)]" * N,
    "many-anchors": "[anchor(a)]" * N,
    "many-links": "[[문서]]" * N,
    "many-youtube": "[youtube(jNQXAC9IVRw)]" * 2000,
    "many-math": "[math(x^2)]" * 2000,
    "unbalanced-braces": "{{{" * N,
    "unbalanced-closers": "}}}" * N,
    "unbalanced-brackets": "[[" * N,
    "unbalanced-bracket-closers": "]]" * N,
    "unbalanced-footnote-openers": "[*" * N,
    "unbalanced-macro-openers": "[youtube(" * N,
    "unbalanced-table-openers": "||" * N,
    "unbalanced-table-lines": "|| x\n" * N,
    "unbalanced-cell-attrs": "||<" * N,
    "unbalanced-mixed": "{{{[[||[*'''__" * N,
    "unbalanced-wiki-openers": '{{{#!wiki style="' * N,
    "unbalanced-html-openers": "{{{#!html <b>" * 2000,
    "unbalanced-params": "@" * N,
    "huge-table": "\n".join(f"|| {i} || 값 || [[문서]] ||" for i in range(5000)),
    "huge-colspan": "||<-1000000><|1000000> x ||",
    "wide-table": "||" + " x ||" * N,
    "long-line": "가" * 200_000,
    "many-blank-lines": "\n" * 100_000,
    "many-hr": "----\n" * N,
    "heading-ladder": "".join(f"{'=' * (i % 6 + 1)} h {'=' * (i % 6 + 1)}\n" for i in range(N)),
}


def make_context() -> MemoryContext:
    return memory_context({"문서": "본문", "틀:t": "@a@ [[문서]] [* 틀 각주]"})


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_renders_bounded(name):
    source = PATHOLOGICAL[name]
    context = make_context()
    with htmlcheck.InternalErrors() as errors:
        document = namumark.parse(source)  # one tree serves all three renderers
        result = namumark.render_html(document, context=context, title=TITLE)
        text = namumark.render_text(document, context=context, title=TITLE)
        meta = namumark.metadata(document, title=TITLE)
    # past a limit the renderer degrades on purpose; it must not fall over into its fallback
    assert errors.messages == [], (name, errors.messages)
    html = result.html
    # bounded: a constant factor of the input (include expansion and footnote lists duplicate
    # text, hence the generous factor), and never past the renderer's hard ceiling
    assert len(html) <= 60 * len(source) + 100_000, (name, len(source), len(html))
    assert len(html) <= limits.MAX_OUTPUT_CHARS + 1_000_000
    assert htmlcheck.problems(html) == [], name
    assert isinstance(text, str)
    assert len(text) <= 60 * len(source) + 100_000
    assert len(meta.links) <= len(source)


def test_ten_thousand_footnotes_are_all_listed():
    source = PATHOLOGICAL["many-footnotes"]
    result = namumark.render_html(namumark.parse(source), context=make_context(), title=TITLE)
    assert len(result.footnotes) == N
    assert result.html.count('href="#fn-') >= N
