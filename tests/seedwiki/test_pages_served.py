"""The production server itself: `seedwiki serve` (uvicorn → a2wsgi → Django) on a free port.

Django's test client skips the server; these requests go over a real socket, so they prove what the
client cannot: the command starts, forms post through the server with their CSRF cookie, Korean
URLs survive the HTTP layer, static files are served, security headers are set.
(The browser tests drive the same server with Chromium when it is installed.)
"""
from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from serving_helpers import running_wiki


@pytest.fixture(scope="module")
def server():
    with running_wiki("seedwiki-served-", "served-test-key-0123456789abcdefghijklmnop", "/License",
                      ("--workers", "1")) as base:
        yield base


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener(follow=True):
    handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
    if not follow:
        handlers.append(NoRedirect())
    return urllib.request.build_opener(*handlers)


def fetch(browser, url, data=None, headers=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Accept-Language": "ko", **(headers or {})})
    try:
        with browser.open(request, timeout=30) as response:
            return response.status, _lower(response.headers), response.read().decode("utf-8"), response.url
    except urllib.error.HTTPError as error:
        return error.code, _lower(error.headers), error.read().decode("utf-8", "replace"), url


def _lower(headers) -> dict:
    return {name.lower(): value for name, value in headers.items()}


def quoted(title: str) -> str:
    return urllib.parse.quote(title, safe="/:()!,'*")


def test_edit_through_the_server_then_read_it(server):
    browser = opener()
    status, _, html, _ = fetch(browser, f"{server}/edit/{quoted('서버 문서')}")
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    status, _, page, final_url = fetch(browser, f"{server}/edit/{quoted('서버 문서')}",
                                       {"csrfmiddlewaretoken": token, "text": "'''서버'''를 거친 글\n[[대문]]",
                                        "base_rev": "0", "summary": "서버 시험"})
    assert status == 200 and urllib.parse.unquote(final_url) == f"{server}/w/서버 문서"
    assert "<strong>서버</strong>를 거친 글" in page
    status, _, raw, _ = fetch(opener(), f"{server}/raw/{quoted('서버 문서')}")
    assert status == 200 and raw == "'''서버'''를 거친 글\n[[대문]]"


def test_post_without_the_csrf_cookie_is_refused(server):
    status, _, html, _ = fetch(opener(), f"{server}/edit/{quoted('위조 문서')}", {"text": "x", "base_rev": "0"})
    assert status == 403 and "CSRF" in html
    assert fetch(opener(), f"{server}/w/{quoted('위조 문서')}")[0] == 404


def test_redirect_and_security_headers(server):
    browser = opener()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                      fetch(browser, f"{server}/edit/{quoted('서버 넘김')}")[2]).group(1)
    fetch(browser, f"{server}/edit/{quoted('서버 넘김')}",
          {"csrfmiddlewaretoken": token, "text": "#redirect 대문", "base_rev": "0"})
    status, headers, _, _ = fetch(opener(follow=False), f"{server}/w/{quoted('서버 넘김')}")
    assert status == 302
    assert headers["location"] == "/w/" + quoted("대문") + "?from=" + urllib.parse.quote("서버 넘김")
    status, headers, html, _ = fetch(opener(), f"{server}{headers['location']}")
    assert status == 200 and "서버 넘김에서 넘어옴" in html
    assert headers.get("x-frame-options") == "DENY"
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("content-type") == "text/html; charset=utf-8"


def test_static_files_are_served(server):
    html = fetch(opener(), f"{server}/w/{quoted('대문')}")[2]
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert stylesheets
    for href in stylesheets:
        status, headers, css, _ = fetch(opener(), server + href)
        assert status == 200 and headers["content-type"].startswith("text/css") and len(css) > 100


def test_many_readers_at_once(server):
    """Concurrent keep-alive-less readers all get the page (the thread pool and the page cache)."""
    from concurrent.futures import ThreadPoolExecutor

    url = f"{server}/w/{quoted('대문')}"
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: fetch(opener(), url)[:1], range(64)))
    assert results == [(200,)] * 64
