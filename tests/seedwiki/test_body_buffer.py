"""seedwiki/body_buffer.py on its own: the body is collected before the application runs, within
its size, time and shared-memory bounds (the served test is test_slow_clients.py)."""
from __future__ import annotations

import asyncio

from seedwiki.body_buffer import BufferedBody


class Recorder:
    """An ASGI application that records the body it was given."""

    def __init__(self):
        self.bodies = []

    async def __call__(self, scope, receive, send):
        message = await receive()
        self.bodies.append((message["body"], message["more_body"]))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _scope(length: int | None = None) -> dict:
    headers = [(b"content-length", str(length).encode())] if length is not None else []
    return {"type": "http", "method": "POST", "path": "/edit/x", "headers": headers}


def _run(buffer, scope, chunks, delay=0.0):
    sent = []

    async def receive():
        if chunks:
            if delay:
                await asyncio.sleep(delay)
            chunk = chunks.pop(0)
            return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}
        await asyncio.sleep(3600)  # nothing more until the client goes away

    async def send(message):
        sent.append(message)

    asyncio.run(buffer(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body.decode("utf-8")


def test_a_body_in_pieces_reaches_the_application_in_one():
    app = Recorder()
    status, _ = _run(BufferedBody(app, max_bytes=100, timeout=5, max_total_bytes=1000), _scope(9), [b"abc", b"def", b"ghi"])
    assert status == 200
    assert app.bodies == [(b"abcdefghi", False)]


def test_a_declared_oversize_body_is_refused_unread():
    app = Recorder()
    status, text = _run(BufferedBody(app, max_bytes=100, timeout=5, max_total_bytes=1000), _scope(101), [b"x" * 101])
    assert status == 413 and "너무 큽니다" in text
    assert app.bodies == []


def test_a_body_that_grows_past_the_cap_is_refused():
    app = Recorder()  # no Content-Length (chunked): counted while it arrives
    status, _ = _run(BufferedBody(app, max_bytes=100, timeout=5, max_total_bytes=1000), _scope(), [b"x" * 60] * 3)
    assert status == 413 and app.bodies == []


def test_a_body_slower_than_the_deadline_gets_408():
    app = Recorder()
    buffer = BufferedBody(app, max_bytes=100, timeout=0.2, max_total_bytes=1000)
    status, text = _run(buffer, _scope(50), [b"x"] * 50, delay=0.05)
    assert status == 408 and "시간이 너무 오래" in text
    assert app.bodies == [] and buffer.buffered == 0


def test_bodies_in_flight_share_one_memory_bound():
    app = Recorder()
    buffer = BufferedBody(app, max_bytes=1000, timeout=5, max_total_bytes=100)
    buffer.buffered = 90  # other connections hold 90 bytes
    status, _ = _run(buffer, _scope(20), [b"y" * 20])
    assert status == 503 and app.bodies == []
    assert buffer.buffered == 90  # this request's bytes were given back
