"""Request level: renders of untrusted markup past the hard limit (seedwiki/render_pool.py).

The limit is made tiny (20 ms) and the input large (~300 KB: no render of it finishes that fast), so
the worker is killed mid-render: previews and saves keep the editor's text with a clear message
(503), a page view shows a notice (503, not cached), and the wiki goes on answering.
"""
from __future__ import annotations

import pytest
from django.core.cache import cache

from seedwiki import render_pool
from seedwiki.documents.models import Document

from pages_helpers import body, save, url

pytestmark = [pytest.mark.django_db, pytest.mark.storage]

BIG = "".join(f"== 절 {n} ==\n'''굵게''' [[링크 {n}]] 문장입니다. {{{{{{#red 빨강}}}}}}\n" for n in range(6000))
TOO_SLOW = "시간이 너무 오래"


def _pool_ready() -> None:
    current = render_pool.pool()
    current.start(wait=30)
    assert len(current.pids()) == current.size, "render workers did not start"


@pytest.fixture
def tiny_limit(settings):
    render_pool.shutdown()
    settings.SEEDWIKI_RENDER_WORKERS = 1
    settings.SEEDWIKI_RENDER_TIMEOUT = 0.02
    _pool_ready()
    yield
    render_pool.shutdown()


@pytest.fixture
def normal_limit(settings):
    render_pool.shutdown()
    settings.SEEDWIKI_RENDER_WORKERS = 1
    settings.SEEDWIKI_RENDER_TIMEOUT = 30
    _pool_ready()
    yield render_pool.pool()
    render_pool.shutdown()


def test_request_renders_run_in_a_worker_process(client, normal_limit):
    response = client.post(url("edit", "미리보기"), {"text": "'''굵게''' [[없는 문서]]", "base_rev": "0", "preview": "1"})
    assert response.status_code == 200
    assert "<strong>굵게</strong>" in body(response)
    workers = normal_limit.pids()
    assert len(workers) == 1  # the worker that rendered it is up and kept


def test_preview_past_the_limit_keeps_the_text(client, tiny_limit):
    response = client.post(url("edit", "느린 미리보기"), {"text": BIG + "끝표시", "base_rev": "0", "preview": "1"})
    assert response.status_code == 503
    html = body(response)
    assert TOO_SLOW in html
    assert "끝표시</textarea>" in html
    # The wiki goes on: a small page still renders (a fresh worker replaced the killed one).
    render_pool.pool().timeout = 30
    save("작은 문서", "작은 '''내용'''")
    assert "<strong>내용</strong>" in body(client.get(url("w", "작은 문서")))


def test_save_past_the_limit_is_refused_with_the_text_kept(client, tiny_limit):
    response = client.post(url("edit", "느린 저장"), {"text": BIG + "저장끝", "base_rev": "0"})
    assert response.status_code == 503
    html = body(response)
    assert TOO_SLOW in html and "저장끝</textarea>" in html
    assert not Document.objects.filter(title="느린 저장", latest__isnull=False).exists()


def test_page_view_past_the_limit_shows_a_notice_and_is_not_cached(client, tiny_limit):
    save("큰 문서", BIG)  # the CLI/service path renders in-process, without the limit
    response = client.get(url("w", "큰 문서"))
    assert response.status_code == 503
    assert response["Retry-After"]
    assert TOO_SLOW in body(response)
    assert 'class="sw-notice sw-render-failed"' in body(response)
    # Remembered briefly (no worker burnt on each reload), then rendered again once it can be.
    assert client.get(url("w", "큰 문서")).status_code == 503
    cache.clear()
    render_pool.pool().timeout = 60
    response = client.get(url("w", "큰 문서"))
    assert response.status_code == 200 and "절 5999" in body(response)
