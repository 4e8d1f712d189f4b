"""Adversarial input families: each makes a page of about ``size`` bytes (UTF-8) that attacks one
cost of the renderer. tests/namumark/test_adversarial.py renders them at small sizes and checks the
budgets; bench/adversarial_bench.py times them at 1 MB and 2 MB (the page limit).

A family is ``name -> make(size) -> (source, pages)``; ``pages`` are the other pages its includes
read (title -> source). Names starting with ``f<N>-`` reproduce finding N of issue 6; ``fuzz-``
families are the worst inputs bench/fuzz_cost.py found.
"""
from __future__ import annotations

from typing import Callable

Family = Callable[[int], tuple[str, dict]]
FAMILIES: dict[str, Family] = {}


def family(name: str):
    def register(make: Family) -> Family:
        FAMILIES[name] = make
        return make
    return register


def fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """``head`` + ``unit`` repeated + ``tail``, about ``size`` bytes in UTF-8."""
    per = max(1, len(unit.encode()))
    room = size - len(head.encode()) - len(tail.encode())
    return head + unit * max(1, room // per) + tail


def nest(opener: str, middle: str, closer: str, size: int) -> str:
    k = max(1, (size - len(middle.encode())) // max(1, len((opener + closer).encode())))
    return opener * k + middle + closer * k


def simple(name: str, unit: str, head: str = "", tail: str = "") -> None:
    FAMILIES[name] = lambda size: (fill(unit, size, head, tail), {})


def nested(name: str, opener: str, middle: str, closer: str) -> None:
    FAMILIES[name] = lambda size: (nest(opener, middle, closer, size), {})


# --- the findings of issue 6 ------------------------------------------------------------------

@family("f01-toc-repeated")
def _toc(size):
    # 72 KB: 5,000 headings and 1,500 [목차] (+900 MB before the budget)
    heads = "".join(f"== 제목 {i} ==\n" for i in range(min(5000, size // 20)))
    return fill("[목차]\n", size, heads), {}


@family("f01-toc-in-footnotes")
def _toc_fn(size):
    heads = "".join(f"== h{i} ==\n" for i in range(min(3000, size // 20)))
    return fill("[* [목차]]", size, heads, "\n[각주]"), {}


def _doubling(times: int) -> str:
    return 'a="' + "x" * 1000 + '"' + ", a=a+a" * times


@family("f02-if-variable-doubling")
def _if_doubling(size):
    return fill("@a@", size, "{{{#!if " + _doubling(6) + "\n", "\n}}}"), {}


@family("f02-if-many-blocks")
def _if_blocks(size):
    return fill("{{{#!if " + _doubling(6) + "\n" + "@a@" * 200 + "\n}}}\n", size), {}


@family("f02-if-nested-reparse")
def _if_nested(size):
    # every level re-reads its body with the variables: depth × body without a budget
    k = 20
    opener = "{{{#!if " + _doubling(3) + "\n"
    body = fill("@a@ ", max(1, size - k * (len(opener) + 4)))
    return opener * k + body + "\n}}}" * k, {}


@family("f03-if-search-text")
def _if_search(size):
    # finding 3: 3.5 KB of markup indexed as 117 MB of search text
    return fill("@a@ ", size, "{{{#!if " + _doubling(6) + "\n", "\n}}}"), {}


def _syntax(lang: str, unit: str, block: int = 16 * 1024):
    def make(size):
        body = unit * max(1, block // len(unit))
        return fill("{{{#!syntax %s\n%s}}}\n" % (lang, body), size), {}
    return make


FAMILIES["f04-syntax-python-blank-lines"] = _syntax("python", " \n")
FAMILIES["f04-syntax-c-newlines"] = _syntax("c", "\n")
FAMILIES["f04-syntax-cpp-tabs"] = _syntax("cpp", "\t\n")
FAMILIES["f04-syntax-java-words"] = _syntax("java", "a\n")
FAMILIES["f04-syntax-java-one-line"] = _syntax("java", "a ")
FAMILIES["f04-syntax-one-huge-block"] = lambda size: (
    "{{{#!syntax python\n" + fill(" \n", min(size, 190_000)) + "}}}\n" + fill("x", max(1, size - 190_000)), {})


@family("f09-include-arguments")
def _include_args(size):
    template = "@a@" * (180 * 1024 // 3)
    return fill("[include(틀:큰틀, a=" + "y" * 100 + ")]\n", size), {"틀:큰틀": template}


@family("f09-include-argument-variety")
def _include_variety(size):
    # distinct arguments defeat the per-(page, arguments) parse cache
    template = "@a@ @b@ " * 2000
    units = "".join(f"[include(틀:t, a={'z' * 200}, b={i})]\n" for i in range(2000))
    return fill(units, size)[:size], {"틀:t": template}


@family("f10-table-rowspan-colspan")
def _table_spans(size):
    return fill("||<-1000><|1000> x " * 20 + "||\n", size), {}


simple("f10-table-rowspan-only", "||<|1000> x " * 30 + "||\n")
simple("f10-table-colspan-colbg", "||<-1000><colbgcolor=red> x " * 20 + "||\n")
simple("f12-math-flood", "[math(\\frac{a}{b}+\\sqrt{x^2})]")
simple("f12-math-tag-flood", "<math>\\sum_{i=0}^{n} x_i^2</math>")
simple("f12-math-long-formulas", "[math(" + "\\frac{a}{b}" * 300 + ")]\n")
simple("f13-html-media-hosts", '{{{#!html <video src="https://evil.example/v.mp4" poster="https://evil.example/p.png" controls></video>}}}\n')
simple("f13-html-heavy", "{{{#!html " + "<div style='color:red'><b>x</b></div>" * 50 + "}}}\n")

# --- nesting ---------------------------------------------------------------------------------
nested("nest-brackets", "[[", "x", "]]")
nested("nest-link-labels", "[[a|", "x", "]]")
nested("nest-footnotes", "[* ", "x", "]")
nested("nest-wiki", "{{{#!wiki style=\"color:red\"\n", "x", "\n}}}")
nested("nest-folding", "{{{#!folding 접기\n", "x", "\n}}}")
nested("nest-size", "{{{+1 ", "x", "}}}")
nested("nest-color", "{{{#red ", "x", "}}}")
nested("nest-literal", "{{{", "x", "}}}")
nested("nest-if-true", "{{{#!if 1\n", "x", "\n}}}")
nested("nest-macro-parens", "[include(", "x", ")]")
nested("nest-math-braces", "[math(" + "{", "x", "}")
simple("nest-bold-runs", "'''")
simple("nest-mixed-styles", "'''''__~~--^^,,x,,^^--~~__'''''")
FAMILIES["nest-quotes"] = lambda size: (">" * max(1, size - 2) + " x", {})
FAMILIES["nest-quote-ladder"] = lambda size: (fill("".join(">" * i + " x\n" for i in range(1, 200)), size), {})
FAMILIES["nest-lists-deep"] = lambda size: (fill("".join(" " * i + "* x\n" for i in range(1, 300)), size), {})
FAMILIES["nest-indent-deep"] = lambda size: (" " * max(1, size - 1) + "x", {})
FAMILIES["nest-table-in-wiki"] = lambda size: (nest("{{{#!wiki\n|| ", "x", " ||\n}}}", size), {})

# --- many of one thing -----------------------------------------------------------------------
simple("many-footnotes", "[* 각주 본문]", tail="\n[각주]")
simple("many-named-footnotes", "[*n 같은 이름]")
simple("many-footnote-lists", "[* x][각주]")
FAMILIES["many-headings-toc"] = lambda size: (fill("== 제목 ==\n본문\n", size, tail="[목차]"), {})
simple("many-headings-levels", "= a =\n== b ==\n=== c ===\n==== d ====\n===== e =====\n====== f ======\n")
simple("many-links", "[[문서]]")
simple("many-link-variety", "[[문서#앵커|라벨 ''기울임'']] [[../]] [[/하위]] ")
simple("many-external-links", "[[https://example.com/?q=x|e]] ")
simple("many-files", "[[파일:example.png|width=100&align=center]]")
simple("many-categories", "[[분류:분류]]\n")
simple("many-br", "[br]")
simple("many-youtube", "[youtube(jNQXAC9IVRw, width=640)]")
simple("many-anchors", "[anchor(a)]")
simple("many-dates", "[age(2000-01-01)][dday(2030-01-01)][date][pagecount]")
simple("many-ruby", "[ruby(글자, ruby=루비, color=red)]")
simple("many-params", "@param=기본값@ ")
simple("many-includes", "[include(틀:t, a=1)]")
FAMILIES["many-includes-big-template"] = lambda size: (
    fill("[include(틀:큰틀)]", size), {"틀:큰틀": fill("'''굵게''' [[문서]] [* 각주]\n", 500_000)})
FAMILIES["include-template-with-if"] = lambda size: (
    fill("[include(틀:조건, v=" + "w" * 500 + ")]\n", size),
    {"틀:조건": "{{{#!if v != null, x = v + v + v + v\n" + "@x@" * 100 + "\n}}}"})
FAMILIES["include-template-toc"] = lambda size: (
    "".join(f"== h{i} ==\n" for i in range(2000)) + fill("[include(틀:목차)]\n", size),
    {"틀:목차": "[목차]\n" * 50})
simple("many-syntax-blocks", "{{{#!syntax python\nprint('hello')\n}}}\n")
simple("many-syntax-unknown", "{{{#!syntax nolang\n" + "x = 1\n" * 20 + "}}}\n")
simple("many-literal-blocks", "{{{\n코드 <b>\n}}}\n")
simple("many-hr", "----\n")
simple("many-comments", "## 주석\n")
simple("many-blank-lines", "\n")
simple("many-escapes", "\\'''\\[[\\{{{")

# --- tables ----------------------------------------------------------------------------------
FAMILIES["table-huge"] = lambda size: (fill("|| 1 || 값 || [[문서]] ||\n", size), {})
FAMILIES["table-wide"] = lambda size: ("||" + fill(" x ||", size - 3) + "\n", {})
simple("table-cell-attrs", "||<bgcolor=red><color=blue><width=10%><:> x ||\n")
simple("table-attr-flood", "||" + "<nopad>" * 25 + " x ||\n")
simple("table-caption", "|캡션| x ||\n")
FAMILIES["table-nested-lists"] = lambda size: (fill("|| * a\n * b\n  * c ||\n", size), {})

# --- unbalanced and broken -------------------------------------------------------------------
simple("open-braces", "{{{")
simple("close-braces", "}}}")
simple("open-brackets", "[[")
simple("open-footnotes", "[*")
simple("open-macros", "[youtube(")
simple("open-tables", "||")
simple("open-table-lines", "|| x\n")
simple("open-cell-attrs", "||<")
simple("open-wiki-attrs", '{{{#!wiki style="')
simple("open-html", "{{{#!html <b>")
simple("open-mixed", "{{{[[||[*'''__")
simple("open-math-tags", "<math>x")
simple("open-params", "@")

# --- long lines and text ---------------------------------------------------------------------
simple("long-line-hangul", "가")
simple("long-line-ascii", "abcdefgh ")
simple("long-line-markup", "''a'' __b__ ~~c~~ ^^d^^ ,,e,, ")
simple("long-line-html-chars", "<>&\"'")
simple("long-style-attr", "{{{#!wiki style=\"" + "color:red;" * 400 + "\"\nx}}}\n")
simple("crlf-lines", "줄\r\n")
simple("controls-and-bom", "\ufeff\x00\x01x\x7f\n")
simple("emoji-and-combining", "👍🏽\u0301\u200d")

# --- found by bench/fuzz_cost.py (worst cost per input byte) --------------------------------
simple("fuzz-syntax-punctuation-free", "{{{#!syntax java\n" + "ab cd\n" * 40 + "}}}\n")
simple("fuzz-if-assign-chain", "{{{#!if " + "b=a+a, a=b+b, " * 8 + "a=a\n@a@@b@\n}}}\n")
simple("fuzz-footnote-table-bold", "[*||'''][*)]]")
simple("fuzz-footnote-lists-tabs", "[*||'''][*\t]][각주]")
simple("fuzz-mixed-toc-html-table",
       '[목차][[{{{#!html <b>\'\'||<-5><|5>{{{#!wiki style="margin:-5px"\n}}}{{{#!syntax java\n'
       '{{{#red ~~}}}##=,#=>}}}[br][각주] 1. ||<colbgcolor=red>{{{#!folding x\n(')
