"""The grown deployment's shared cache: Redis (SEEDWIKI_REDIS_URL) behind Django's RedisCache.

Two workers share rendered HTML through Redis; an edit must never leave a stale page behind.
With CI=true Redis (127.0.0.1:6379) is required; elsewhere these tests skip when it is not there.
"""
from __future__ import annotations

import os
import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from seedwiki.documents.models import Document
from seedwiki.rendering import render_revision

from pages_helpers import article_of, body, save, url, visible_text

REDIS_URL = os.environ.get("SEEDWIKI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2):
            return True
    except OSError:
        return False


if not _redis_answers():
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        raise RuntimeError("Redis not reachable at 127.0.0.1:6379 (CI=true: the shared-cache tests must run)")
    pytest.skip("Redis not reachable at 127.0.0.1:6379", allow_module_level=True)

REDIS_CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                            "KEY_PREFIX": "seedwiki-test"}}

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache():
    with override_settings(CACHES=REDIS_CACHES):
        cache = caches["default"]
        assert cache.__class__.__name__ == "RedisCache"
        cache.clear()
        yield cache
        cache.clear()


def test_rendered_html_is_shared_through_redis(redis_cache):
    save("레디스 문서", "'''굵게''' 쓴 문장.")
    document = Document.objects.get(title="레디스 문서")
    first = render_revision(document, document.latest)
    assert "<strong>굵게</strong>" in first["html"]
    # the entry is in Redis itself: a second worker (a fresh client) reads the same HTML
    keys = redis_cache._cache.get_client().keys("seedwiki-test:*")
    assert keys, "the render cache wrote nothing to Redis"
    assert render_revision(document, document.latest)["html"] == first["html"]


def test_edit_shows_at_once_with_redis(redis_cache, client):
    save("레디스 편집", "첫 판")
    assert "첫 판" in visible_text(article_of(body(client.get(url("w", "레디스 편집")))))
    save("레디스 편집", "둘째 판")
    text = visible_text(article_of(body(client.get(url("w", "레디스 편집")))))
    assert "둘째 판" in text and "첫 판" not in text


@pytest.mark.django_db(transaction=True)  # the fan-out runs after commit
def test_red_link_turns_blue_with_redis(redis_cache, client):
    save("레디스 링크", "[[레디스 대상]]")
    assert "not-exist" in article_of(body(client.get(url("w", "레디스 링크"))))
    save("레디스 대상", "이제 있다.")
    assert "not-exist" not in article_of(body(client.get(url("w", "레디스 링크"))))
