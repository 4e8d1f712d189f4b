"""End to end: a namu.wiki-like article built through the HTTP client and the services, moved, and
read through the redirect its old title left — checking what a visitor actually sees.

The article has an uploaded image, a licence template included with parameters, a numbered table
of contents, footnotes, citation links, categories; all text here is our own.
"""
from __future__ import annotations

import hashlib
import re
import struct
import zlib
from urllib.parse import quote

import pytest

from seedwiki.documents.models import Document, PageLink

from pages_helpers import article_of, body, save, url, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.storage]

OLD_TITLE = "한라봉 (과일)"
NEW_TITLE = "한라봉"

LICENSE_TEMPLATE = """\
{{{#!wiki style="border:1px solid #ccc; padding:4px"
'''사진 저작자''': @저작자@ · '''출처''': @출처@ · '''라이선스''': @라이선스@
}}}"""

ARTICLE = """\
[include(틀:라이선스, 저작자=김제주, 출처=직접 촬영, 라이선스=CC BY-SA 4.0)]
[목차]
== 개요 ==
'''한라봉'''은 [[귤]]의 한 품종이다.[* 꼭지가 튀어나온 모양 때문에 붙은 이름이다.] 비슷한 과일로 [[천혜향]]이 있다.
[[파일:한라봉.png|width=120]]
== 역사 ==
=== 들여옴 ===
일본에서 들여온 품종을 개량했다.[* 1990년대의 일이다.][[https://example.org/citrus/history|감귤 역사 자료]]
=== 보급 ===
제주 전역으로 퍼졌다.[[https://example.org/citrus/stats|재배 통계]] [[https://example.net/news/1|관련 기사]]
== 각주 ==
[각주]
[[분류:과일]][[분류:제주특별자치도의 특산물]]
"""


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A valid grey PNG, made here so the test needs no image files."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = b"".join(b"\x00" + b"\x99" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


@pytest.fixture
def published(client, settings, tmp_path, django_user_model):
    """Everything a contributor does, in order; returns the image's sha256."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.SEEDWIKI_UPLOAD_DIR = str(tmp_path / "uploads")
    image = tiny_png()
    upload = client.post("/Upload", {
        "file": SimpleUploadedFile("hallabong.png", image, content_type="image/png"),
        "title": "파일:한라봉.png", "license": "CC BY-SA", "category": "과일 사진", "summary": "직접 찍은 한라봉",
    })
    assert upload.status_code == 302, body(upload)

    # The template and the linked page through the editor, the article too.
    for title, text in (("틀:라이선스", LICENSE_TEMPLATE), ("귤", "귤은 과일이다."), (OLD_TITLE, ARTICLE)):
        saved = client.post(url("edit", title), {"text": text, "base_rev": "0", "summary": "작성"})
        assert saved.status_code == 302, (title, body(saved))
    client.force_login(django_user_model.objects.create_user("편집자", password="pw-for-tests-123"))
    moved = client.post(url("move", OLD_TITLE), {"new_title": NEW_TITLE, "leave_redirect": "1",
                                                  "summary": "표제어 정리"})
    assert moved.status_code == 302 and moved["Location"] == url("w", NEW_TITLE)
    client.logout()  # the visitor reads anonymously
    return hashlib.sha256(image).hexdigest()


@pytest.fixture
def visit(client, published):
    """The visitor types the old title and follows the redirect."""
    response = client.get(url("w", OLD_TITLE), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(url("w", NEW_TITLE) + "?from=" + quote(OLD_TITLE), 302)]
    return body(response)


def test_title_time_and_redirect_notice(visit):
    assert re.search(r"<title>[^<]*한라봉[^<]*</title>", visit)
    heading = re.search(r"(?s)<h1[^>]*>(.*?)</h1>", visit).group(1)
    assert "한라봉" in visible_text(heading) and "(과일)" not in visible_text(heading)
    assert "최근 수정 시각" in visit
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d', visit)
    notice = re.search(r'(?s)<p class="sw-redirected">(.*?)</p>', visit).group(1)
    assert f"{OLD_TITLE}에서 넘어옴" in visible_text(notice)
    assert f'href="{url("w", OLD_TITLE)}?noredirect=1"' in notice


def test_uploaded_image_is_in_the_article(visit, published):
    article = article_of(visit)
    assert f'<img src="/file/{published}"' in article
    assert url("w", "파일:한라봉.png") in article


def test_table_of_contents_and_numbered_headings(visit):
    article = article_of(visit)
    toc = re.search(r'(?s)<div class="wiki-macro-toc".*?</details>', article).group(0)
    entries = [visible_text(item) for item in re.findall(r'(?s)<span class="toc-item">(.*?)</span>', toc)]
    assert entries == ["1 . 개요", "2 . 역사", "2.1 . 들여옴", "2.2 . 보급", "3 . 각주"]
    for section, (number, text) in enumerate((("1", "개요"), ("2", "역사"), ("2.1", "들여옴"), ("2.2", "보급"),
                                              ("3", "각주")), start=1):
        heading = re.search(rf'(?s)<h[23] class="wiki-heading"><a id="s-{re.escape(number)}" href="#toc">'
                            rf'{re.escape(number)}\.</a> <span id="{text}">{text}</span>(.*?)</h[23]>', article)
        assert heading, number
        assert f'href="#s-{number}"' in toc
        if "wiki-edit-section" in heading.group(1):  # the [편집] link opens that section's editor
            assert f'href="{url("edit", NEW_TITLE)}?section={section}"' in heading.group(1)


def test_template_output_has_the_parameters(visit):
    article = article_of(visit)
    included = re.search(r'(?s)<div class="wiki-include">(.*?)</div>\s*</div>', article).group(1)
    text = visible_text(included)
    assert "사진 저작자 : 김제주" in text or "사진 저작자: 김제주" in text
    assert "직접 촬영" in text and "CC BY-SA 4.0" in text
    assert "@저작자@" not in article and "@출처@" not in article


def test_footnotes_are_linked_both_ways(visit):
    article = article_of(visit)
    assert article.count('class="wiki-fn-content"') == 2
    assert 'href="#fn-1"' in article and 'href="#fn-2"' in article
    footnotes = re.search(r'(?s)<div class="wiki-macro-footnote">(.*?)</div>', article).group(1)
    listed = visible_text(footnotes)
    assert "[1] 꼭지가 튀어나온 모양 때문에 붙은 이름이다." in listed
    assert "[2] 1990년대의 일이다." in listed
    assert 'href="#rfn-1"' in footnotes and 'href="#rfn-2"' in footnotes


def test_links_internal_red_and_citations(visit):
    article = article_of(visit)
    assert re.search(rf'<a class="wiki-link-internal" href="{re.escape(url("w", "귤"))}"', article)
    assert re.search(rf'<a class="wiki-link-internal not-exist" href="{re.escape(url("w", "천혜향"))}"', article)
    citations = re.findall(r'<a class="wiki-link-external" href="([^"]+)"[^>]*rel="([^"]+)"[^>]*>([^<]+)</a>', article)
    assert [(href, label) for href, _rel, label in citations] == [
        ("https://example.org/citrus/history", "감귤 역사 자료"),
        ("https://example.org/citrus/stats", "재배 통계"),
        ("https://example.net/news/1", "관련 기사"),
    ]
    assert all("nofollow" in rel for _href, rel, _label in citations)


def test_category_bar(visit):
    bar = re.search(r'(?s)<div class="sw-categories">(.*?)</div>', visit).group(1)
    assert url("w", "분류:과일") in bar and url("w", "분류:제주특별자치도의 특산물") in bar
    assert visible_text(bar).startswith("분류")


def test_the_wiki_knows_the_page_after_the_move(client, published):
    moved = Document.objects.get(namespace="문서", title=NEW_TITLE)
    links = set(PageLink.objects.filter(source=moved).values_list("kind", "target"))
    assert {("include", "틀:라이선스"), ("link", "귤"), ("link", "천혜향"), ("file", "파일:한라봉.png"),
            ("category", "분류:과일")} <= links
    redirect = Document.objects.get(namespace="문서", title=OLD_TITLE)
    assert redirect.is_redirect and redirect.redirect_target == NEW_TITLE
    assert [r.kind for r in moved.revisions.order_by("number")] == ["create", "move"]
    assert url("w", NEW_TITLE) in body(client.get(url("backlink", "틀:라이선스")))
    assert url("w", NEW_TITLE) in body(client.get(url("w", "분류:과일")))
    assert url("w", NEW_TITLE) in body(client.get(url("backlink", "파일:한라봉.png")))


def test_editing_the_template_changes_the_article(client, published):
    save("틀:라이선스", LICENSE_TEMPLATE.replace("사진 저작자", "촬영한 사람"))
    article = article_of(body(client.get(url("w", NEW_TITLE))))
    assert "촬영한 사람" in article and "김제주" in article
