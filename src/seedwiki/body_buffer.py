"""ASGI: read each request body completely, in the event loop, before a thread takes the request.

Without it a WSGI thread (serving.py has a handful per process) reads the body itself and a client
that trickles its body a byte at a time holds that thread for as long as it likes; a dozen such
clients and the wiki stops answering. Here the body is collected by the event loop, where a waiting
connection costs a socket and its bytes so far, under three bounds:
- size: a declared Content-Length over the cap is refused at once (413), a body that grows past
  it while arriving too;
- time: the whole body must arrive within SEEDWIKI_BODY_TIMEOUT seconds (408);
- memory: the bodies being collected at once share SEEDWIKI_BODY_BUFFER_MB (503 past it).
Then the application gets the body as one message, as if the client had been fast.
"""
from __future__ import annotations

import asyncio

from django.conf import settings
from django.utils.translation import gettext as _


def body_cap() -> int:
    """The largest body any view accepts: a form at Django's limit or an upload with its envelope."""
    return max(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, settings.SEEDWIKI_MAX_UPLOAD_BYTES + 1024 * 1024)


class BufferedBody:
    def __init__(self, application, *, max_bytes: int | None = None, timeout: float | None = None,
                 max_total_bytes: int | None = None):
        self.application = application
        self.max_bytes = max_bytes if max_bytes is not None else body_cap()
        self.timeout = timeout if timeout is not None else settings.SEEDWIKI_BODY_TIMEOUT
        self.max_total_bytes = max_total_bytes if max_total_bytes is not None else settings.SEEDWIKI_BODY_BUFFER_BYTES
        self.buffered = 0  # bytes held for requests in progress (one event loop: no lock needed)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.application(scope, receive, send)
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            return await _refuse(send, 413, _("요청 본문이 너무 큽니다."))
        held = 0
        try:
            try:
                async with asyncio.timeout(self.timeout):
                    chunks = []
                    while True:
                        message = await receive()
                        if message["type"] == "http.disconnect":
                            return
                        chunk = message.get("body", b"")
                        held += len(chunk)
                        self.buffered += len(chunk)
                        if held > self.max_bytes:
                            return await _refuse(send, 413, _("요청 본문이 너무 큽니다."))
                        if self.buffered > self.max_total_bytes:
                            return await _refuse(send, 503, _("서버가 바쁩니다. 잠시 후 다시 시도하세요."))
                        chunks.append(chunk)
                        if not message.get("more_body", False):
                            break
            except TimeoutError:
                return await _refuse(send, 408, _("요청 본문을 받는 데 시간이 너무 오래 걸렸습니다."))
            await self.application(scope, _replay(b"".join(chunks), receive), send)
        finally:
            self.buffered -= held


def _content_length(scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(body: bytes, receive):
    delivered = False

    async def replay():
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # only http.disconnect is left to come

    return replay


async def _refuse(send, status: int, message: str) -> None:
    body = (message + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
