"""The front page cache (seedwiki/front_cache.py) and the event-loop answer of `seedwiki serve`
(seedwiki/serving.py): requests go through the real WSGI and ASGI applications, not the test client.

What must hold: a reader never gets a page older than the database, members and other languages
never share the anonymous page, refused hosts stay refused — and an unchanged page costs no query
on SQLite (one on PostgreSQL).
"""
from __future__ import annotations

import asyncio
import io
import sys
from urllib.parse import quote, unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seedwiki import front_cache
from seedwiki.documents.services import delete_page
from seedwiki.wsgi import application as wsgi_application

from pages_helpers import IP, save

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.storage]

TITLE = "앞단 캐시 문서"


@pytest.fixture(autouse=True)
def _empty_store():
    front_cache.STORE.clear()
    yield
    front_cache.STORE.clear()


def page_path(title: str) -> str:
    return "/w/" + quote(title, safe="/:()!,'*")


def environ_for(path: str, *, query: str = "", headers: dict | None = None, method: str = "GET") -> dict:
    """What a WSGI server passes: PATH_INFO is the decoded path's bytes read as latin-1."""
    environ = {
        "REQUEST_METHOD": method, "SCRIPT_NAME": "", "QUERY_STRING": query,
        "PATH_INFO": unquote(path).encode("utf-8").decode("latin-1"),
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": True,
        "wsgi.version": (1, 0), "wsgi.run_once": False, "HTTP_HOST": "127.0.0.1:8000",
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def wsgi_get(path: str, **kwargs) -> tuple[int, dict, str]:
    seen = []
    result = wsgi_application(environ_for(path, **kwargs), lambda status, headers, *rest: seen.append((status, headers)))
    try:
        content = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    status, headers = seen[-1]
    return int(status.split()[0]), {name.lower(): value for name, value in headers}, content.decode("utf-8")


def test_an_unchanged_page_is_answered_from_the_store_with_the_same_headers():
    save(TITLE, "첫 내용입니다.")
    first = wsgi_get(page_path(TITLE))
    assert first[0] == 200 and "첫 내용입니다." in first[2]
    with CaptureQueriesContext(connection) as queries:
        second = wsgi_get(page_path(TITLE))
    assert second == first  # status, every header (CSP, Vary, Content-Language, …) and body
    assert "content-security-policy" in second[1] and second[1]["content-language"] == "ko"
    # SQLite: the commit counter proves nothing changed; elsewhere one freshness query.
    assert len(queries) == (0 if connection.vendor == "sqlite" else 1)


def test_an_edit_shows_at_once():
    save(TITLE, "첫 내용입니다.")
    wsgi_get(page_path(TITLE))
    wsgi_get(page_path(TITLE))
    save(TITLE, "고친 내용입니다.")
    status, _, html = wsgi_get(page_path(TITLE))
    assert status == 200 and "고친 내용입니다." in html and "첫 내용입니다." not in html


def test_a_commit_elsewhere_costs_one_check_and_keeps_the_page():
    save(TITLE, "그대로인 내용.")
    first = wsgi_get(page_path(TITLE))
    save("다른 문서", "다른 곳의 편집")  # changes the commit counter, not this page
    with CaptureQueriesContext(connection) as queries:
        again = wsgi_get(page_path(TITLE))
    assert again == first
    assert len(queries) == 1  # the freshness query, then the stored page


def test_an_edited_template_shows_in_the_including_page():
    save("틀:앞단 틀", "옛 틀 문구")
    save(TITLE, "[include(틀:앞단 틀)]")
    assert "옛 틀 문구" in wsgi_get(page_path(TITLE))[2]
    wsgi_get(page_path(TITLE))
    save("틀:앞단 틀", "새 틀 문구")
    html = wsgi_get(page_path(TITLE))[2]
    assert "새 틀 문구" in html and "옛 틀 문구" not in html


def test_a_deleted_page_is_not_served_from_the_store():
    save(TITLE, "곧 사라질 내용")
    wsgi_get(page_path(TITLE))
    wsgi_get(page_path(TITLE))
    delete_page(TITLE, ip=IP)
    status, _, html = wsgi_get(page_path(TITLE))
    assert status == 404 and "곧 사라질 내용" not in html


def test_languages_are_kept_apart():
    save(TITLE, "내용")
    korean = wsgi_get(page_path(TITLE), headers={"Accept-Language": "ko"})
    english = wsgi_get(page_path(TITLE), headers={"Accept-Language": "en"})
    assert english[1]["content-language"] == "en" and '<html lang="en"' in english[2]
    assert wsgi_get(page_path(TITLE), headers={"Accept-Language": "en"}) == english
    assert wsgi_get(page_path(TITLE), headers={"Accept-Language": "ko"}) == korean
    assert "최근 수정 시각" in korean[2] and "최근 수정 시각" not in english[2]


def test_members_are_never_answered_from_the_store(django_user_model):
    from django.test import Client

    save(TITLE, "내용")
    anonymous = wsgi_get(page_path(TITLE))[2]
    member = django_user_model.objects.create_user("앞단회원", password="long enough password 1")
    client = Client()
    client.force_login(member)
    session = client.cookies["sessionid"].value
    status, _, html = wsgi_get(page_path(TITLE), headers={"Cookie": f"sessionid={session}"})
    assert status == 200 and "앞단회원" in html
    assert "앞단회원" not in anonymous and "앞단회원" not in wsgi_get(page_path(TITLE))[2]


def test_old_revisions_and_redirect_notices_are_not_mixed_up():
    save("넘겨주기", f"#redirect {TITLE}")
    save(TITLE, "첫 판")
    save(TITLE, "둘째 판")
    latest = wsgi_get(page_path(TITLE))
    wsgi_get(page_path(TITLE))
    old = wsgi_get(page_path(TITLE), query="rev=1")
    assert "첫 판" in old[2] and "둘째 판" in latest[2]
    noticed = wsgi_get(page_path(TITLE), query="from=" + quote("넘겨주기"))
    assert noticed[2] != latest[2]
    assert wsgi_get(page_path(TITLE)) == latest


def test_a_refused_host_stays_refused():
    save(TITLE, "내용")
    wsgi_get(page_path(TITLE))
    wsgi_get(page_path(TITLE))
    status, _, _ = wsgi_get(page_path(TITLE), headers={"Host": "evil.example"})
    assert status == 400


def test_head_and_other_paths_go_to_django():
    save(TITLE, "내용")
    wsgi_get(page_path(TITLE))
    assert wsgi_get(page_path(TITLE), method="HEAD")[0] == 200
    assert wsgi_get("/raw/" + quote(TITLE))[2] == "내용"


@pytest.fixture
def loop_application():
    """`seedwiki serve`'s application with a one-thread pool, whose connection is closed afterwards."""
    from a2wsgi import WSGIMiddleware
    from django.db import connections

    from seedwiki.serving import EventLoopFrontCache

    pool = WSGIMiddleware(wsgi_application, workers=1)
    yield EventLoopFrontCache(pool)
    pool.executor.submit(connections.close_all).result()  # PostgreSQL: let the test database go
    pool.executor.shutdown()


def test_the_event_loop_answers_an_unchanged_page_without_a_thread(loop_application, monkeypatch):
    save(TITLE, "이벤트 루프 내용")

    def call(app):
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": "/w/" + TITLE, "raw_path": page_path(TITLE).encode("ascii"),
                 "root_path": "", "query_string": b"", "server": ("127.0.0.1", 8000),
                 "client": ("127.0.0.1", 40000), "headers": [(b"host", b"127.0.0.1:8000")]}
        messages = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            messages.append(message)

        asyncio.run(app(scope, receive, send))
        status = messages[0]["status"]
        return status, b"".join(m.get("body", b"") for m in messages[1:]).decode("utf-8")

    first = call(loop_application)  # rendered by Django on a pool thread, then stored
    assert first[0] == 200 and "이벤트 루프 내용" in first[1]

    def no_thread(scope, receive, send):
        raise AssertionError("the request left the event loop")

    if connection.vendor == "sqlite":
        monkeypatch.setattr(loop_application, "application", no_thread)
        assert call(loop_application) == first
        monkeypatch.undo()
    save(TITLE, "바뀐 내용")  # a commit: the loop must hand the request to Django again
    status, html = call(loop_application)
    assert status == 200 and "바뀐 내용" in html
