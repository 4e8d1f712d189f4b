"""Stars (checks 57–59), the header's user link, /member/mypage (password, theme, account
deletion) and the theme script (check 68, the server side; tests/browser covers the paint)."""
from __future__ import annotations

import re

import pytest
from community_helpers import community_settings, login  # noqa: F401
from pages_helpers import body, save, url

from seedwiki.documents.models import Revision
from seedwiki.documents.services import move_page

pytestmark = pytest.mark.django_db


def star_count(client, title) -> int:
    match = re.search(r'class="star-count">(\d+)<', body(client.get(url("w", title))))
    assert match, "no star count on the title bar"
    return int(match.group(1))


def test_57_star_needs_login_then_returns_to_the_page_and_counts(client):
    save("별 문서", "본문")
    response = client.get("/member/star/별 문서")
    assert response.status_code == 302 and response["Location"].startswith("/member/login?redirect=")
    login(client, "별지기")
    assert star_count(client, "별 문서") == 0
    response = client.get("/member/star/별 문서")
    assert response.status_code == 302 and response["Location"] == url("w", "별 문서")
    assert star_count(client, "별 문서") == 1
    again = client.get("/member/star/별 문서")
    assert again.status_code == 409 and "이미 별찜한 문서입니다" in body(again)
    login(client, "또 다른 별지기")
    client.get("/member/star/별 문서")
    assert star_count(client, "별 문서") == 2
    assert client.get("/member/star/없는 문서").status_code == 404


def test_58_starred_documents_newest_edit_first_and_unstar(client):
    save("가 문서", "가")
    save("나 문서", "나")
    login(client, "별지기")
    client.get("/member/star/가 문서")
    client.get("/member/star/나 문서")
    page = body(client.get("/member/starred_documents"))
    assert page.index("나 문서") < page.index("가 문서")
    save("가 문서", "가 고침")
    page = body(client.get("/member/starred_documents"))
    assert page.index("가 문서") < page.index("나 문서")
    edited = Revision.objects.filter(document__title="가 문서").order_by("-number").first()
    assert edited.created_at.astimezone().strftime("%Y-%m-%d") in page
    assert client.get("/member/unstar/가 문서").status_code == 302
    assert "가 문서" not in body(client.get("/member/starred_documents"))
    assert client.get("/member/unstar/가 문서").status_code == 404


def test_59_a_moved_page_stays_starred(client):
    save("옛 이름", "본문")
    login(client, "별지기")
    client.get("/member/star/옛 이름")
    move_page("옛 이름", "새 이름", author_name="이동")
    assert "새 이름" in body(client.get("/member/starred_documents"))
    assert star_count(client, "새 이름") == 1


def test_header_name_leads_to_the_user_page(client):
    login(client, "머리글")
    page = body(client.get("/RecentChanges"))
    assert 'href="/w/%EC%82%AC%EC%9A%A9%EC%9E%90:%EB%A8%B8%EB%A6%AC%EA%B8%80">머리글</a>' in page
    assert 'href="/member/mypage"' in page


def test_mypage_password_change(client):
    user = login(client, "비번")
    response = client.post("/member/mypage", {"action": "password", "old_password": "틀림",
                                              "new_password1": "new-pass-12345", "new_password2": "new-pass-12345"})
    assert response.status_code == 400
    response = client.post("/member/mypage", {"action": "password", "old_password": "pw-비번-12345",
                                              "new_password1": "new-pass-12345", "new_password2": "new-pass-12345"})
    assert response.status_code == 200 and "비밀번호를 변경했습니다" in body(response)
    user.refresh_from_db()
    assert user.check_password("new-pass-12345")


def test_account_deletion_keeps_revisions_and_the_name(client):
    user = login(client, "떠나는이")
    client.post(url("edit", "남길 문서"), {"text": "내용", "base_rev": 0})
    client.get("/member/star/남길 문서")
    refused = client.post("/member/mypage", {"action": "delete", "confirm_username": "떠나는이", "password": "x"})
    assert refused.status_code == 400
    response = client.post("/member/mypage", {"action": "delete", "confirm_username": "떠나는이",
                                              "password": "pw-떠나는이-12345"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password() and not user.stars.exists()
    revision = Revision.objects.get(document__title="남길 문서")
    assert revision.author_name == "떠나는이" and revision.user_id == user.pk
    assert client.get("/member/mypage").status_code == 302  # logged out
    assert not client.login(username="떠나는이", password="pw-떠나는이-12345")


def test_68_theme_script_runs_first_in_body_and_mypage_offers_the_choice(client):
    page = body(client.get("/RecentChanges"))
    assert re.search(r'<body>\s*<script src="/static/theme\.js"></script>', page)
    login(client, "테마")
    mypage = body(client.get("/member/mypage"))
    assert "data-theme-choice" in mypage and 'value="dark"' in mypage and 'value="light"' in mypage
    from django.contrib.staticfiles import finders

    script = open(finders.find("theme.js"), encoding="utf-8").read()
    for needle in ("theseed_settings", "wiki.theme", "theseed-dark-mode", "theseed-light-mode", "theme-dark"):
        assert needle in script
