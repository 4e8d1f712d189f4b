"""The public API end to end: parse → html / text / metadata."""
import datetime as dt

import namumark
from namumark import MemoryContext, FileInfo


def html_of(src, **kw):
    ctx = kw.pop("context", None) or MemoryContext()
    return namumark.render_html(namumark.parse(src), ctx, **kw).html


def test_paragraph_and_styles():
    h = html_of("'''굵게''' ''기울임'' __밑줄__ ~~취소~~ ^^위^^ ,,아래,,")
    assert h == ('<div class="wiki-paragraph"><strong>굵게</strong> <em>기울임</em> <u>밑줄</u> '
                 "<del>취소</del> <sup>위</sup> <sub>아래</sub></div>\n")


def test_unclosed_style_is_literal():
    assert "'''닫히지 않은" in html_of("'''닫히지 않은 굵게")
    assert "<strong>" not in html_of("'''닫히지 않은 굵게")


def test_blank_line_is_line_break():
    assert html_of("앞\n\n뒤") == '<div class="wiki-paragraph">앞<br><br>뒤</div>\n'


def test_heading_numbers_and_toc():
    res = namumark.render_html(namumark.parse("[목차]\n== 가 ==\n=== 나 ===\n== 다 ==\n==== 라 ===="))
    assert [h.number for h in res.headings] == ["1", "1.1", "2", "2.0.1"]
    assert 'id="s-1.1"' in res.html and 'class="wiki-macro-toc"' in res.html
    assert '<a href="#s-2.0.1">2.0.1</a>' in res.html


def test_links_red_and_blue():
    ctx = MemoryContext(pages={"있음": "x"})
    h = html_of("[[있음]] [[없음|라벨]]", context=ctx)
    assert '<a class="wiki-link-internal" href="/w/%EC%9E%88%EC%9D%8C" title="있음">있음</a>' in h
    assert 'class="wiki-link-internal not-exist"' in h and ">라벨</a>" in h


def test_relative_links_use_title():
    h = html_of("[[../]] [[/하위]]", title="상위/현재")
    assert 'title="상위"' in h
    assert 'title="상위/현재/하위"' in h


def test_external_link_schemes():
    assert 'class="wiki-link-external" href="https://example.com/"' in html_of("[[https://example.com/|e]]")
    h = html_of("[[javascript:alert(1)|x]]")
    assert "href=\"javascript" not in h and "<a" not in h


def test_table_attributes_and_colspan():
    h = html_of("||<-2><bgcolor=#f00> 두칸 ||\n|||| 또 두칸 ||")
    assert h.count('colspan="2"') == 2
    assert "background-color: #ff0000" in h


def test_table_bad_value_dropped():
    h = html_of('||<bgcolor=red;background:url(x)> 셀 ||')
    assert "url(" not in h.split("<div class=\"wiki-paragraph\">")[0]


def test_footnotes_numbering_and_flush():
    res = namumark.render_html(namumark.parse("가[* 하나] 나[*A 둘] 다[*A]\n[각주]\n라[* 셋]"))
    assert [f.label for f in res.footnotes] == ["1", "A", "4"]
    assert res.html.count('class="wiki-macro-footnote"') == 2
    assert 'id="rfn-3"' in res.html and 'href="#fn-A"' in res.html and 'id="fn-A"' in res.html


def test_lists_nested():
    h = html_of(" * 하나\n  * 둘\n 1.#3 셋")
    assert h.startswith('<ul class="wiki-list"><li><div class="wiki-paragraph">하나</div>\n<ul')
    assert '<ol class="wiki-list wiki-list-decimal" start="3">' in h


def test_brace_groups():
    h = html_of("{{{+1 크게}}} {{{#f00 빨강}}} {{{#fff,#000 쌍}}} {{{[[리터럴]]}}}")
    assert '<span class="wiki-size-up-1">크게</span>' in h
    assert '<span style="color: #ff0000">빨강</span>' in h
    assert 'data-dark-style="color: #000000"' in h
    assert "<code>[[리터럴]]</code>" in h


def test_wiki_style_sanitised():
    h = html_of('{{{#!wiki style="color: red; background: url(javascript:x)"\n내용}}}')
    assert "javascript" not in h and "color: red" in h


def test_include_with_params_and_no_nested_include():
    ctx = MemoryContext(pages={"틀:인사": "안녕 @이름@ @기본=없음@ [include(틀:인사)]"})
    h = html_of("[include(틀:인사, 이름=철수)]", context=ctx)
    assert "안녕 철수 없음" in h
    assert h.count("안녕") == 1


def test_categories_collected_not_inline():
    res = namumark.render_html(namumark.parse("[[분류:가]]\n본문 [[분류:나#blur]]"))
    assert [c.title for c in res.categories] == ["분류:가", "분류:나"]
    assert res.categories[1].blur
    assert "분류" not in res.html


def test_redirect():
    doc = namumark.parse("#redirect 목적지#s-1")
    res = namumark.render_html(doc)
    assert res.html == "" and res.redirect.title == "목적지" and res.redirect.anchor == "s-1"
    assert namumark.metadata(doc).redirect.title == "목적지"


def test_file_embed_and_missing_file():
    ctx = MemoryContext(files={"파일:a.png": FileInfo("/f/a.png", 10, 10)})
    h = html_of("[[파일:a.png|width=100&align=center]] [[파일:없음.png]]", context=ctx)
    assert 'class="wiki-image-align-center"' in h and 'src="/f/a.png"' in h
    assert "width: 100px" in h
    assert 'class="wiki-link-internal not-exist" href="/w/%ED%8C%8C%EC%9D%BC:%EC%97%86%EC%9D%8C.png"' in h


def test_render_text_reads_like_a_page():
    doc = namumark.parse("== 제목 ==\n본문[* 주석] [[문서|라벨]] [[파일:x.png]]")
    text = namumark.render_text(doc)
    assert text.splitlines() == ["1. 제목", "본문[1] 라벨 파일:x.png", "", "[1] 주석"]


def test_metadata():
    doc = namumark.parse("[[가]] [[가#s-1]] [[나|x]] [[파일:f.png]] [include(틀:t, a=b)]\n== 머리 ==")
    meta = namumark.metadata(doc)
    assert meta.links == ["가", "나"]
    assert meta.files == ["파일:f.png"]
    assert meta.includes[0].title == "틀:t" and meta.includes[0].args == {"a": "b"}
    assert meta.headings[0].id == "s-1"


def test_macros():
    ctx = MemoryContext(clock=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc))
    h = html_of("[br][age(2000-01-01)] [dday(2026-01-01)] [ruby(글,ruby=뜻)] [anchor(앵)] [모름]",
                context=ctx)
    from namumark.dates import format_dday

    assert h.startswith('<div class="wiki-paragraph"><br>26 %s <ruby>글<rp>(</rp><rt>뜻</rt>'
                        % format_dday(1))
    assert '<a id="앵"></a>' in h and "[모름]" in h


def test_never_raises_on_garbage():
    for src in ["[[", "{{{", "||", "[*", "'''", "{{{#!wiki\n" * 50, "||<-9999999999>x||", "\\",
                "[include(", "> " * 100 + "x", " " * 100 + "* x", "=" * 20]:
        doc = namumark.parse(src)
        namumark.render_html(doc)
        namumark.render_text(doc)
        namumark.metadata(doc)


def test_sections_run_to_next_same_or_shallower_heading():
    src = "== 가 ==\n하나\n=== 나 ===\n둘\n== 다 ==\n셋"
    secs = namumark.sections(namumark.parse(src))
    assert [(h.number, src[a:b]) for h, a, b in secs] == [
        ("1", "== 가 ==\n하나\n=== 나 ===\n둘\n"),
        ("1.1", "=== 나 ===\n둘\n"),
        ("2", "== 다 ==\n셋"),
    ]


def test_if_variables_fill_the_body_and_callee_title():
    ctx = MemoryContext(pages={
        "틀:상위": '{{{#!if top = 문서명1 != null ? 문서명1 : calleeTitle\n상위: [[@top@]]}}}',
    }, title="가/나")
    assert 'title="문서">문서</a>' in html_of("[include(틀:상위, 문서명1=문서)]", context=ctx)
    assert "상위: 가/나" in namumark.render_text(namumark.parse("[include(틀:상위)]"), ctx)


def test_escapes_keep_markup_literal():
    h = html_of(r"\'''굵지 않음\''' \[[링크 아님]] \{{{#red 색 아님}}} \\")
    assert "<strong>" not in h and "<a " not in h and "<span" not in h
    assert "'''굵지 않음'''" in h and "[[링크 아님]]" in h and "{{{#red 색 아님}}}" in h
    assert h.endswith("\\</div>\n")


def test_styles_end_on_their_line_but_cross_groups():
    assert "<strong>" not in html_of("'''여러\n줄'''")
    assert html_of("'''가 {{{#!wiki\n나\n}}} 다'''").startswith('<div class="wiki-paragraph"><strong>')


def test_old_math_tag_and_math_macro():
    h = html_of("<math>x^2</math> [math(y)]")
    assert h.count('class="wiki-math"') == 2 and "<msup>" in h


def test_include_of_missing_page_or_category_renders_nothing():
    ctx = MemoryContext(pages={"분류:가": "설명"})
    assert html_of("[include(틀:없음)][include(분류:가)]", context=ctx) == \
        '<div class="wiki-paragraph"></div>\n'


def test_include_budget_bounds_the_work():
    from namumark import limits

    big = "가" * (limits.MAX_INCLUDE_SOURCE // 2)
    ctx = MemoryContext(pages={"틀:큰": big})
    res = namumark.render_html(namumark.parse("[include(틀:큰)]" * 50), ctx)
    shown = res.html.count("가")
    assert 0 < shown <= limits.MAX_INCLUDE_TOTAL
