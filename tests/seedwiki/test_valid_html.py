"""Every kind of page is valid HTML: no parse errors by the HTML5 parsing algorithm (html5lib: a
<ul> inside a <p>, a stray end tag, a bad attribute…), unique ids, ARIA and label references
that point at existing ids, and images with an alt text."""
from __future__ import annotations

import re

import html5lib
import pytest

from seedwiki.documents.services import delete_page

from pages_helpers import IP, body, save, url

pytestmark = pytest.mark.django_db

ARTICLE = """[목차]
== 개요 ==
'''굵게''' ''기울임'' [[대문]] [[없는 문서]] [[https://example.com|바깥]] {{{#f00,#faa 색}}} `{{{코드}}}`[* 각주]
 * 목록
  * 안쪽
||<tablealign=right><bgcolor=#fafafa,#222> 표 || 칸 ||
> 인용
==# 접힌 문단 #==
{{{
코드 상자
}}}
[[파일:없는 그림.png]]
[[분류:시험 분류]]
"""


@pytest.fixture
def pages(client, django_user_model):
    save("검사 문서", ARTICLE)
    save("검사 문서", ARTICLE + "\n고침")
    save("넘겨주는 검사 문서", "#redirect 검사 문서")
    save("지운 검사 문서", "곧 지움")
    delete_page("지운 검사 문서", ip=IP)
    return [url("w", "검사 문서"), url("w", "검사 문서", "rev=1"), url("edit", "검사 문서"),
            url("edit", "검사 문서", "section=1"), url("edit", "새로 만들 문서"), url("history", "검사 문서"),
            url("diff", "검사 문서", "rev=2"), url("blame", "검사 문서"), url("backlink", "대문"),
            url("move", "검사 문서"), url("delete", "검사 문서"), url("revert", "검사 문서", "rev=1"),
            url("w", "넘겨주는 검사 문서", "noredirect=1"), url("w", "지운 검사 문서"), url("w", "없는 문서"),
            url("w", "분류:시험 분류"), "/RecentChanges", "/Special", "/NeededPages", "/License",
            "/Search?q=%EA%B2%80%EC%82%AC", "/member/login", "/member/signup", "/member/logout", "/Upload"]


def problems(html: str) -> list[str]:
    parser = html5lib.HTMLParser()
    parser.parse(html)
    found = [f"line {line}:{col} {code} {data}" for (line, col), code, data in parser.errors]
    ids = re.findall(r'\sid="([^"]*)"', html)
    found += [f"duplicate id {i!r}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    known = set(ids)
    for attr in ("aria-describedby", "aria-labelledby", "aria-controls", "for"):
        for value in re.findall(rf'\s{attr}="([^"]*)"', html):
            found += [f"{attr} points at missing id {ref!r}" for ref in value.split() if ref not in known]
    found += [f"image without alt: {tag}" for tag in re.findall(r"<img\b[^>]*>", html) if " alt=" not in tag]
    return found


def test_every_page_is_valid_html(client, pages):
    failures = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 403, 404), (path, response.status_code)  # 403: an ACL page
        found = problems(body(response))
        if found:
            failures[path] = found[:5]
    assert not failures, failures


def test_the_checker_catches_what_it_claims():
    page = ('<!DOCTYPE html><html><head><title>t</title></head><body><p>a<ul><li>b</li></ul></p>'
            '<span id="x"></span><span id="x"></span><input aria-describedby="nowhere"><img src="a.png"></body></html>')
    found = " ".join(problems(page))
    assert "unexpected-end-tag" in found and "duplicate id 'x'" in found
    assert "missing id 'nowhere'" in found and "image without alt" in found
