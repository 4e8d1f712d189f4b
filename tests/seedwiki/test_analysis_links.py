"""A page's analysis reads its tree once (text_and_references) and its link rows read each title's
canonical form from a dict of the worker process (issue 9, import speed). The rows must be what
the tree's metadata and an uncached canonical() give; the dict must stay bounded and forget its
answers when the site's namespaces change (the project namespace is named after the site)."""
from __future__ import annotations

import namumark
from seedwiki.documents.models import PageLink
from seedwiki.documents.services import derive
from seedwiki.documents.services.analysis import analyse_text
from seedwiki.titles import TitleError, canonical

TEXT = """[[가]] [[ 가 ]] [[문서:가]] [[../위]] [[/하위]] [[틀:상자]] [[#앞]] [[https://example.com]]
[include(틀:상자, 이름=값)] [[파일:그림.png]] [[분류:사람|정렬 키]] [[분류:사람]] [[분류:숨김#blur]]
[[사용자:누구]] [[위키:도움말]] [[:잘못]] [[휴지통:버린 것]] [* 각주 [[각주 링크]]]
{{{#!if 1 == 2
[[거짓 조건 안]]
}}}
""" + "".join(f"[[문서 {i}]] " for i in range(50))


def rows_from_metadata(text: str, title: str) -> list[tuple[str, str, str, bool]]:
    """The rows as the tree's metadata and an uncached canonical() give them (the general code)."""
    meta = namumark.metadata(namumark.parse(text), title=title)
    rows: dict = {}

    def add(name, kind, sort_key="", blur=False):
        try:
            target = canonical(name or "")
        except TitleError:
            return
        if target and (target, kind) not in rows:
            rows[(target, kind)] = (target, kind, (sort_key or "")[:255], bool(blur))

    for name in meta.links:
        add(name, PageLink.Kind.LINK.value)
    for ref in meta.includes:
        add(ref.title, PageLink.Kind.INCLUDE.value)
    for name in meta.files:
        add(name, PageLink.Kind.FILE.value)
    for ref in meta.categories:
        add(ref.title, PageLink.Kind.CATEGORY.value, ref.sort_key, ref.blur)
    if meta.redirect is not None:
        add(meta.redirect.title, PageLink.Kind.REDIRECT.value)
    return list(rows.values())


def test_link_rows_are_the_metadatas():
    title = "상위/문서"
    analysis = analyse_text(TEXT, title=title, with_plain_text=True)
    assert analysis.plain_text == namumark.render_text(namumark.parse(TEXT), title=title)
    for _ in range(2):  # the second time every title is read from the dict
        assert derive.link_tuples(analysis) == rows_from_metadata(TEXT, title)
    assert ("거짓 조건 안", PageLink.Kind.LINK.value, "", False) in derive.link_tuples(analysis)


def test_redirect_rows_and_target():
    analysis = analyse_text("#redirect 문서:다른 곳#앞", title="가", with_plain_text=True)
    assert analysis.plain_text == "" and analysis.links == ["문서:다른 곳"]
    assert derive.link_tuples(analysis) == rows_from_metadata("#redirect 문서:다른 곳#앞", "가")
    assert derive.redirect_of(analysis) == "다른 곳"


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(derive, "_KEYS_MAX", 10)
    derive._KEYS.clear()
    for i in range(35):
        analysis = analyse_text(f"[[제목 {i}]] [[제목 {i + 1}]]")
        assert derive.link_tuples(analysis) == rows_from_metadata(f"[[제목 {i}]] [[제목 {i + 1}]]", None)
        assert len(derive._KEYS) <= 10
    assert derive._KEYS  # it does keep answers between pages


def test_a_changed_site_name_clears_the_cache(settings):
    # "옛 이름: 도움말" is a project page while the site is called 옛 이름, else a main-namespace title
    analysis = analyse_text("[[옛 이름: 도움말]] [[새 이름:도움말]]")
    settings.SITE_NAME = "옛 이름"
    old = derive.link_tuples(analysis)
    assert derive.redirect_of(analyse_text("#redirect 새 이름:도움말")) == "새 이름:도움말"
    settings.SITE_NAME = "새 이름"
    new = derive.link_tuples(analysis)
    assert old[0][0] == "옛 이름:도움말" and new[0][0] == "옛 이름: 도움말"
    assert new == rows_from_metadata("[[옛 이름: 도움말]] [[새 이름:도움말]]", None)
    assert derive.redirect_of(analyse_text("#redirect 새 이름:도움말")) == canonical("새 이름:도움말")
