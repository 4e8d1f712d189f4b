"""The wiki's analysis reads a page's tree once (issue 9, import speed): text_and_references()
writes the search text and collects the references in one walk, and references() is a pass of
its own cheaper than meta.walk(). Both must give what the general code gives — render_text()
for the text (with the same budget verdicts) and the walk over every node for the references —
also where a budget stops the render, a footnote body is not written (past the limit, reused by
name) or an ``#!if`` body is re-read with its variables."""
from __future__ import annotations

import pytest

import namumark
from namumark import limits, links as _links, text
from namumark.budget import Budget, Limits
from namumark.context import MemoryContext
from namumark.meta import walk
from namumark.nodes import CategoryLink, FileEmbed, Include, Link

TITLE = "상위/문서"

SOURCES = [
    "첫 줄 [[가]] 둘 [[나|'''굵은 [[안쪽]]''']] [[가]]\n[[분류:사람|정렬]][[분류:사람]][[파일:a.png]][[파일:a.png]]",
    "[[../]] [[/하위]] [[문서:/고정]] [[#앞]] [[https://example.com|바깥]] [[http://x.y]]",
    "== 제목 [[제목링크]] ==\n본문\n=== 아래 [[파일:b.jpg]] ===\n",
    "[include(틀:상자, 이름=값)]\n[include(틀:상자)]\n[[틀:상자]]",
    " * 항목 [[목록]]\n  * 안쪽 [[목록2]]\n * 그냥 글\n1. 수 [[수]]\n",
    "|| [[칸]] || 글 ||\n||<-2> [[파일:c.png]] ||\n|캡션 [[캡션링크]]| 하나 || 둘 ||\n",
    "> 인용 [[인용링크]]\n>> 더 [[분류:인용]]\n",
    "{{{#!wiki style=\"x\"\n[[상자안]]\n{{{#!folding 접기\n[[접힌]]\n}}}\n}}}",
    "{{{+1 [[크게]]}}} {{{#red [[빨강]]}}} ~~[[취소]]~~ ^^[[위]]^^",
    "본문[* 각주 [[각주링크]]] 또[*A 이름 [[이름각주]]] 다시[*A 다른 본문 [[재사용 본문]]][*A]\n[각주]",
    '{{{#!if 1 == 1\n[[참인 조건]]\n}}}\n{{{#!if 1 == 2\n[[거짓 조건]] [[분류:숨은]]\n}}}',
    '{{{#!if a = "값", a != null\n@a@ [[변수 @a@]] [[고정 링크]]\n}}}',
    '{{{#!if (((\n[[잘못된 조건]]\n}}}',
    "{{{#!html <b>x</b>}}} {{{#!syntax python\nx = 1}}} {{{코드 [[아님]]}}} [br] [목차] [[마지막]]",
    "[[가]]\n" * 300 + "[[분류:끝]]\n" + "[* [[깊은 각주]]]" * 50,
    "#redirect 다른 문서#앞",
    "#넘겨주기 [[옛 문서]]",
    "",
]

PAGES = {"틀:상자": "상자 @이름@ [[상자 링크]]"}


def walk_references(doc, title):
    """The references as meta.walk() finds them, visiting every node (the general code)."""
    links, files, categories, includes = [], [], [], []
    if doc.redirect is not None:
        return [doc.redirect.title], [], [], [], doc.redirect
    for n in walk(doc):
        t = type(n)
        if t is Link and not n.external and n.target:
            target = _links.resolve_relative(n.target, title) if title is not None and not n.pinned else n.target
            if target and target not in links:
                links.append(target)
        elif t is FileEmbed and n.title not in files:
            files.append(n.title)
        elif t is CategoryLink and n.title not in [c[0] for c in categories]:
            categories.append((n.title, n.sort_key, n.blur))
        elif t is Include:
            includes.append((n.title, dict(n.args)))
    return links, files, categories, includes, None


def as_tuple(refs):
    return (list(refs.links), list(refs.files), [(n.title, n.sort_key, n.blur) for n in refs.categories],
            [(n.title, dict(n.args)) for n in refs.includes], refs.redirect)


def both(doc, limits_=None, title=TITLE):
    """(text, stop reason, refused kinds, references) from the one walk and from the general code."""
    one = Budget(limits_)
    text, refs = namumark.text_and_references(doc, MemoryContext(pages=dict(PAGES)), title=title, budget=one)
    apart = Budget(limits_)
    general = namumark.render_text(doc, MemoryContext(pages=dict(PAGES)), title=title, budget=apart)
    return ((text, one.stopped, one.exceeded, as_tuple(refs)),
            (general, apart.stopped, apart.exceeded, walk_references(doc, title)))


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("title", [TITLE, None])
def test_references_pass_finds_what_the_walk_finds(source, title):
    doc = namumark.parse(source)
    assert as_tuple(namumark.references(doc, title=title)) == walk_references(doc, title)


@pytest.mark.parametrize("source", SOURCES)
def test_one_walk_gives_the_text_and_the_references(source):
    ours, general = both(namumark.parse(source))
    assert ours == general


def test_the_sources_reach_the_paths_that_gather_apart():
    # an #!if read with its variables, a reused named footnote: references the render does not collect
    text, refs = namumark.text_and_references(namumark.parse(SOURCES[11]), title=TITLE)
    assert "변수 값" in text and refs.links == ["변수 @a@", "고정 링크"]
    text, refs = namumark.text_and_references(namumark.parse(SOURCES[9]), title=TITLE)
    assert "재사용 본문" not in text and "재사용 본문" in refs.links
    text, refs = namumark.text_and_references(namumark.parse(SOURCES[10]), title=TITLE)
    assert "거짓 조건" not in text and "거짓 조건" in refs.links and refs.categories[0].title == "분류:숨은"


def test_footnotes_past_the_limit_still_point_at_their_pages(monkeypatch):
    monkeypatch.setattr(limits, "MAX_FOOTNOTES", 3)
    doc = namumark.parse("".join(f"[* 각주 [[링크 {i}]]]" for i in range(6)) + "\n[각주]")
    ours, general = both(doc)
    assert ours == general
    assert "링크 5" not in ours[0] and "링크 5" in ours[3][0]


@pytest.mark.parametrize("source", [s for s in SOURCES if len(s) > 40] + [
    "\n".join(f"문단 {i} [[링크 {i}]] [* 주석 [[주석 {i}]]] [[분류:분류 {i % 7}]]" for i in range(80)),
])
def test_budget_stops_give_the_same_text_verdicts_and_references(source):
    doc = namumark.parse(source)
    size = len(namumark.render_text(doc, MemoryContext(pages=dict(PAGES)), title=TITLE)) + 2
    stopped = set()
    for cap in sorted({1, 5, 17, 40, size // 3, size // 2, size - 3, size}):
        ours, general = both(doc, Limits(text_chars=cap))
        assert ours == general
        stopped.add(ours[1])
    for nodes in (1, 3, 8, 20, 60, 200):
        ours, general = both(doc, Limits(nodes=nodes))
        assert ours == general
        stopped.add(ours[1])
    assert {"output", "nodes"} <= stopped  # the caps did stop renders


ONE_RUNS = "".join(f"== 제목 {i} ==\n그냥 글 {i} 줄[* 주석 {i}][* '''굵은''' 주석]\n\n둘째 문단\n" for i in range(40)) + "[각주]"


def _text_and_counts(doc, limits_):
    budget = Budget(limits_)
    text = namumark.render_text(doc, title=TITLE, budget=budget)
    return text, budget.stopped, budget.exceeded, budget.nodes


def test_one_plain_run_is_written_as_the_general_path_writes_it(monkeypatch):
    # paragraphs, headings and footnotes of one plain run are written at once: with and without
    # a stop they read (and count) as the inline walk makes them
    doc = namumark.parse(ONE_RUNS)
    caps = [Limits(text_chars=c) for c in (1, 10, 100, 400, 1500, 10_000)] + [
        Limits(nodes=k) for k in (1, 2, 5, 30, 100, 10_000)]
    fast = [_text_and_counts(doc, cap) for cap in caps]
    monkeypatch.setattr(text.TextRenderer, "_one_run", lambda self, kids: None)
    assert fast == [_text_and_counts(doc, cap) for cap in caps]
    assert {"output", "nodes", None} <= {verdict[1] for verdict in fast}
    assert fast[-1][0].count("제목") == 40 and "[39] 주석 19" in fast[-1][0]


def test_metadata_reads_the_references_pass():
    doc = namumark.parse(SOURCES[0] + "\n" + SOURCES[3] + "\n== 제목 ==")
    meta = namumark.metadata(doc, title=TITLE)
    links, files, categories, includes, _ = walk_references(doc, TITLE)
    assert meta.links == links and meta.files == files
    assert [(c.title, c.sort_key, c.blur) for c in meta.categories] == categories
    assert [(i.title, i.args) for i in meta.includes] == includes
    assert [h.text for h in meta.headings] == ["제목"]


def test_a_failing_walk_still_gives_the_text_and_the_references(monkeypatch, caplog):
    # An internal error in the one-walk pass must not empty the page's search text: each half is
    # then made on its own (render_text, references), as before the walks were merged.
    source = "검색될 글 [[가]] [[분류:사람]]"

    def broken(*args, **kwargs):
        raise RuntimeError("walk failed")

    doc = namumark.parse(source)
    expected_text = namumark.render_text(doc, title=TITLE)
    monkeypatch.setattr(text, "text_and_references", broken)
    got_text, refs = namumark.text_and_references(doc, title=TITLE)
    assert got_text == expected_text and "검색될 글" in got_text
    assert list(refs.links) == ["가"] and "namumark.text_and_references failed" in caplog.text
