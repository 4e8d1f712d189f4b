"""DbContext.page_url quotes through namumark.escape.quote (a bounded cache answers a title
linked again, the renderer keeping no URL of its own): the URLs are urllib's, as
seedwiki.titles.quote_title writes them, for every kind of title."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from seedwiki.rendering import DbContext
from seedwiki.titles import URL_SAFE, quote_title

TITLES = [
    "대문", "상위 문서/하위 문서", "100% 오렌지", "C#", "C# 프로그래밍#개요", "무엇?", "a?b=c&d",
    "틀:상위 문서", "Re:제로", "사용자:홍길동", "(괄호)!,'*", "따옴표\"<태그>", "역슬래시\\문서",
    "탭\t문자", "~밑줄_점.하이픈-", "+더하기;쌍반점=@골뱅이$", "%EA%B0%80", "이모지 😀 🇰🇷",
    "결합 문자 é", "전각　공백", "", " ", "/", "//", "#", "?", "%",
    "아" * 600,  # past escape.quote's cached length: quoted without the cache, the same way
]


@pytest.mark.parametrize("title", TITLES)
def test_page_url_is_urllibs_quote(title):
    expected = "/w/" + quote(title, safe=URL_SAFE)
    context = DbContext()
    assert context.page_url(title) == expected
    assert context.page_url(title) == expected  # asked again: the cached answer is the same
    assert expected == "/w/" + quote_title(title)
