"""Request level: lists paged by keyset (?from= / ?until=) — /backlink, category pages, /contribution —
and random pages without ORDER BY RANDOM(). Small pages (PER_PAGE patched) so a few pages cover the list."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote, unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seedwiki.documents.models import Document
from seedwiki.documents.services import delete_page

from pages_helpers import body, save, url

pytestmark = [pytest.mark.django_db, pytest.mark.storage]


def pager_link(html: str, rel: str) -> str | None:
    found = re.search(r'<a href="([^"]*)" rel="%s">' % rel, html)
    return unescape(found.group(1)) if found else None


def walk(client, path: str, first_query: str, rel: str, extract, link_of=pager_link) -> list[list[str]]:
    """Every page from ``path?first_query`` following the rel="next"/"prev" links, as lists of items."""
    pages, query = [], first_query
    while query is not None:
        response = client.get(path + ("?" + query.lstrip("?") if query else ""))
        assert response.status_code == 200, (query, response.status_code)
        html = body(response)
        pages.append(extract(html))
        assert len(pages) < 50, "the pager does not end"
        query = link_of(html, rel)
    return pages if rel == "next" else pages[::-1]


# --- /backlink -------------------------------------------------------------------------------------

def backlink_titles(html: str) -> list[str]:
    listed = html[html.index('class="sw-backlinks"'):] if 'class="sw-backlinks"' in html else ""
    listed = listed[:listed.index("</ul>")] if listed else ""
    return [unquote(t) for t in re.findall(r'<li><a href="/w/([^"?]+)', listed)]


MAIN_SOURCES = [f"출처 {i:02d}" for i in range(11)]
TEMPLATE_SOURCES = ["틀:출처 A", "틀:출처 B", "틀:출처 C"]


@pytest.fixture
def backlinked(monkeypatch):
    from seedwiki.documents.services import backlinks

    monkeypatch.setattr(backlinks, "PER_PAGE", 4)
    save("대상", "본문")
    for title in MAIN_SOURCES:
        save(title, "[[대상]] 을 가리킨다")
    for title in TEMPLATE_SOURCES:
        save(title, "[[대상]]")
    save("링크와 포함", "[[대상]] [include(대상)]")
    save("넘겨주기 출처", "#redirect 대상")
    save("지워진 출처", "[[대상]]")
    delete_page("지워진 출처", ip="198.51.100.1", summary="지우는 이유입니다")
    save("분류만", "[[분류:대상]]")  # a category link is not a backlink
    return sorted(MAIN_SOURCES + ["링크와 포함", "넘겨주기 출처"]) + TEMPLATE_SOURCES  # 문서 < 틀


def test_backlink_pages_list_every_source_once_forward_and_backward(client, backlinked):
    path = url("backlink", "대상")
    forward = walk(client, path, "", "next", backlink_titles)
    assert sum(forward, []) == backlinked
    assert [len(page) for page in forward] == [4, 4, 4, 4]
    last = forward[-1][-1]
    backward = walk(client, path, "until=" + quote(last), "prev", backlink_titles)
    assert backward == forward


def test_backlink_lists_a_page_once_with_all_its_kinds_and_counts_pages(client, backlinked):
    html = body(client.get(url("backlink", "대상", "from=" + quote("링크와 포함"))))
    assert backlink_titles(html)[0] == "링크와 포함"
    assert "링크와 포함</a> (링크, 포함)" in html
    assert ">문서 (13)<" in html and ">틀 (3)<" in html


def test_backlink_namespace_filter_pages_within_it(client, backlinked):
    pages = walk(client, url("backlink", "대상"), "namespace=" + quote("틀"), "next", backlink_titles)
    assert pages == [TEMPLATE_SOURCES]
    two = walk(client, url("backlink", "대상"), "namespace=" + quote("문서") + "&from=" + quote("출처 08"),
               "next", backlink_titles)
    assert two == [["출처 08", "출처 09", "출처 10"]]


def test_backlink_cursor_boundaries(client, backlinked):
    # a cursor need not be a listed page: it is a position in (namespace, title) order
    html = body(client.get(url("backlink", "대상", "from=" + quote("출처 035"))))
    assert backlink_titles(html) == ["출처 04", "출처 05", "출처 06", "출처 07"]
    assert pager_link(html, "prev") == "?until=" + quote("출처 03").replace("%20", "+")
    past_end = body(client.get(url("backlink", "대상", "from=" + quote("틀:하"))))
    assert backlink_titles(past_end) == [] and pager_link(past_end, "next") is None
    assert pager_link(past_end, "prev") == "?until=" + quote("틀:출처 C", safe="").replace("%20", "+")
    before_start = body(client.get(url("backlink", "대상", "until=" + quote("가"))))
    assert backlink_titles(before_start) == [] and pager_link(before_start, "prev") is None
    assert pager_link(before_start, "next") == "?from=" + quote("넘겨주기 출처").replace("%20", "+")


@pytest.mark.parametrize("query", ["from=", "until=", "from=a&until=b", "from=" + "가" * 600, "from=" + quote("틀:")])
def test_backlink_bad_cursors_are_refused_with_a_message(client, backlinked, query):
    response = client.get(url("backlink", "대상", query))
    assert response.status_code == 400
    assert "from" in body(response) or "until" in body(response)


def test_backlink_old_page_numbers_still_work(client, backlinked):
    response = client.get(url("backlink", "대상", "page=2"))
    assert response.status_code == 302 and response["Location"] == "?from=" + quote("출처 02").replace("%20", "+")
    assert client.get(url("backlink", "대상", "page=5")).status_code == 404
    assert client.get(url("backlink", "대상", "page=51")).status_code == 400


def test_backlink_page_reads_a_bounded_number_of_rows(backlinked):
    from seedwiki.documents.services.backlinks import backlink_page

    with CaptureQueriesContext(connection) as queries:
        page = backlink_page("대상", ["문서", "틀"], start=("문서", "출처 05"))
    assert [row.document.title for row in page.object_list] == ["출처 05", "출처 06", "출처 07", "출처 08"]
    assert len(queries) == 5  # the count (plan), the few sources, the page (+1 row), the row before it, the kinds
    assert all("OFFSET" not in q["sql"].upper() for q in queries.captured_queries)


# --- category pages --------------------------------------------------------------------------------

def _section(html: str, section: str) -> str:
    part = html[html.index(f"category-{section}"):]
    return part[:part.index("</section>")]


def category_titles(html: str, section: str) -> list[str]:
    part = _section(html, section)
    part = part[:part.index('<nav class="sw-pager">')] if 'class="sw-pager"' in part else part
    return [unquote(t) for t in re.findall(r'<li[^>]*><a href="/w/([^"?]+)"', part)]


def section_walk(client, path: str, first_query: str, rel: str, section: str) -> list[list[str]]:
    return walk(client, path, first_query, rel, lambda html: category_titles(html, section),
                lambda html, rel: pager_link(_section(html, section), rel))


@pytest.fixture
def big_category(monkeypatch):
    from seedwiki.special import category

    monkeypatch.setattr(category, "PER_PAGE", 3)
    save("분류:과일", "과일 분류")
    members = ["감", "귤", "딸기", "망고", "배", "사과", "자두"]
    for title in members:
        save(title, "[[분류:과일]]")
    save("호두", "[[분류:과일|가]]")  # sorts first by its sort key
    for title in ["분류:열대 과일", "분류:온대 과일", "분류:한대 과일", "분류:건과"]:
        save(title, "[[분류:과일]]")
    return ["호두"] + members


def test_category_members_page_forward_and_backward_in_sort_key_order(client, big_category):
    path = url("w", "분류:과일")
    forward = section_walk(client, path, "", "next", "documents")
    assert sum(forward, []) == big_category and [len(p) for p in forward] == [3, 3, 2]
    backward = section_walk(client, path, "cuntil=" + quote(big_category[-1]), "prev", "documents")
    assert sum(backward, []) == big_category and [len(p) for p in backward] == [2, 3, 3]
    html = body(client.get(path))
    assert "전체 8개 문서" in html and "전체 4개 분류" in html  # counts cover every page


def test_category_subcategories_page_on_their_own(client, big_category):
    path = url("w", "분류:과일")
    pages = section_walk(client, path, "namespace=" + quote("분류"), "next", "subcategories")
    assert sum(pages, []) == ["분류:건과", "분류:열대 과일", "분류:온대 과일", "분류:한대 과일"]
    # paging the sub-categories leaves the documents on their first page
    html = body(client.get(path + "?namespace=" + quote("분류") + "&cfrom=" + quote("분류:온대 과일")))
    assert category_titles(html, "documents") == big_category[:3]


def test_category_bad_cursor_is_refused(client, big_category):
    response = client.get(url("w", "분류:과일", "cfrom=a&cuntil=b"))
    assert response.status_code == 400 and "cfrom" in body(response)


# --- /contribution ---------------------------------------------------------------------------------

def contribution_titles(html: str) -> list[str]:
    return re.findall(r'>(기여 문서 \d+)</a>', html)


@pytest.fixture
def contributions(monkeypatch):
    from seedwiki.accounts import views

    monkeypatch.setattr(views, "PER_PAGE", 3)
    titles = [f"기여 문서 {i}" for i in range(8)]
    for title in titles:
        save(title, "내용", ip="198.51.100.77")
    return titles[::-1]  # newest first


def test_contribution_pages_forward_and_backward(client, contributions):
    path = "/contribution/198.51.100.77"
    forward = walk(client, path, "", "next", contribution_titles)
    assert sum(forward, []) == contributions and [len(p) for p in forward] == [3, 3, 2]
    first_id = Document.objects.get(title=contributions[-1]).latest_id
    backward = walk(client, path, f"until={first_id}", "prev", contribution_titles)
    assert sum(backward, []) == contributions and [len(p) for p in backward] == [2, 3, 3]


@pytest.mark.parametrize("query", ["from=abc", "from=99999999", "until=", "from=1&until=2", "page=x"])
def test_contribution_bad_cursors_are_refused(client, contributions, query):
    response = client.get("/contribution/198.51.100.77?" + query)
    assert response.status_code == 400


# --- random pages ----------------------------------------------------------------------------------

def test_random_pages_pick_live_pages_by_index_seeks(client):
    from seedwiki.special.queries import random_documents

    for i in range(6):
        save(f"무작위 {i}", "본문")
    save("무작위 넘김", "#redirect 무작위 0")
    save("무작위 지움", "본문")
    delete_page("무작위 지움", ip="198.51.100.1", summary="지우는 이유입니다")
    save("틀:무작위", "본문")
    with CaptureQueriesContext(connection) as queries:
        found = random_documents(20)
    titles = {d.title for d in found}
    assert titles == {f"무작위 {i}" for i in range(6)}  # every live page, no redirect, deleted or 틀
    sql = [q["sql"].upper() for q in queries.captured_queries]
    assert all("RANDOM()" not in s and "LIMIT" in s for s in sql)
    response = client.get("/random")
    assert response.status_code == 302 and unquote(response["Location"]).startswith("/w/무작위 ")


def test_backlink_api_pages_with_the_same_cursors(client, backlinked, monkeypatch):
    from seedwiki.api.views import lists
    from seedwiki.api.tokens import issue_token

    from acl_helpers import make_user

    monkeypatch.setattr(lists, "BACKLINK_PAGE", 5)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(make_user('봇', perms=['api_access']))}"}
    seen, query = [], ""
    while True:
        data = client.get("/api/backlink/" + quote("대상") + query, **auth).json()
        seen.extend(row["document"] for row in data["backlinks"])
        if data["until"] is None:
            break
        query = "?from=" + quote(data["until"])
    assert seen == backlinked
    back = client.get("/api/backlink/" + quote("대상") + "?until=" + quote(seen[4]), **auth).json()
    assert [row["document"] for row in back["backlinks"]] == seen[:5] and back["from"] is None
    assert client.get("/api/backlink/" + quote("대상") + "?from=a&until=b", **auth).status_code == 400
