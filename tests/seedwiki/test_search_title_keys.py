"""Titles holding a 1–2 character term come from the title key index (search/title_keys.py): found
after saves, moves, deletions and a bulk load, in any letter case, never a title that lacks the
term; on SQLite the stored keys always equal the keys of the current titles."""
from __future__ import annotations

import pytest
from django.db import connection

from pages_helpers import save
from seedwiki import search
from seedwiki.documents.models import Document
from seedwiki.documents.services import delete_page, move_page
from seedwiki.search import index_documents, rebuild_index, title_keys
from seedwiki.search.models import SearchEntry

pytestmark = [pytest.mark.django_db, pytest.mark.storage]
IP = "192.0.2.9"


def titles_found(q: str) -> set[str]:
    _total, hits = search.query(q, target="title", limit=100)
    return {hit.document.full_title for hit in hits}


def keys_match_titles() -> bool:
    """SQLite: one key per search_entry row, the key of its current title (PostgreSQL computes it)."""
    if connection.vendor != "sqlite":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT e.id, e.title, k.key FROM search_entry e "
                       "LEFT JOIN search_title_key k ON k.id = e.id")
        rows = cursor.fetchall()
        cursor.execute("SELECT count(*) FROM search_title_key")
        stored = cursor.fetchone()[0]
        # The FTS index agrees with its content table (raises when it does not).
        cursor.execute("INSERT INTO search_title_key_fts(search_title_key_fts, rank) VALUES ('integrity-check', 1)")
    return stored == len(rows) and all(key == title_keys.title_key(title) for _pk, title, key in rows)


def test_title_key_triples_every_character():
    assert title_keys.title_key("별빛 A") == "별별별빛빛빛   aaa"
    # Two different characters: the one trigram that only their meeting makes; else the whole key.
    assert title_keys.key_needle("바람") == "바바람" and title_keys.key_needle("별") == "별별별"
    assert title_keys.key_needle("하하") == "하하하하하하"


def test_two_characters_are_found_only_side_by_side_and_in_order():
    for title in ("산들바람", "람바다", "바 람", "하하 호호", "하 하"):
        save(title, "본문")
    assert titles_found("바람") == {"산들바람"}
    assert titles_found("하하") == {"하하 호호"}
    assert titles_found("람") == {"산들바람", "람바다", "바 람"}


def test_short_terms_follow_saves_moves_and_deletions():
    save("별빛", "본문")
    save("샛별 이야기", "본문")
    save("달빛", "별 없음")  # the text holds 별, the title does not
    save("Ab 상자", "본문")
    assert titles_found("별") == {"별빛", "샛별 이야기"}
    assert titles_found("빛") == {"별빛", "달빛"}
    assert titles_found("aB") == {"Ab 상자"} and titles_found("별 빛") == {"별빛"}
    move_page("별빛", "은하수", ip=IP)
    assert titles_found("별") == {"샛별 이야기"} and titles_found("하수") == {"은하수"}
    delete_page("샛별 이야기", ip=IP)
    assert titles_found("별") == set()
    assert keys_match_titles()


def test_bulk_load_and_full_rebuild_keep_every_key():
    save("기존 별", "본문")
    for i in range(6):
        save(f"대량 {i} {'별' if i % 2 else '달'}", "본문")
    made = list(Document.objects.filter(title__startswith="대량"))
    SearchEntry.objects.filter(document__in=made).delete()  # as before a dump's bulk load
    assert titles_found("별") == {"기존 별"}
    index_documents([(document, "본문") for document in made])
    assert titles_found("별") == {"기존 별", "대량 1 별", "대량 3 별", "대량 5 별"}
    assert keys_match_titles()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_title_key")
        assert titles_found("별") == set()
    rebuild_index(full=True)
    assert titles_found("별") == {"기존 별", "대량 1 별", "대량 3 별", "대량 5 별"}
    assert keys_match_titles()
