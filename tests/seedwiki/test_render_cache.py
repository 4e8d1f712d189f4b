"""The render cache is bounded in bytes (finding 12 of issue 6): large HTML is stored compressed,
HTML still too large after compression is not stored, and the in-process cache evicts by bytes."""
from __future__ import annotations

import pickle

import pytest
from django.core.cache import cache

from seedwiki import rendering
from seedwiki.cache_backends import ByteBoundedLocMemCache
from seedwiki.documents.models import Document

from pages_helpers import save

pytestmark = [pytest.mark.django_db, pytest.mark.storage]

PAGE = "".join(f"== 절 {n} ==\n'''굵게''' [[링크 {n}]] 문장입니다.\n" for n in range(3000))


def _key(document: Document) -> str:
    return f"sw:render:{rendering.CACHE_VERSION}:{document.latest_id}:{document.render_stamp}"


def test_large_html_is_cached_compressed():
    save("큰 문서", PAGE)
    document = Document.objects.get(title="큰 문서")
    data = rendering.render_revision(document, document.latest)
    stored = cache.get(_key(document))
    assert stored[0] == "zlib"
    assert len(stored[1]) * 5 < len(data["html"].encode("utf-8"))
    assert rendering.render_revision(document, document.latest) == data  # read back from the cache


def test_small_html_is_cached_as_it_is():
    save("작은 문서", "짧은 '''글'''")
    document = Document.objects.get(title="작은 문서")
    data = rendering.render_revision(document, document.latest)
    assert cache.get(_key(document)) == data


def test_html_over_the_entry_cap_is_not_cached(settings):
    settings.SEEDWIKI_RENDER_CACHE_ENTRY_BYTES = 1000
    save("큰 문서", PAGE)
    document = Document.objects.get(title="큰 문서")
    data = rendering.render_revision(document, document.latest)
    assert "절 2999" in data["html"]
    assert cache.get(_key(document)) is None


def test_the_local_cache_evicts_by_bytes():
    local = ByteBoundedLocMemCache("bytes-test", {"OPTIONS": {"MAX_BYTES": 100_000, "MAX_ENTRIES": 10_000}})
    local.clear()
    value = b"x" * 20_000
    for n in range(20):
        local.set(f"k{n}", value)
    assert local.total_bytes <= 100_000
    assert local.get("k19") == value and local.get("k0") is None  # the oldest went first
    assert local.get("k16") == value  # the oldest kept; read now, so kept when the next ones come in
    for n in range(20, 23):
        local.set(f"k{n}", value)
    assert local.get("k16") == value and local.get("k17") is None
    assert local.total_bytes == sum(len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
                                    for key in [f"k{n}" for n in range(23)] if local.has_key(key))
    local.set("huge", b"y" * 200_000)  # larger than the whole budget: not kept, nothing evicted for it
    assert local.get("huge") is None and local.get("k22") == value
    local.delete("k22")
    local.clear()
    assert local.total_bytes == 0


def test_the_wiki_cache_is_the_byte_bounded_one():
    from django.core.cache import caches

    backend = caches["default"]
    if not isinstance(backend, ByteBoundedLocMemCache):
        pytest.skip("a shared cache (Redis) is configured; it bounds memory itself (maxmemory)")
    assert backend.max_bytes > 0


def test_a_finished_page_over_the_entry_cap_is_not_kept_whole(client, settings):
    from seedwiki.documents.views import page_cache

    save("큰 문서", PAGE)
    settings.SEEDWIKI_RENDER_CACHE_ENTRY_BYTES = 10_000
    response = client.get("/w/%ED%81%B0%20%EB%AC%B8%EC%84%9C")
    assert response.status_code == 200 and len(response.content) > 10_000
    key = response.wsgi_request.META.get(page_cache.KEY_ENVIRON)
    assert key is not None and cache.get(key) is None
