"""The application `seedwiki serve` hands to uvicorn: Django's WSGI handler on a2wsgi's thread pool.

Why not Django's ASGI handler (seedwiki.asgi, still there for ASGI-only hosts): every view and most
middleware here are synchronous, so under ASGI each request hops between the event loop and
threads about a dozen times, and each request runs in a fresh thread-sensitive context — a new
thread-local database connection (SQLite: connect plus PRAGMAs) for every page view. Measured with
bench/wiki_bench.py: 2–3× the server CPU per cached page view. The WSGI path keeps one connection
per pool thread (CONN_MAX_AGE) and crosses threads once per request.
"""
import os

from a2wsgi import WSGIMiddleware

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")

from seedwiki.wsgi import application as wsgi_application  # noqa: E402  (with the front page cache)

# Requests served at once per worker process; writers queue on the database lock anyway.
THREADS = int(os.environ.get("SEEDWIKI_THREADS", "8"))

application = WSGIMiddleware(wsgi_application, workers=THREADS)
