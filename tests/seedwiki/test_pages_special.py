"""Request level: a tour of every page of the site in a populated wiki, and hostile query strings.

W-more's tests (test_special, test_search, test_accounts, test_files) check each page's logic; this
file checks that every URL answers a reader sensibly: HTML in Korean, the right status, never a 500.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from seedwiki.documents.services import delete_page, move_page
from seedwiki.special.stored_lists import rebuild_special_lists

from pages_helpers import IP, body, save, url

pytestmark = [pytest.mark.django_db, pytest.mark.storage]

PAGES = [
    "/RecentChanges", "/RandomPage", "/NeededPages", "/OrphanedPages", "/UncategorizedPages", "/OldPages",
    "/ShortestPages", "/LongestPages", "/License", "/Upload", "/Search", "/Search?q=" + quote("사과"),
    "/contribution/" + IP, "/member/login", "/member/signup",
]


@pytest.fixture
def wiki():
    save("사과", "사과는 [[과일]]이다. [[없는 문서]]\n[[분류:과일]]", summary="사과 작성")
    save("배", "배도 과일이다.\n[[분류:과일]]")
    save("분류:과일", "과일 분류")
    save("틀:안내", "안내 틀 [[사과]]")
    save("고아", "아무도 링크하지 않는다.")
    save("사라진 문서", "곧 사라짐")
    delete_page("사라진 문서", ip=IP)
    move_page("고아", "옮긴 고아", leave_redirect=True, ip=IP)
    rebuild_special_lists()


@pytest.mark.parametrize("path", PAGES)
def test_every_special_page_answers_in_korean_html(client, wiki, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("text/html")
    html = body(response)
    assert '<html lang="ko"' in html
    assert "<title>" in html
    assert url("w", "대문") in html or 'href="/"' in html  # the site's navigation is there


def test_recent_changes_links_the_pages_and_their_authors(client, wiki):
    html = body(client.get("/RecentChanges"))
    for title in ("사과", "배", "분류:과일", "틀:안내", "옮긴 고아"):
        assert url("w", title) in html or url("history", title) in html, title
    assert "/contribution/" + IP in html


def test_random_redirects_to_an_existing_article(client, wiki):
    response = client.get("/random")
    assert response.status_code == 302
    landing = client.get(response["Location"])
    assert landing.status_code in (200, 302)  # a redirect page may be picked; it then forwards once


def test_special_lists_reflect_the_wiki(client, wiki):
    assert url("w", "없는 문서") in body(client.get("/NeededPages"))
    orphaned = body(client.get("/OrphanedPages"))
    assert url("w", "배") in orphaned and url("w", "사과") not in orphaned  # 사과 is linked from 틀:안내
    uncategorized = body(client.get("/UncategorizedPages"))
    assert url("w", "옮긴 고아") in uncategorized and url("w", "사과") not in uncategorized
    longest = body(client.get("/LongestPages"))
    assert longest.index(url("w", "사과")) < longest.index(url("w", "배"))


def test_search_and_go(client, wiki):
    results = body(client.get("/Search?q=" + quote("과일")))
    assert url("w", "사과") in results and url("w", "배") in results
    go = client.get("/Go?q=" + quote("사과"))
    assert go.status_code == 302 and go["Location"] == url("w", "사과")
    nothing = client.get("/Go?q=" + quote("아무 데도 없음"))
    assert nothing.status_code == 302 and nothing["Location"].startswith("/Search?")
    assert client.get("/Go").status_code == 302


def test_signup_login_logout_round_trip():
    client = Client()
    signup = client.post("/member/signup", {"username": "새회원", "password1": "a long enough pass 9",
                                            "password2": "a long enough pass 9"})
    assert signup.status_code == 302
    client.post("/edit/" + quote("회원 글"), {"text": "회원이 씀", "base_rev": "0"})
    assert "새회원" in body(client.get("/contribution/" + quote("새회원")))
    assert client.post("/member/logout").status_code == 302
    client.post("/edit/" + quote("회원 글"), {"text": "손님이 씀", "base_rev": "1"})
    html = body(client.get(url("history", "회원 글")))
    assert "새회원" in html and "127.0.0.1" in html
    login = client.post("/member/login", {"username": "새회원", "password": "a long enough pass 9"})
    assert login.status_code == 302


HOSTILE_QUERIES = ["page=-1", "page=abc", "page=99999999999999999999", "page=1e3", "namespace=%00",
                   "namespace=" + quote("없는공간"), "q=" + quote("%' OR 1=1 --"), "q=" + "x" * 5000,
                   "target=nonsense", "until=abc", "from=%FF", "logtype=zzz", "q=%00", "rev=%00"]


@pytest.mark.parametrize("path", ["/RecentChanges", "/RandomPage", "/NeededPages", "/OrphanedPages",
                                  "/UncategorizedPages", "/OldPages", "/ShortestPages", "/LongestPages",
                                  "/Search", "/Go", "/contribution/" + IP, "/w/" + quote("사과"),
                                  "/history/" + quote("사과"), "/backlink/" + quote("사과"),
                                  "/diff/" + quote("사과"), "/blame/" + quote("사과"), "/raw/" + quote("사과")])
def test_hostile_query_strings_never_cause_a_server_error(wiki, path):
    client = Client(raise_request_exception=False)
    for query in HOSTILE_QUERIES:
        response = client.get(f"{path}?{query}")
        assert response.status_code < 500, (path, query, response.status_code)
        if response.status_code >= 400:
            assert len(response.content) > 0


def test_unknown_urls_are_a_korean_404_page(client):
    response = client.get("/no/such/thing")
    assert response.status_code == 404
    assert '<html lang="ko"' in body(response)


def test_uploaded_file_urls_that_do_not_exist(client):
    assert client.get("/file/" + "0" * 64).status_code == 404
    assert client.get("/file/..%2F..%2Fsecret_key").status_code == 404
