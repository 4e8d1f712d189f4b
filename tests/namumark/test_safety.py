"""Hostile markup never injects script or style.

Every case in tests/namumark/hostile/*.txt (format in hostile/README.md) is parsed and rendered
with a MemoryContext holding a few pages, templates and files — among them 틀:echo, which puts
its include arguments into text, links, a #!wiki style and a table colour. The HTML must be
well-formed and inert (see htmlcheck.py); plain text and metadata must come back without error.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import htmlcheck
import namumark
from namumark.context import FileInfo
from render_setup import TITLE, memory_context

_HERE = Path(__file__).parent
HOSTILE_DIR = _HERE / "hostile"


TEMPLATES = {
    # echoes every argument into the places an attacker would aim for
    "틀:echo": (
        "@a@ / @b@ / [[@link@]] / [[@link@|label]]\n"
        '{{{#!wiki style="@style@"\n@body@}}}\n'
        "||<bgcolor=@color@> @a@ ||\n"
        "{{{#@color@ colour}}}"
    ),
    "틀:cond": (
        "{{{#!if x != null\n있음: @x@}}}"
        "{{{#!if top = x != null ? x : calleeTitle\n[[@top@]]}}}"
    ),
    "틀:styled": '{{{#!wiki style="background:@bg@; color:@fg@"\nx}}}',
    "틀:table": "||<bgcolor=@c@><width=@w@> x ||",
    "틀:file": "[[파일:example.png|width=@w@]]",
    "틀:self": "[include(틀:self)] self",
    "틀:fn": "[* 틀 각주 [[문서]]]",
}


def make_context() -> MemoryContext:
    pages = {"문서": "본문", "나무위키": "본문", **TEMPLATES}
    # a host URL with quotes in it must still be escaped
    return memory_context(pages, {"파일:hostile.png": FileInfo('/file/a"onerror="alert(1).png', 10, 10)})


_HEADER = re.compile(r"^===== (\S+)\s*$")
_CODEPOINT = re.compile(r"\{\{U\+([0-9A-Fa-f]{4,6})\}\}")


def load_hostile_cases(directory: Path = HOSTILE_DIR) -> list[tuple[str, str]]:
    """(id, input) for every case of every hostile file."""
    cases: list[tuple[str, str]] = []
    for path in sorted(directory.glob("*.txt")):
        name: str | None = None
        lines: list[str] = []

        def finish() -> None:
            if name is not None:
                text = "\n".join(lines)
                text = _CODEPOINT.sub(lambda m: chr(int(m.group(1), 16)), text)
                cases.append((f"{path.stem}::{name}", text))

        for line in path.read_text(encoding="utf-8").split("\n"):
            m = _HEADER.match(line)
            if m:
                finish()
                name, lines = m.group(1), []
            elif name is not None:
                lines.append(line)
        finish()
    return cases


CASES = load_hostile_cases()


def test_the_hostile_corpus_is_big_enough():
    assert len(CASES) >= 200
    ids = [case_id for case_id, _ in CASES]
    assert len(ids) == len(set(ids)), "case names must be unique within a file"


@pytest.mark.parametrize("case_id, source", CASES, ids=[c[0] for c in CASES])
def test_hostile_input_renders_inert(case_id, source):
    context = make_context()
    with htmlcheck.InternalErrors() as errors:
        document = namumark.parse(source)
        result = namumark.render_html(document, context=context, title=TITLE)
        text = namumark.render_text(namumark.parse(source), context=context, title=TITLE)
        meta = namumark.metadata(namumark.parse(source), title=TITLE)
    # "never raises" is kept by a logged fallback body; a fallback is still a bug
    assert errors.messages == [], f"{case_id}: internal error {errors.messages}"
    found = htmlcheck.problems(result.html)
    assert found == [], f"{case_id}: {found}\n--- input\n{source}\n--- html\n{result.html[:2000]}"
    # every derived piece of the result is plain data, never markup to trust
    for heading in result.headings:
        assert isinstance(heading.text, str)
    for footnote in result.footnotes:
        assert isinstance(footnote.text, str)
    assert isinstance(text, str)
    assert isinstance(meta.links, list)


def test_the_checker_catches_what_it_claims():
    """A canary for htmlcheck itself: each of these must be reported."""
    bad = [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" java\tscript:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="DATA:text/html,x">x</a>',
        '<a href="//evil.example/">x</a>',
        '<span onclick="x">x</span>',
        '<span style="position: fixed">x</span>',
        '<span data-dark-style="background: url(x)">x</span>',
        '<iframe class="wiki-media" src="https://evil.example/"></iframe>',
        '<iframe src="https://www.youtube.com/embed/x"></iframe>',
        "<div><span></div></span>",
        "<div>",
        "</div>",
        "a < b",
        "<style>x</style>",
        "<base href=x>",
        '<img src=x" onerror=alert(1)>',
        '<a href="/w/a"><a href="/w/b">b</a></a>',
        "<p><div>x</div></p>",
        "<td>x</td>",
        # data attributes our script acts on (static/namumark.js): only the article's own classes
        '<span data-wiki-css="[[&quot;body&quot;,&quot;color: red&quot;]]"></span>',
        '<span data-wiki-css="[[&quot;.wiki-uc-a&quot;,&quot;position: fixed&quot;]]"></span>',
        '<span data-wiki-css="[[&quot;.wiki-uc-a&quot;,&quot;color: red} body {x: y&quot;]]"></span>',
        '<span data-wiki-css="not json"></span>',
        '<div data-wiki-toggle-class="hidden">x</div>',
        '<div data-wiki-toggle-class="wiki-uc-a" data-wiki-toggle-target="sw-header">x</div>',
    ]
    for html in bad:
        assert htmlcheck.problems(html), html
    good = (
        '<div class="wiki-paragraph"><a class="wiki-link-internal" href="/w/%EB%AC%B8%EC%84%9C">문서</a>'
        '<br><span style="color: red; background-color: #ff0000;">x</span>'
        '<iframe class="wiki-media" src="https://www.youtube.com/embed/jNQXAC9IVRw" allowfullscreen>'
        "</iframe>&lt;script&gt;</div>"
    )
    assert htmlcheck.problems(good) == []
