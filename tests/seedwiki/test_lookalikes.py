"""Invisible and look-alike characters (finding 13 of issue 6): titles and usernames refuse them,
passwords may not contain the username — at the request level, with a clear 400."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from seedwiki.documents.models import Document
from seedwiki.invisible import first_invisible

from pages_helpers import body, url

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"

INVISIBLE_IN_TITLES = ["\u3164", "\u1160", "\u115f", "\uffa0", "\u034f", "\ufe0f", "\u2800", "\u200b", "\u200c",
                       "\u200d", "\u200e", "\u200f", "\u2060", "\u2061", "\u2064", "\ufeff", "\u180e", "\u00ad",
                       "\U000e0100", "\u17b4"]


@pytest.mark.parametrize("ch", INVISIBLE_IN_TITLES, ids=lambda ch: f"U+{ord(ch):04X}")
def test_a_title_with_an_invisible_character_is_refused_on_save(client, ch):
    title = f"대문{ch}"
    response = client.post(url("edit", title), {"text": "가짜 대문", "base_rev": "0"})
    assert response.status_code == 400
    html = body(response)
    assert "사용할 수 없는 문자" in html and f"U+{ord(ch):04X}" in html
    assert not Document.objects.filter(title=title).exists()


@pytest.mark.parametrize("title", ["❤️ 하트", "👩‍💻 개발자", "C#", "Re:제로", "가\u3000나"])
def test_visible_symbols_and_emoji_sequences_stay_allowed(client, title):
    response = client.post(url("edit", title), {"text": "내용", "base_rev": "0"})
    assert response.status_code == 302


def test_the_rules_in_one_place():
    assert first_invisible("평범한 제목") is None
    assert first_invisible("\u0301악센트만") == "\u0301"  # a combining mark on nothing
    assert first_invisible("e\u0301") is None  # … on a letter it is an ordinary accent
    assert first_invisible("a\u200d") == "\u200d"  # a joiner that joins nothing


def _signup(client, username, password=PASSWORD):
    return client.post("/member/signup", {"username": username, "password1": password, "password2": password})


@pytest.mark.parametrize("username, reason", [
    ("관리자\u3164", "보이지 않는 문자"),
    ("аdmin", "문자 체계"),  # Cyrillic а + Latin dmin
    ("pοlice", "문자 체계"),  # Greek ο
])
def test_look_alike_usernames_are_refused(client, username, reason):
    response = _signup(client, username)
    assert response.status_code == 400
    assert reason in body(response)
    assert not get_user_model().objects.filter(username=username).exists()


def test_full_width_letters_are_read_as_the_plain_name(client):
    get_user_model().objects.create_user("admin", password=PASSWORD)
    response = _signup(client, "ＡＤＭＩＮ")  # Django's username field folds it (NFKC) to ADMIN
    assert response.status_code == 400
    assert "이미 사용 중인 사용자 이름" in body(response)


@pytest.mark.parametrize("username", ["홍길동abc", "山田たろう", "Иван", "wiki_user.1"])
def test_names_in_one_alphabet_with_east_asian_characters_are_fine(client, username):
    assert _signup(client, username).status_code == 302
    assert get_user_model().objects.filter(username=username).exists()


@pytest.mark.parametrize("password", ["treasure-hunter", "TREASURE-HUNTER-2026", "my treasure-hunter pw"])
def test_a_password_containing_the_username_is_refused(client, password):
    response = _signup(client, "treasure-hunter", password)
    assert response.status_code == 400
    assert "비밀번호에 사용자 이름을 넣을 수 없습니다" in body(response)
    assert not get_user_model().objects.filter(username="treasure-hunter").exists()


def test_the_refusals_are_translated(client):
    # override(): LocaleMiddleware leaves English active in this thread; give the next tests Korean back.
    with translation.override("ko"):
        response = client.post(url("edit", "대문\u3164"), {"text": "x", "base_rev": "0"}, HTTP_ACCEPT_LANGUAGE="en")
        assert "invisible character U+3164" in body(response)
        response = client.post("/member/signup", {"username": "аdmin", "password1": PASSWORD, "password2": PASSWORD},
                               HTTP_ACCEPT_LANGUAGE="en")
        assert "cannot mix letters of different alphabets" in body(response)
