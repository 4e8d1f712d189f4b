"""Search: index maintenance inside edits, Korean substring matching of any length, /Search and /Go."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from django.db import connection, transaction

from seedwiki import search
from seedwiki.search.models import SearchEntry
from seedwiki.search.snippets import snippet
from seedwiki.search.terms import split_terms

from wikimore_helpers import make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def seoul():
    make_page("서울특별시", "대한민국의 수도이다. 한강이 도시를 가로질러 흐른다.")
    make_page("부산광역시", "대한민국 제2의 도시. 바다에 면한 항구 도시이다.")
    make_page("틀:도시", "도시 정보 상자 틀")


def titles_of(hits):
    return [hit.document.full_title for hit in hits]


# --- Korean substrings of every length -------------------------------------------------------

def test_one_syllable_query_matches_inside_words(seoul):
    total, hits = search.query("강")  # only in 서울특별시's text (한강)
    assert total == 1
    assert titles_of(hits) == ["서울특별시"]


def test_two_syllable_query_matches_title_and_text(seoul):
    total, hits = search.query("도시")  # 서울특별시/부산광역시 text and 틀:도시's title and text
    assert total == 3
    assert set(titles_of(hits)) == {"서울특별시", "부산광역시", "틀:도시"}
    # The page whose title is exactly the query comes first.
    assert titles_of(hits)[0] == "틀:도시"


def test_three_syllable_query_uses_the_trigram_index(seoul):
    total, hits = search.query("흐른다")
    assert (total, titles_of(hits)) == (1, ["서울특별시"])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", ['"흐른다"'])
            assert cursor.fetchone()[0] == 1


def test_long_substring_spanning_words(seoul):
    total, hits = search.query("항구 도시이다")  # two terms, both must occur
    assert titles_of(hits) == ["부산광역시"]
    assert search.query("가로질러 흐른다")[0] == 1
    assert search.query("가로질러 바다")[0] == 0  # terms in different documents: no hit


def test_mixed_short_and_long_terms(seoul):
    assert titles_of(search.query("강 대한민국")[1]) == ["서울특별시"]
    assert search.query("강 항구")[0] == 0


def test_ascii_is_case_insensitive():
    make_page("Python", "A programming LANGUAGE named after Monty Python.")
    assert titles_of(search.query("language")[1]) == ["Python"]
    assert titles_of(search.query("py")[1]) == ["Python"]  # short term, any case


def test_trigrams_apart_are_not_the_term():
    # Every trigram of 가나다라 is in the text, never in a row: the index finds the page, the check
    # drops it (SQLite's index keeps no positions).
    make_page("흩어진 글자", "가나다 그리고 나다라")
    make_page("이어진 글자", "가나다라마")
    assert titles_of(search.query("가나다라")[1]) == ["이어진 글자"]
    assert titles_of(search.query("가나다라", target="content")[1]) == ["이어진 글자"]
    make_page("가나다 나다라", "제목에만")
    make_page("가나다라 제목", "제목에만")
    assert titles_of(search.query("가나다라", target="title")[1]) == ["가나다라 제목"]


def test_letters_outside_ascii_are_case_insensitive():
    make_page("Москва", "Столица России. Émile Zola писал о Париже.")
    make_page("다른 문서", "Émil은 다른 이름")
    assert titles_of(search.query("москва")[1]) == ["Москва"]  # title, 6 letters
    assert titles_of(search.query("столица")[1]) == ["Москва"]  # text
    assert titles_of(search.query("ÉMILE")[1]) == ["Москва"]
    assert titles_of(search.query("émile zola")[1]) == ["Москва"]
    assert search.query("москвы")[0] == 0


def test_mixed_scripts_fold_ascii_only_where_it_has_case():
    make_page("Seoul 서울역", "KTX서울역 STATION과 남대문")
    assert titles_of(search.query("ktx서울역")[1]) == ["Seoul 서울역"]  # text, ASCII folded
    assert titles_of(search.query("seoul 서울역", target="title")[1]) == ["Seoul 서울역"]
    assert titles_of(search.query("station과")[1]) == ["Seoul 서울역"]
    assert search.query("ktx서울역x")[0] == 0


def test_sqlite_index_keeps_no_positions():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 table")
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
        assert "detail=column" in cursor.fetchone()[0].replace(" ", "")
        cursor.execute("SELECT v FROM search_fts_config WHERE k = 'automerge'")
        assert cursor.fetchone()[0] == 8


# --- targets and namespaces --------------------------------------------------------------------

def test_target_title_only_looks_at_titles(seoul):
    assert titles_of(search.query("서울", target="title")[1]) == ["서울특별시"]
    assert search.query("한강", target="title")[0] == 0
    assert search.query("광역", target="title")[0] == 1


def test_target_content_only_looks_at_text(seoul):
    assert search.query("서울특별", target="content")[0] == 0
    assert titles_of(search.query("한강", target="content")[1]) == ["서울특별시"]


def test_unknown_target_is_refused_by_the_api():
    with pytest.raises(ValueError):
        search.query("x", target="everything")


def test_namespace_filter(seoul):
    assert titles_of(search.query("도시", namespace="틀")[1]) == ["틀:도시"]
    assert search.query("도시", namespace="문서")[0] == 2


def test_limit_and_offset_page_through_results():
    for i in range(7):
        make_page(f"항목 {i}", "공통 단어")
    total, first = search.query("공통", limit=3, offset=0)
    _, second = search.query("공통", limit=3, offset=3)
    _, last = search.query("공통", limit=3, offset=6)
    assert total == 7
    assert len(first) == 3 and len(second) == 3 and len(last) == 1
    assert len(set(titles_of(first + second + last))) == 7


# --- index maintenance -------------------------------------------------------------------------

def test_edit_replaces_the_indexed_text():
    make_page("변하는 문서", "처음에는 사과가 있었다")
    assert search.query("사과")[0] == 1
    make_page("변하는 문서", "이제는 배만 남았다")
    assert search.query("사과")[0] == 0
    assert search.query("배만")[0] == 1
    assert SearchEntry.objects.count() == 1


def test_deleted_page_leaves_the_index():
    from seedwiki.documents.services import delete_page

    make_page("지울 문서", "사라질 내용입니다")
    assert search.query("사라질")[0] == 1
    delete_page("지울 문서", ip="203.0.113.7", summary="정리합니다")
    assert search.query("사라질")[0] == 0
    assert search.query("지울", target="title")[0] == 0


def test_moved_page_is_found_under_its_new_title():
    from seedwiki.documents.services import move_page

    make_page("옛 이름", "이동할 문서의 내용")
    move_page("옛 이름", "새 이름", leave_redirect=False, ip="203.0.113.7", summary="이름을 바꿉니다")
    assert titles_of(search.query("새 이름", target="title")[1]) == ["새 이름"]
    assert search.query("옛 이름", target="title")[0] == 0


def test_index_write_rolls_back_with_the_edit():
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            make_page("취소될 문서", "롤백되는 내용")
            assert search.query("롤백되는")[0] == 1
            raise RuntimeError("abort the edit")
    assert search.query("롤백되는")[0] == 0
    assert SearchEntry.objects.count() == 0


def test_rebuild_index_restores_every_live_page(seoul):
    SearchEntry.objects.all().delete()
    assert search.query("한강")[0] == 0
    assert search.rebuild_index() == 3
    assert search.query("한강")[0] == 1
    assert search.query("강")[0] == 1


def test_markup_is_not_searched_as_text_when_namumark_renders():
    from seedwiki.search.text import indexing_mode

    make_page("마크업 문서", "'''굵은''' 글씨와 [[다른 문서|링크 글자]]")
    assert search.query("링크 글자")[0] == 1
    if indexing_mode() == "render_text":
        assert search.query("'''")[0] == 0


# --- hostile queries and snippets ---------------------------------------------------------------

@pytest.mark.parametrize("q", ["\x00", "\x00abc", "a\x00b\x00c", "😀", '"', '""', "AND", "OR NOT", "*", "a:b", "(", "NEAR(x y)", "%", "_", "\\", "'", "--"])
def test_query_syntax_characters_are_literal(q):
    make_page("기호 문서", "50% 할인 a_b \\ 'quote' \"dq\" (괄호) -- AND OR")
    total, hits = search.query(q)
    assert total == len(hits)  # never raises, counts agree


def test_percent_and_underscore_are_not_wildcards():
    make_page("퍼센트", "값은 50% 입니다")
    make_page("밑줄 없음", "값은 50 입니다")
    assert titles_of(search.query("50%")[1]) == ["퍼센트"]
    assert search.query("_")[0] == 0


def test_snippet_escapes_html_and_marks_terms():
    html = snippet("<script>alert(1)</script> 한강 <b>굵게</b>", ["한강"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>한강</mark>" in html
    assert "&lt;b&gt;" in html


def test_snippet_windows_long_text_around_the_first_match():
    text = "가" * 1000 + " 목표어 " + "나" * 1000
    html = snippet(text, ["목표어"])
    assert "<mark>목표어</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 300


def test_split_terms_dedupes_and_caps():
    assert split_terms("  가  나 가 ") == ["가", "나"]
    assert split_terms("") == []
    assert len(split_terms(" ".join(str(i) for i in range(50)))) == 8


# --- pages ---------------------------------------------------------------------------------------

def test_search_page_shows_highlighted_results(client, seoul):
    response = client.get("/Search", {"q": "한강"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark>한강</mark>" in body
    assert 'href="/w/' + quote("서울특별시") in body


def test_search_page_escapes_the_query(client):
    response = client.get("/Search", {"q": "<script>x</script>"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>x</script>" not in body
    assert "&lt;script&gt;" in body


def test_search_page_paginates(client):
    for i in range(23):
        make_page(f"목록 문서 {i:02d}", "검색될 공통 내용")
    first = client.get("/Search", {"q": "공통"}).content.decode()
    second = client.get("/Search", {"q": "공통", "page": "2"}).content.decode()
    assert first.count('class="search-hit"') == 20
    assert second.count('class="search-hit"') == 3
    assert "page=2" in first
    # Past the end shows the last page rather than nothing; garbage page numbers are page 1.
    assert client.get("/Search", {"q": "공통", "page": "99"}).content.decode().count('class="search-hit"') == 3
    assert client.get("/Search", {"q": "공통", "page": "x"}).status_code == 200


def test_search_page_target_and_namespace_params(client, seoul):
    body = client.get("/Search", {"q": "도시", "target": "title"}).content.decode()
    assert body.count('class="search-hit"') == 1
    # An unknown target falls back to title+content, as the seed does.
    body = client.get("/Search", {"q": "도시", "target": "bogus"}).content.decode()
    assert body.count('class="search-hit"') == 3
    body = client.get("/Search", {"q": "도시", "namespace": "틀"}).content.decode()
    assert body.count('class="search-hit"') == 1


def test_search_page_offers_exact_page_or_creation(client, seoul):
    body = client.get("/Search", {"q": "서울특별시"}).content.decode()
    assert "문서로 바로 가기" in body
    body = client.get("/Search", {"q": "없는 문서"}).content.decode()
    assert "새로 작성하기" in body
    assert "검색 결과가 없습니다" in body


def test_empty_search_page(client):
    response = client.get("/Search")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_go_to_exact_title(client, seoul):
    response = client.get("/Go", {"q": "서울특별시"})
    assert response.status_code == 302
    assert response["Location"] == "/w/" + quote("서울특별시")
    response = client.get("/Go", {"q": "틀:도시"})
    assert response["Location"] == "/w/" + quote("틀:도시", safe=":")


def test_go_falls_back_to_search(client, seoul):
    response = client.get("/Go", {"q": "서울"})
    assert response.status_code == 302
    assert response["Location"].startswith("/Search?q=")
    assert client.get("/Go")["Location"] == "/Search"


def test_go_does_not_jump_to_deleted_pages(client):
    from seedwiki.documents.services import delete_page

    make_page("삭제된 곳", "내용")
    delete_page("삭제된 곳", ip="203.0.113.7", summary="삭제 사유입니다")
    assert client.get("/Go", {"q": "삭제된 곳"})["Location"].startswith("/Search")


def test_unchanged_text_is_not_rewritten(django_assert_max_num_queries):
    from seedwiki.documents.models import Document

    make_page("그대로", "바뀌지 않는 내용")
    document = Document.objects.get(title="그대로")
    # One SELECT of the row and no UPDATE: the FTS index is not touched.
    current = SearchEntry.objects.get(document=document).content
    with django_assert_max_num_queries(1):
        search.index_document(document, "", plain_text=current)


def test_namespace_only_change_keeps_the_index_consistent():
    from seedwiki.documents.models import Document

    make_page("이름공간 이동", "내용 일부")
    document = Document.objects.get(title="이름공간 이동")
    document.namespace = "틀"
    document.save(update_fields=["namespace"])
    search.index_document(document, "", plain_text="내용 일부")
    assert titles_of(search.query("내용 일부", namespace="틀")[1]) == ["틀:이름공간 이동"]
    assert search.query("내용 일부", namespace="문서")[0] == 0


def test_rebuild_removes_rows_of_pages_that_are_gone_and_can_rebuild_fts(seoul):
    from seedwiki.documents.models import Document

    Document.objects.filter(title="부산광역시").update(deleted=True)  # as if the row had been left behind
    assert search.rebuild_index(full=True) == 2
    assert search.query("항구")[0] == 0
    assert titles_of(search.query("가로질러")[1]) == ["서울특별시"]


def test_nul_characters_in_a_page_do_not_break_indexing():
    make_page("널 문자", "앞부분\x00뒷부분 내용")
    assert titles_of(search.query("뒷부분")[1]) == ["널 문자"]


def test_search_page_survives_absurd_page_numbers_and_refuses_posts(client, seoul):
    assert client.get("/Search", {"q": "도시", "page": "9" * 40}).status_code == 200
    assert client.get("/Search", {"q": "도시", "page": "-5"}).status_code == 200
    assert client.post("/Search", {"q": "도시"}).status_code == 405


def test_index_stays_consistent_through_edits_moves_and_deletes():
    from seedwiki.documents.services import delete_page, move_page, restore_page, revert_page

    make_page("일관성", "첫 번째 내용입니다")
    make_page("일관성", "두 번째 내용입니다")
    revert_page("일관성", 1, ip="198.51.100.1", summary="")
    move_page("일관성", "일관성 새 이름", ip="198.51.100.1", summary="옮깁니다")
    make_page("지워질 것", "잠깐 있는 내용")
    delete_page("지워질 것", ip="198.51.100.1", summary="삭제 사유입니다")
    restore_page("지워질 것", ip="198.51.100.1", summary="")
    assert titles_of(search.query("첫 번째")[1]) == ["일관성 새 이름"]
    assert titles_of(search.query("잠깐")[1]) == ["지워질 것"]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # FTS5 compares its index with search_entry's rows and raises if they disagree.
            cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_entry'")
            names = {row[0] for row in cursor.fetchall()}
            assert {"search_entry_title_trgm", "search_entry_content_trgm"} <= names
