"""Request level: renders of untrusted markup past the hard limit (seedwiki/render_pool.py).

The limit is made tiny (20 ms) and the input large (~160 KB: no render of it finishes that fast), so
the worker is killed mid-render: previews and saves keep the editor's text with a clear message
(503), a page view shows a notice (503, not cached), and the wiki goes on answering.
"""
from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings

from seedwiki import render_pool
from seedwiki.documents.models import Document

from pages_helpers import body, save, url

pytestmark = [pytest.mark.django_db, pytest.mark.storage]

BIG = "".join(f"== 절 {n} ==\n'''굵게''' [[링크 {n}]] 문장입니다. {{{{{{#red 빨강}}}}}}\n" for n in range(3000))
TOO_SLOW = "시간이 너무 오래"


@pytest.fixture(scope="module")
def module_pool():
    """One render worker for the module (starting one costs a second or two)."""
    render_pool.shutdown()
    with override_settings(SEEDWIKI_RENDER_WORKERS=1):
        current = render_pool.pool()
        current.start(wait=30)
        yield current
    render_pool.shutdown()


def _ready(pool, timeout: float):
    pool.timeout = timeout
    pool.start(wait=30)  # a worker killed by the test before has been replaced
    assert len(pool.pids()) == pool.size, "render workers did not start"
    return pool


@pytest.fixture
def tiny_limit(module_pool):
    return _ready(module_pool, 0.02)


@pytest.fixture
def normal_limit(module_pool):
    return _ready(module_pool, 30)


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
    assert response.status_code == 200 and "절 2999" in body(response)
