"""The application `seedwiki serve` hands to uvicorn: Django's WSGI handler on a2wsgi's thread pool,
with anonymous views of unchanged cached pages answered in the event loop itself.

Why not Django's ASGI handler (seedwiki.asgi, still there for ASGI-only hosts): every view and most
middleware here are synchronous, so under ASGI each request hops between the event loop and
threads about a dozen times, and each request runs in a fresh thread-sensitive context — a new
thread-local database connection (SQLite: connect plus PRAGMAs) for every page view. Measured with
bench/wiki_bench.py: 2–3× the server CPU per cached page view. The WSGI path keeps one connection
per pool thread (CONN_MAX_AGE) and crosses threads once per request.

Even that one crossing (event loop → pool thread → event loop) costs more CPU than answering a
cached page, so a page the front cache can prove unchanged without a query
(seedwiki/front_cache.py: SQLite's commit counter) is sent from the event loop directly; every
other request, and every page that needs its check against the database, goes to the thread pool.

Before a request reaches the thread pool its body has been read in full by the event loop
(seedwiki/body_buffer.py), so slow clients cannot hold the threads; and the render worker processes
(seedwiki/render_pool.py) are started with the server rather than by its first page view.
"""
import io
import os

from a2wsgi import WSGIMiddleware
from a2wsgi.wsgi import build_environ

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")

from seedwiki.wsgi import application as wsgi_application  # noqa: E402  (sets Django up; front page cache)
from seedwiki import front_cache, render_pool  # noqa: E402  (after Django is set up)
from seedwiki.body_buffer import BufferedBody  # noqa: E402

# Requests served at once per worker process; writers queue on the database lock anyway.
THREADS = int(os.environ.get("SEEDWIKI_THREADS", "8"))


class EventLoopFrontCache:
    """ASGI: answer unchanged cached pages without leaving the event loop."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"].startswith(front_cache.PREFIX):
            # The environ a2wsgi would build, so the page is looked up exactly as the thread would.
            entry = front_cache.unchanged_entry(build_environ(scope, io.BytesIO(b"")))
            if entry is not None:
                await send({"type": "http.response.start", "status": entry.status_code,
                            "headers": entry.asgi_headers})
                await send({"type": "http.response.body", "body": entry.body})
                return
        await self.application(scope, receive, send)


application = EventLoopFrontCache(BufferedBody(WSGIMiddleware(wsgi_application, workers=THREADS)))

if render_pool.pool() is not None:  # warm before uvicorn binds its socket: the first page view renders at once
    render_pool.pool().start(wait=render_pool.SPAWN_TIMEOUT)
