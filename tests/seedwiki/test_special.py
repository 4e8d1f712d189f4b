"""The seed's special pages: RecentChanges, random, Needed/Orphaned/Uncategorized/Old/Shortest/Longest,
/License and category listings."""
from __future__ import annotations

from urllib.parse import quote, unquote

import pytest
from django.test import override_settings

from seedwiki.documents.models import Document, PageLink
from seedwiki.special.category import category_listing
from seedwiki.special.hangul import heading_of
from seedwiki.special.stored_lists import rebuild_special_lists

from wikimore_helpers import days_ago, make_page

pytestmark = pytest.mark.django_db


def link(source_title: str, target: str, kind: str = "link", sort_key: str = "", blur: bool = False):
    """A link row as W-core's derive.apply_links writes it (independent of the markup parser)."""
    from seedwiki.titles import parse_title

    namespace, title = parse_title(source_title)
    source = Document.objects.get(namespace=namespace, title=title)
    return PageLink.objects.create(source=source, target=target, kind=kind, sort_key=sort_key, blur=blur)


def listed_titles(body: str) -> list[str]:
    """Titles of /w/ links inside the page's <main> (skips the skin's header)."""
    import re

    main = body[body.index("<main"):]
    return [unquote(m) for m in re.findall(r'href="/w/([^"?#]+)"', main)]


# --- RecentChanges --------------------------------------------------------------------------------

def test_recent_changes_lists_newest_first_with_author_and_delta(client):
    make_page("첫째", "가나다", ip="198.51.100.1", summary="처음 만듦")
    make_page("둘째", "가나다라마", ip="198.51.100.2")
    make_page("첫째", "가", ip="198.51.100.3", summary="줄임")
    response = client.get("/RecentChanges")
    assert response.status_code == 200
    body = response.content.decode()
    assert listed_titles(body)[:3] == ["첫째", "둘째", "첫째"]
    assert "/contribution/198.51.100.3" in body
    assert "(-6)" in body  # 9 bytes → 3 bytes
    assert "(+15)" in body
    assert "처음 만듦" in body and "줄임" in body


def test_recent_changes_logtype_filters(client):
    from seedwiki.documents.services import delete_page, move_page

    make_page("새로", "내용")
    make_page("새로", "고친 내용")
    make_page("옮길", "내용")
    move_page("옮길", "옮긴", ip="198.51.100.1", summary="이동 요약입니다")
    make_page("지울", "내용")
    delete_page("지울", ip="198.51.100.1", summary="삭제 요약입니다")

    creates = client.get("/RecentChanges", {"logtype": "create"}).content.decode()
    assert "새로" in creates and "고친 내용" not in creates
    moves = client.get("/RecentChanges", {"logtype": "move"}).content.decode()
    assert "이동 요약입니다" in moves and "삭제 요약입니다" not in moves
    assert "옮길에서 옮긴(으)로 문서 이동" in moves
    deletes = client.get("/RecentChanges", {"logtype": "delete"}).content.decode()
    assert "삭제 요약입니다" in deletes and "이동 요약입니다" not in deletes
    everything = client.get("/RecentChanges", {"logtype": "nonsense"}).content.decode()
    assert "삭제 요약입니다" in everything and "이동 요약입니다" in everything


def test_recent_changes_revert_entries(client):
    from seedwiki.documents.services import revert_page

    make_page("되돌릴", "첫 판")
    make_page("되돌릴", "둘째 판")
    revert_page("되돌릴", 1, ip="198.51.100.1", summary="")
    body = client.get("/RecentChanges", {"logtype": "revert"}).content.decode()
    assert "r1으로 되돌림" in body
    assert listed_titles(body) == ["되돌릴"]


def test_recent_changes_is_read_only(client):
    assert client.post("/RecentChanges").status_code == 405


# --- random ---------------------------------------------------------------------------------------

def test_random_goes_to_a_live_main_namespace_article(client):
    make_page("진짜 문서", "내용")
    make_page("넘겨주기", "#redirect 진짜 문서")
    make_page("틀:틀 문서", "틀 내용")
    for _ in range(10):
        response = client.get("/random")
        assert response.status_code == 302
        assert response["Location"] == "/w/" + quote("진짜 문서")


def test_random_with_an_empty_wiki_goes_to_the_front_page(client, settings):
    response = client.get("/random")
    assert response.status_code == 302
    assert response["Location"] == "/w/" + quote(settings.FRONT_PAGE)


def test_random_page_lists_twenty_distinct_pages(client):
    for i in range(30):
        make_page(f"무작위 {i:02d}", "내용")
    body = client.get("/RandomPage").content.decode()
    titles = [t for t in listed_titles(body) if t.startswith("무작위")]
    assert len(titles) == 20
    assert len(set(titles)) == 20


def test_random_page_by_namespace(client):
    make_page("틀:하나", "내용")
    make_page("문서 하나", "내용")
    body = client.get("/RandomPage", {"namespace": "틀"}).content.decode()
    assert "틀:하나" in listed_titles(body)
    assert "문서 하나" not in listed_titles(body)


# --- needed / orphaned / uncategorized ---------------------------------------------------------------

def test_needed_pages_counts_linking_pages(client):
    make_page("가", "본문")
    make_page("나", "본문")
    make_page("있는 문서", "본문")
    link("가", "없는 문서")
    link("나", "없는 문서")
    link("가", "또 없는 문서")
    link("가", "있는 문서")
    rebuild_special_lists()
    body = client.get("/NeededPages").content.decode()
    assert listed_titles(body) == ["없는 문서", "또 없는 문서"]
    assert "2개 문서에서 링크" in body and "1개 문서에서 링크" in body


def test_needed_page_disappears_once_written(client):
    make_page("가", "본문")
    link("가", "곧 생길 문서")
    rebuild_special_lists()
    assert "곧 생길 문서" in listed_titles(client.get("/NeededPages").content.decode())
    make_page("곧 생길 문서", "이제 있다")  # gone at once, before the next rebuild
    assert "곧 생길 문서" not in listed_titles(client.get("/NeededPages").content.decode())


def test_orphaned_pages(client):
    make_page("고아", "본문")
    make_page("부모", "본문")
    make_page("자식", "본문")
    make_page("자기만", "본문")
    link("부모", "자식")
    link("자기만", "자기만")  # a self-link does not adopt a page
    rebuild_special_lists()
    body = client.get("/OrphanedPages").content.decode()
    titles = listed_titles(body)
    assert "고아" in titles and "부모" in titles and "자기만" in titles
    assert "자식" not in titles


def test_uncategorized_pages(client):
    make_page("분류 있음", "본문")
    make_page("분류 없음", "본문")
    make_page("넘겨주기 문서", "#redirect 분류 있음")
    link("분류 있음", "분류:테스트", kind="category")
    rebuild_special_lists()
    titles = listed_titles(client.get("/UncategorizedPages").content.decode())
    assert "분류 없음" in titles
    assert "분류 있음" not in titles
    assert "넘겨주기 문서" not in titles


# --- old / shortest / longest ---------------------------------------------------------------------

@pytest.fixture
def aged_pages():
    make_page("오래된", "가" * 10, at=days_ago(300))
    make_page("중간", "가" * 500, at=days_ago(30))
    make_page("최근", "가" * 50, at=days_ago(1))


def test_old_pages_oldest_first(client, aged_pages):
    assert listed_titles(client.get("/OldPages").content.decode()) == ["오래된", "중간", "최근"]


def test_shortest_and_longest(client, aged_pages):
    assert listed_titles(client.get("/ShortestPages").content.decode()) == ["오래된", "최근", "중간"]
    body = client.get("/LongestPages").content.decode()
    assert listed_titles(body) == ["중간", "최근", "오래된"]
    assert "1500글자" in body  # length is in bytes of UTF-8, as the seed counts


def test_list_pages_paginate(client):
    for i in range(105):
        make_page(f"짧은 {i:03d}", "가")
    first = listed_titles(client.get("/ShortestPages").content.decode())
    second = listed_titles(client.get("/ShortestPages", {"page": "2"}, follow=True).content.decode())
    assert len(first) == 100 and len(second) == 5
    assert not set(first) & set(second)


# --- licence ---------------------------------------------------------------------------------------

def test_license_default_is_namu_wikis(client):
    body = client.get("/License").content.decode()
    assert "CC BY-NC-SA 2.0 KR" in body
    assert "https://creativecommons.org/licenses/by-nc-sa/2.0/kr/" in body
    assert "seedwiki" in body


@override_settings(SEEDWIKI_LICENSE="CC BY-SA 4.0")
def test_license_is_configurable(client):
    body = client.get("/License").content.decode()
    assert "CC BY-SA 4.0" in body and "CC BY-NC-SA 2.0 KR" not in body
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in body


@override_settings(SEEDWIKI_LICENSE="우리 위키 라이선스", SEEDWIKI_LICENSE_URL="javascript:alert(1)")
def test_license_url_must_be_a_web_address(client):
    body = client.get("/License").content.decode()
    assert "우리 위키 라이선스" in body
    assert "javascript:" not in body


# --- categories -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,heading", [
    ("가나다", "ㄱ"), ("까치", "ㄱ"), ("나무", "ㄴ"), ("뚜벅", "ㄷ"), ("힘", "ㅎ"), ("ㅋㅋ", "ㅋ"),
    ("apple", "A"), ("Zebra", "Z"), ("1등", "0~9"), ("!느낌표", "기타"), ("", "기타"), ("日本", "기타"),
])
def test_heading_of(text, heading):
    assert heading_of(text) == heading


def test_category_listing_groups_members(client):
    make_page("분류:동물", "동물 분류")
    make_page("고양이", "본문")
    make_page("개", "본문")
    make_page("너구리", "본문")
    make_page("Aardvark", "본문")
    make_page("분류:포유류", "하위 분류")
    make_page("파일:고양이.png", "파일 설명")
    make_page("호랑이", "본문")
    for title in ["고양이", "개", "너구리", "Aardvark", "분류:포유류", "파일:고양이.png"]:
        link(title, "분류:동물", kind="category")
    link("호랑이", "분류:동물", kind="category", sort_key="가나다순 맨앞")

    category = Document.objects.get(namespace="분류", title="동물")
    listing = category_listing(category)
    documents = listing["documents"]
    assert documents["count"] == 5
    groups = dict((h, [m.full_title for m in ms]) for h, ms in documents["groups"])
    assert list(groups) == ["A", "ㄱ", "ㄴ"]
    assert groups["ㄱ"] == ["호랑이", "개", "고양이"]  # 호랑이 sorts by its sort key
    assert groups["ㄴ"] == ["너구리"]
    assert [m.full_title for _, ms in listing["categories"]["groups"] for m in ms] == ["분류:포유류"]
    assert [m.full_title for _, ms in listing["files"]["groups"] for m in ms] == ["파일:고양이.png"]


def test_category_listing_skips_deleted_members():
    from seedwiki.documents.services import delete_page

    make_page("분류:과일", "과일")
    make_page("사과", "본문")
    make_page("배", "본문")
    link("사과", "분류:과일", kind="category")
    link("배", "분류:과일", kind="category")
    delete_page("배", ip="198.51.100.1", summary="삭제 사유입니다")
    category = Document.objects.get(namespace="분류", title="과일")
    members = [m.full_title for _, ms in category_listing(category)["documents"]["groups"] for m in ms]
    assert members == ["사과"]


def test_category_listing_of_a_category_without_its_own_page():
    make_page("배", "본문")
    link("배", "분류:쓰이지 않은 분류", kind="category")
    unsaved = Document(namespace="분류", title="쓰이지 않은 분류")
    assert category_listing(unsaved)["documents"]["count"] == 1


def test_category_page_shows_its_members(client):
    """End to end with W-core's page view: /w/분류:X includes special/category_listing.html."""
    make_page("분류:식물", "식물에 관한 분류")
    make_page("소나무", "본문")
    make_page("분류:나무", "하위 분류")
    link("소나무", "분류:식물", kind="category")
    link("분류:나무", "분류:식물", kind="category")
    response = client.get("/w/" + quote("분류:식물"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '"식물" 분류에 속하는 문서' in body
    assert "하위 분류" in body
    assert 'href="/w/' + quote("소나무") + '"' in body
    assert 'href="/w/' + quote("분류:나무", safe=":") + '"' in body


def test_markup_links_and_categories_feed_the_special_pages(client):
    """End to end with the real parser: [[links]] and [[분류:…]] in saved text."""
    make_page("분류:새", "새 분류")
    make_page("참새", "[[분류:새]] 작은 새. [[까치]]와 [[비둘기]] 참고.")
    make_page("까치", "[[분류:새|ㄲ]] 검은 새")
    rebuild_special_lists()
    needed = listed_titles(client.get("/NeededPages").content.decode())
    assert needed == ["비둘기"]
    uncategorized = listed_titles(client.get("/UncategorizedPages").content.decode())
    assert "참새" not in uncategorized and "까치" not in uncategorized
    orphans = listed_titles(client.get("/OrphanedPages").content.decode())
    assert "참새" in orphans and "까치" not in orphans
    body = client.get("/w/" + quote("분류:새")).content.decode()
    assert "전체 2개 문서" in body


def test_special_pages_speak_english_when_asked(client):
    make_page("영어", "본문")
    body = client.get("/RecentChanges", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Recent changes" in body and "최근 변경내역" not in body
    body = client.get("/Search", {"q": "없음"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No results." in body


def test_random_page_is_full_even_when_every_draw_repeats(client, monkeypatch):
    # Every random point lands on the first page: the list must still hold twenty distinct pages.
    for i in range(30):
        make_page(f"반복 {i:02d}", "내용")
    monkeypatch.setattr("seedwiki.special.queries.random.randint", lambda low, high: low)
    body = client.get("/RandomPage").content.decode()
    titles = [t for t in listed_titles(body) if t.startswith("반복")]
    assert len(set(titles)) == 20
