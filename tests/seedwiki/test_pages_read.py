"""Request level: reading pages — /w (old revisions, deleted pages, redirects, odd titles) and /raw.

test_views.py (W-core) covers the basics once; these go through the corners of each path.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from seedwiki.documents.services import delete_page, move_page

from pages_helpers import IP, article_of, body, save, url, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.storage]


# --- an existing page --------------------------------------------------------------------------

def test_page_is_html_utf8_with_title_and_edit_links(client):
    save("바나나", "노란 과일이다.")
    response = client.get(url("w", "바나나"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = body(response)
    assert "<title>" in html and "바나나" in html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "노란 과일이다." in visible_text(article_of(html))
    for action in ("edit", "history", "backlink"):
        assert url(action, "바나나") in html


def test_page_in_a_namespace(client):
    save("틀:안내", "이 틀은 안내를 보여 준다.")
    response = client.get(url("w", "틀:안내"))
    assert response.status_code == 200
    assert "이 틀은 안내를 보여 준다." in body(response)


def test_missing_page_in_a_namespace_offers_that_namespace(client):
    response = client.get(url("w", "틀:없는 틀"))
    assert response.status_code == 404
    html = body(response)
    assert "해당 문서를 찾을 수 없습니다." in html
    assert url("edit", "틀:없는 틀") in html


def test_deleted_page_is_404_with_a_history_link(client):
    save("사라질 문서", "잠깐 있었다.")
    delete_page("사라질 문서", ip=IP)
    response = client.get(url("w", "사라질 문서"))
    assert response.status_code == 404
    html = body(response)
    assert "삭제되었습니다" in html
    assert url("history", "사라질 문서") in html
    assert "잠깐 있었다." not in html


# --- old revisions -----------------------------------------------------------------------------

def test_old_revision_says_so_and_links_to_the_latest(client):
    save("판 문서", "첫째 내용")
    save("판 문서", "둘째 내용")
    old = body(client.get(url("w", "판 문서", "rev=1")))
    assert "첫째 내용" in old and "둘째 내용" not in old
    assert "r1 판" in old
    assert "최신 판 보기" in old
    latest = body(client.get(url("w", "판 문서")))
    assert "둘째 내용" in latest and "최신 판 보기" not in latest


@pytest.mark.parametrize("query,status", [("rev=0", 404), ("rev=3", 404), ("rev=-1", 400), ("rev=x", 400),
                                          ("rev=1.5", 400)])
def test_bad_revision_numbers(client, query, status):
    save("판 둘", "하나")
    save("판 둘", "둘")
    response = client.get(url("w", "판 둘", query))
    assert response.status_code == status
    assert "<html" in body(response)  # a page with a message, not a bare error


def test_revision_of_a_deleted_page_is_still_readable(client):
    save("지운 뒤 옛 판", "남은 내용")
    delete_page("지운 뒤 옛 판", ip=IP)
    old = client.get(url("w", "지운 뒤 옛 판", "rev=1"))
    assert old.status_code == 200 and "남은 내용" in body(old)
    deletion = client.get(url("w", "지운 뒤 옛 판", "rev=2"))
    assert deletion.status_code == 200
    assert "삭제되었습니다" in body(deletion)


def test_revision_of_a_page_that_never_existed(client):
    assert client.get(url("w", "전혀 없는 문서", "rev=1")).status_code == 404


# --- redirects ---------------------------------------------------------------------------------

def test_redirect_to_a_missing_page_lands_on_its_creation_offer(client):
    save("빈 곳으로", "#redirect 아직 없는 곳")
    first = client.get(url("w", "빈 곳으로"))
    assert first.status_code == 302
    assert first["Location"] == url("w", "아직 없는 곳") + "?from=" + quote("빈 곳으로")
    landing = client.get(first["Location"])
    assert landing.status_code == 404
    html = body(landing)
    assert "빈 곳으로에서 넘어옴" in html
    assert url("w", "빈 곳으로", "noredirect=1") in html
    assert url("edit", "아직 없는 곳") in html


def test_redirect_chain_stops_after_one_hop(client):
    save("셋째", "끝 문서")
    save("둘째", "#redirect 셋째")
    save("첫째", "#redirect 둘째")
    first = client.get(url("w", "첫째"))
    assert first.status_code == 302 and first["Location"].startswith(url("w", "둘째") + "?from=")
    second = client.get(first["Location"])
    assert second.status_code == 200  # 둘째 is shown (with a notice), never a second 302 to 셋째
    html = body(second)
    assert "첫째에서 넘어옴" in html
    assert url("w", "셋째") in html


def test_noredirect_shows_the_redirect_page_itself(client):
    save("목표 문서", "목표")
    save("별명", "#redirect 목표 문서")
    response = client.get(url("w", "별명", "noredirect=1"))
    assert response.status_code == 200
    html = body(response)
    assert "넘겨주기" in html and url("w", "목표 문서") in html
    assert "에서 넘어옴" not in html


def test_redirect_left_by_a_move_carries_the_reader(client):
    save("옛 이름", "옮겨질 내용")
    move_page("옛 이름", "새 이름", leave_redirect=True, ip=IP)
    first = client.get(url("w", "옛 이름"))
    assert first.status_code == 302
    landing = client.get(first["Location"])
    assert landing.status_code == 200
    html = body(landing)
    assert "옛 이름에서 넘어옴" in html and "옮겨질 내용" in html


def test_redirect_notice_escapes_the_source_title(client):
    save("<b>굵은</b> 이름", "#redirect 안전한 곳")
    save("안전한 곳", "내용")
    landing = client.get(client.get(url("w", "<b>굵은</b> 이름"))["Location"])
    html = body(landing)
    assert "&lt;b&gt;굵은&lt;/b&gt; 이름에서 넘어옴" in html
    assert "<b>굵은</b>" not in html


def test_redirect_old_revision_is_shown_not_followed(client):
    save("한때 넘김", "#redirect 어딘가")
    save("한때 넘김", "이제는 본문")
    assert client.get(url("w", "한때 넘김", "rev=1")).status_code == 200
    assert "이제는 본문" in body(client.get(url("w", "한때 넘김")))


# --- titles in URLs ----------------------------------------------------------------------------

def test_main_namespace_prefix_is_dropped_with_a_redirect(client):
    save("사과", "과일")
    response = client.get(url("w", "문서:사과", "rev=1"))
    assert response.status_code == 302
    assert response["Location"] == url("w", "사과") + "?rev=1"


def test_untidy_whitespace_goes_to_the_canonical_title(client):
    save("두 낱말", "내용")
    response = client.get("/w/" + quote("  두   낱말 "))
    assert response.status_code == 302
    assert response["Location"] == url("w", "두 낱말")


@pytest.mark.parametrize("title", ["C#", "물음표?", "A/B/C", "100%", "a&b=c", "괄호 (동음이의어)", "Re:제로"])
def test_titles_with_url_characters_round_trip(client, title):
    save(title, f"내용 {len(title)}")
    response = client.get(url("w", title))
    assert response.status_code == 200, title
    assert f"내용 {len(title)}" in body(response)
    raw = client.get(url("raw", title))
    assert raw.status_code == 200 and raw.content.decode() == f"내용 {len(title)}"


def test_title_too_long_is_400(client):
    response = client.get(url("w", "가" * 300))
    assert response.status_code == 400
    assert "너무 깁니다" in body(response)


def test_page_title_is_escaped(client):
    save("<script>alert(1)</script>", "본문")
    html = body(client.get(url("w", "<script>alert(1)</script>")))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- /raw --------------------------------------------------------------------------------------

def test_raw_of_an_old_revision_and_bad_numbers(client):
    save("원문 판", "처음\n")
    save("원문 판", "나중\n")
    assert client.get(url("raw", "원문 판", "rev=1")).content.decode() == "처음\n"
    assert client.get(url("raw", "원문 판")).content.decode() == "나중\n"
    assert client.get(url("raw", "원문 판", "rev=9")).status_code == 404
    assert client.get(url("raw", "원문 판", "rev=z")).status_code == 400


def test_raw_of_a_deleted_page_is_404_but_its_history_stays(client):
    save("지운 원문", "비밀 아님")
    delete_page("지운 원문", ip=IP)
    assert client.get(url("raw", "지운 원문")).status_code == 404
    assert client.get(url("raw", "지운 원문", "rev=1")).content.decode() == "비밀 아님"


def test_raw_of_a_redirect_is_its_source(client):
    save("넘김 원문", "#redirect 어디")
    response = client.get(url("raw", "넘김 원문"))
    assert response.status_code == 200
    assert response.content.decode() == "#redirect 어디"


def test_raw_invalid_title_is_400(client):
    assert client.get("/raw/a%01b").status_code == 400


# --- the anonymous page cache (documents/views/page_cache.py) -----------------------------------

def test_second_anonymous_view_comes_from_the_cache_and_edits_show_at_once(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    save("캐시 문서", "첫 내용")
    first = body(client.get(url("w", "캐시 문서")))
    with CaptureQueriesContext(connection) as queries:
        second = body(client.get(url("w", "캐시 문서")))
    assert second == first
    assert len(queries) == 1  # only the freshness check: latest revision and render stamp
    save("캐시 문서", "둘째 내용")
    assert "둘째 내용" in article_of(body(client.get(url("w", "캐시 문서"))))


def test_members_never_get_the_anonymous_page_nor_leak_into_it(client, django_user_model):
    save("공용 캐시", "내용")
    anonymous = body(client.get(url("w", "공용 캐시")))
    assert "로그인" in anonymous
    member = django_user_model.objects.create_user("캐시회원", password="long enough password 1")
    client.force_login(member)
    logged_in = body(client.get(url("w", "공용 캐시")))
    assert "캐시회원" in logged_in and "로그아웃" in logged_in
    client.logout()
    from django.test import Client

    assert "캐시회원" not in body(Client().get(url("w", "공용 캐시")))


def test_redirect_notice_and_plain_page_are_kept_apart(client):
    save("캐시 목표", "목표 내용")
    save("캐시 넘김", "#redirect 캐시 목표")
    plain = body(client.get(url("w", "캐시 목표")))
    noticed = body(client.get(client.get(url("w", "캐시 넘김"))["Location"]))
    assert "에서 넘어옴" not in plain and "캐시 넘김에서 넘어옴" in noticed
    assert "에서 넘어옴" not in body(client.get(url("w", "캐시 목표")))


def test_cached_pages_follow_the_readers_language(client):
    save("언어 문서", "내용")
    korean = body(client.get(url("w", "언어 문서"), HTTP_ACCEPT_LANGUAGE="ko"))
    english = body(client.get(url("w", "언어 문서"), HTTP_ACCEPT_LANGUAGE="en"))
    assert "최근 수정 시각" in korean
    assert '<html lang="en"' in english and "최근 수정 시각" not in english
    assert "최근 수정 시각" in body(client.get(url("w", "언어 문서"), HTTP_ACCEPT_LANGUAGE="ko"))


def test_category_pages_list_new_members_at_once(client):
    save("분류:캐시 분류", "분류 설명")
    save("첫 회원", "[[분류:캐시 분류]]")
    assert url("w", "첫 회원") in body(client.get(url("w", "분류:캐시 분류")))
    save("둘째 회원", "[[분류:캐시 분류]]")
    assert url("w", "둘째 회원") in body(client.get(url("w", "분류:캐시 분류")))


def test_cached_page_has_the_same_vary_headers_as_a_fresh_one(client):
    save("헤더 문서", "내용")
    fresh = client.get(url("w", "헤더 문서"))
    cached = client.get(url("w", "헤더 문서"))
    vary = lambda response: {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}  # noqa: E731
    assert "cookie" in vary(fresh) and "accept-language" in vary(fresh)
    assert vary(cached) == vary(fresh)
    assert cached["Content-Type"] == fresh["Content-Type"]


# --- ?from= names only a real redirect (finding 13 of issue 6) ------------------------------------

def test_from_shows_the_notice_for_a_real_redirect(client):
    save("진짜 목적지", "내용")
    save("진짜 넘김", "#redirect 진짜 목적지")
    response = client.get(url("w", "진짜 목적지", "from=" + quote("진짜 넘김")))
    assert response.status_code == 200
    assert "진짜 넘김에서 넘어옴" in body(response)


@pytest.mark.parametrize("bogus", ["해킹당했습니다 공지", "다른 곳 넘김", "일반 문서", "\u3164"])
def test_a_bogus_from_goes_to_the_plain_page(client, bogus):
    save("진짜 목적지", "내용")
    save("다른 곳 넘김", "#redirect 엉뚱한 곳")
    save("일반 문서", "넘겨주기가 아님")
    response = client.get(url("w", "진짜 목적지", "from=" + quote(bogus) + "&noredirect=1"))
    assert response.status_code == 302
    assert response["Location"] == url("w", "진짜 목적지", "noredirect=1")
    assert "넘어옴" not in body(client.get(response["Location"]))


# --- {{{#!html}}} media hosts (SEEDWIKI_HTML_MEDIA_HOSTS) ----------------------------------------

def test_html_media_load_only_from_the_wiki_or_the_allowed_hosts(client, settings):
    save("영상", '{{{#!html <video src="https://media.example/v.mp4"></video>'
                 '<video src="/file/local.mp4"></video>}}}')
    html = body(client.get(url("w", "영상")))
    assert 'src="/file/local.mp4"' in html and "media.example" not in html
    settings.SEEDWIKI_HTML_MEDIA_HOSTS = ("media.example",)
    save("영상 2", '{{{#!html <video src="https://media.example/v.mp4"></video>}}}')
    assert 'src="https://media.example/v.mp4"' in body(client.get(url("w", "영상 2")))
