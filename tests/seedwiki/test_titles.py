"""Titles: namespaces, normalisation, validation, URL quoting."""
from __future__ import annotations

import pytest
from django.test import override_settings

from seedwiki.titles import TitleError, canonical, join_title, namespaces, page_url, parse_title, quote_title


def test_main_namespace_has_no_prefix():
    assert parse_title("대문") == ("문서", "대문")
    assert parse_title("문서:대문") == ("문서", "대문")
    assert canonical("문서:대문") == "대문"


@pytest.mark.parametrize("full, expected", [
    ("틀:상위 문서", ("틀", "상위 문서")),
    ("분류:가수", ("분류", "가수")),
    ("파일:사진.png", ("파일", "사진.png")),
    ("사용자:홍길동", ("사용자", "홍길동")),
    ("휴지통:옛 문서", ("휴지통", "옛 문서")),
])
def test_known_namespaces(full, expected):
    assert parse_title(full) == expected


def test_unknown_prefix_stays_in_the_title():
    assert parse_title("Re:제로부터 시작하는 이세계 생활") == ("문서", "Re:제로부터 시작하는 이세계 생활")


@override_settings(SITE_NAME="테스트위키")
def test_project_namespace_is_named_after_the_site():
    assert "테스트위키" in namespaces()
    assert parse_title("테스트위키:문법 도움말") == ("테스트위키", "문법 도움말")


def test_whitespace_is_trimmed_and_collapsed_but_underscores_kept():
    assert canonical("  서울   특별시 ") == "서울 특별시"
    assert canonical("A_B") == "A_B"
    assert canonical("A_B") != canonical("A B")
    assert parse_title("틀 :  x") == ("문서", "틀 : x")  # "틀 " is not a namespace prefix


def test_nfc_normalisation_joins_decomposed_hangul():
    decomposed = "\u1100\u1161"  # ᄀ + ᅡ
    assert canonical(decomposed) == "가"


@pytest.mark.parametrize("bad", ["", "   ", "틀:", "틀:  ", "a\x00b", "a\u200bb", "..", "a/../b", "./x",
                                 "가" * 256])
def test_invalid_titles_raise_with_a_korean_message(bad):
    with pytest.raises(TitleError) as info:
        parse_title(bad)
    assert any("\uac00" <= ch <= "\ud7a3" for ch in str(info.value))


def test_hash_and_question_mark_are_allowed_and_quoted():
    assert canonical("C#") == "C#"
    assert quote_title("C#") == "C%23"
    assert page_url("왜?") == "/w/%EC%99%9C%3F"
    assert page_url("틀:a/b", "edit") == "/edit/%ED%8B%80:a/b"


def test_join_title_roundtrip():
    for ns in namespaces():
        assert parse_title(join_title(ns, "x y")) == (ns, "x y")
