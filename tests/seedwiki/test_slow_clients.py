"""Slow clients against the real server (`seedwiki serve`, finding 8 of issue 6).

Twenty connections trickle request bodies that never finish; the server reads bodies in its event
loop (seedwiki/body_buffer.py), so its worker threads stay free and an ordinary page view (one that
needs a thread: ``?rev=1`` is never answered from the front cache) still answers. The trickling
connections get 408 once SEEDWIKI_BODY_TIMEOUT has passed; a declared oversize body gets 413 at once.
"""
from __future__ import annotations

import http.cookiejar
import socket
import time
import urllib.request

import pytest
from serving_helpers import running_wiki

SLOW_CLIENTS = 20
BODY_TIMEOUT = 4  # seconds (the server's SEEDWIKI_BODY_TIMEOUT)
HANG_GUARD = 5.0  # seconds: far above a normal answer, far below "the threads are all taken"


@pytest.fixture(scope="module")
def server():
    with running_wiki("seedwiki-slow-", "slow-clients-key-0123456789abcdefghijklmnop", "/License",
                      ("--workers", "1"), extra_env={"SEEDWIKI_BODY_TIMEOUT": str(BODY_TIMEOUT), "SEEDWIKI_THREADS": "8",
                                           "SEEDWIKI_RENDER_WORKERS": "1"}) as base:
        yield base


def _csrf_token(base: str) -> str:
    """A CSRF cookie value from the editor, so the slow posts pass the check and reach the body."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with browser.open(base + "/edit/%EB%8C%80%EB%AC%B8", timeout=30) as response:
        response.read()
    return next(cookie.value for cookie in jar if cookie.name == "csrftoken")


def _slow_post(base: str, token: str) -> socket.socket:
    port = int(base.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=HANG_GUARD + BODY_TIMEOUT + 5)
    sock.sendall(b"POST /edit/%EB%8C%80%EB%AC%B8 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Cookie: csrftoken=" + token.encode() + b"\r\nX-CSRFToken: " + token.encode() + b"\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\ntext=")
    return sock


def _page_view(base: str) -> tuple[int, float]:
    started = time.monotonic()
    with urllib.request.urlopen(base + "/w/%EB%8C%80%EB%AC%B8?rev=1", timeout=HANG_GUARD) as response:
        response.read()
        return response.status, time.monotonic() - started


def test_trickling_bodies_do_not_take_the_threads(server):
    token = _csrf_token(server)
    sockets = [_slow_post(server, token) for _ in range(SLOW_CLIENTS)]
    try:
        time.sleep(0.3)
        for sock in sockets:  # a few more bytes: each connection is alive and still sending
            sock.sendall(b"x")
        timings = []
        for _ in range(3):
            status, seconds = _page_view(server)  # raises (timeout) when every thread is held
            assert status == 200
            timings.append(seconds)
        print(f"page views with {SLOW_CLIENTS} slow bodies: " + ", ".join(f"{t * 1000:.0f} ms" for t in timings))
        # The slow bodies are cut off after the deadline with 408 (and the connection closed).
        answers = []
        for sock in sockets:
            data = b""
            while b"\r\n" not in data:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
            answers.append(data.split(b"\r\n", 1)[0])
        assert answers == [b"HTTP/1.1 408 Request Timeout"] * SLOW_CLIENTS
    finally:
        for sock in sockets:
            sock.close()
    assert _page_view(server)[0] == 200


def test_declared_oversize_body_is_refused_before_it_is_read(server):
    port = int(server.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=HANG_GUARD) as sock:
        sock.sendall(b"POST /Upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                     b"Content-Length: 900000000\r\n\r\n")
        answer = b""
        while chunk := sock.recv(4096):  # the server answers and closes without reading the body
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert "요청 본문이 너무 큽니다".encode() in answer
