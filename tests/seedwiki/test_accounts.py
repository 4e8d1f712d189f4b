"""Accounts: sign up, log in and out (Django auth, argon2), client identity, /contribution/<name>."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory, override_settings

from seedwiki.accounts.identity import client_ip, display_name, request_identity

from wikimore_helpers import make_page

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def member():
    return get_user_model().objects.create_user("위키러", password=PASSWORD)


# --- sign up -----------------------------------------------------------------------------------

def test_signup_form_is_korean(client):
    response = client.get("/member/signup")
    assert response.status_code == 200
    body = response.content.decode()
    assert "계정 만들기" in body
    assert "사용자 이름" in body and "비밀번호 확인" in body
    assert "csrfmiddlewaretoken" in body


def test_signup_creates_an_argon2_account_and_logs_in(client):
    response = client.post("/member/signup", {"username": "새사용자", "password1": PASSWORD,
                                              "password2": PASSWORD})
    assert response.status_code == 302
    user = get_user_model().objects.get(username="새사용자")
    assert user.password.startswith("argon2")
    assert user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_returns_to_a_local_page_only(client):
    response = client.post("/member/signup?redirect=/w/%EB%8C%80%EB%AC%B8",
                           {"username": "돌아가기", "password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == "/w/%EB%8C%80%EB%AC%B8"
    client.logout()
    response = client.post("/member/signup?redirect=https://evil.example/",
                           {"username": "밖으로", "password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == "/"


@pytest.mark.parametrize("username", ["127.0.0.1", "2001:db8::1"])
def test_signup_refuses_ip_like_names(client, username):
    response = client.post("/member/signup", {"username": username, "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 400
    assert "IP 주소 형식" in response.content.decode()
    assert not get_user_model().objects.filter(username=username).exists()


def test_signup_refuses_a_taken_name_in_any_case(client):
    get_user_model().objects.create_user("Alice", password=PASSWORD)
    response = client.post("/member/signup", {"username": "alice", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 400
    assert "이미 사용 중인" in response.content.decode()


def test_signup_refuses_mismatched_or_weak_passwords(client):
    response = client.post("/member/signup", {"username": "약한", "password1": "abc", "password2": "abc"})
    assert response.status_code == 400
    response = client.post("/member/signup", {"username": "다른", "password1": PASSWORD, "password2": PASSWORD + "x"})
    assert response.status_code == 400
    assert get_user_model().objects.count() == 0


def test_signup_requires_csrf():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/member/signup", {"username": "x", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 403


# --- login / logout ------------------------------------------------------------------------------

def test_login_page(client):
    response = client.get("/member/login")
    assert response.status_code == 200
    assert "로그인" in response.content.decode()


def test_login_and_redirect(client, member):
    response = client.post("/member/login?redirect=/RecentChanges", {"username": "위키러", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/RecentChanges"
    assert client.session["_auth_user_id"] == str(member.pk)


def test_login_redirect_field_in_the_form(client, member):
    body = client.get("/member/login?redirect=/w/X").content.decode()
    assert 'name="redirect" value="/w/X"' in body
    response = client.post("/member/login", {"username": "위키러", "password": PASSWORD, "redirect": "/w/X"})
    assert response["Location"] == "/w/X"


def test_login_ignores_offsite_redirects(client, member):
    response = client.post("/member/login?redirect=//evil.example/", {"username": "위키러", "password": PASSWORD})
    assert response.status_code == 302
    assert "evil" not in response["Location"]


def test_wrong_password_is_a_400_with_a_message(client, member):
    response = client.post("/member/login", {"username": "위키러", "password": "wrong password"})
    assert response.status_code == 400
    assert "틀렸습니다" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(client, member):
    client.force_login(member)
    # a GET shows the logout button (not an empty 405) and does not log out
    assert client.get("/member/logout").status_code == 200
    assert "_auth_user_id" in client.session
    response = client.post("/member/logout")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# --- identity -----------------------------------------------------------------------------------

def test_identity_uses_remote_addr():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="1.2.3.4")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert request_identity(request) == (None, "198.51.100.4")
    assert display_name(request) == "198.51.100.4"


@override_settings(SEEDWIKI_TRUST_PROXY=True)
def test_identity_behind_a_trusted_proxy_takes_the_address_it_appended():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")
    assert client_ip(request) == "198.51.100.9"
    garbage = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(garbage) == "10.0.0.1"


def test_identity_of_a_logged_in_user(member):
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4")
    request.user = member
    assert request_identity(request) == (member, "198.51.100.4")
    assert display_name(request) == "위키러"


# --- contributions --------------------------------------------------------------------------------

def test_contribution_lists_an_ips_edits_only(client, member):
    make_page("아이피 문서", "첫 판", ip="198.51.100.23", summary="아이피가 만든 문서")
    make_page("회원 문서", "첫 판", user=member, summary="회원이 만든 문서")
    response = client.get("/contribution/198.51.100.23")
    assert response.status_code == 200
    body = response.content.decode()
    assert "아이피 문서" in body and "아이피가 만든 문서" in body
    assert "회원 문서" not in body


def test_contribution_of_a_user(client, member):
    make_page("회원 문서", "첫 판", user=member, summary="요약 하나")
    make_page("회원 문서", "둘째 판", user=member, summary="요약 둘")
    body = client.get("/contribution/" + quote("위키러")).content.decode()
    assert "요약 하나" in body and "요약 둘" in body
    assert body.index("요약 둘") < body.index("요약 하나")  # newest first
    assert "r2" in body


def test_contribution_paginates(client):
    for i in range(55):
        make_page(f"많은 문서 {i:02d}", "내용", ip="198.51.100.50")
    first = client.get("/contribution/198.51.100.50").content.decode()
    second = client.get("/contribution/198.51.100.50", {"page": 2}, follow=True).content.decode()
    assert first.count("많은 문서") == 50
    assert second.count("많은 문서") == 5


def test_contribution_of_nobody(client):
    response = client.get("/contribution/" + quote("없는사람"))
    assert response.status_code == 200
    assert "기여 내역이 없습니다" in response.content.decode()


def test_anonymous_edit_through_the_editor_is_listed_under_the_ip(client):
    """End to end: W-core's /edit view asks accounts.identity who is editing."""
    from seedwiki.documents.models import Revision

    response = client.post("/edit/" + quote("익명 편집"), {"text": "익명의 첫 편집", "summary": "익명 요약",
                                                        "base_rev": "0"}, REMOTE_ADDR="192.0.2.77")
    assert response.status_code == 302
    revision = Revision.objects.get(document__title="익명 편집")
    assert revision.author_name == "192.0.2.77"
    assert "익명 편집" in client.get("/contribution/192.0.2.77").content.decode()


def test_contribution_type_filter(client):
    make_page("종류 문서", "첫 판", ip="198.51.100.60", summary="만든 요약")
    make_page("종류 문서", "둘째 판", ip="198.51.100.60", summary="고친 요약")
    created = client.get("/contribution/198.51.100.60", {"type": "create"}).content.decode()
    assert "만든 요약" in created and "고친 요약" not in created
    edited = client.get("/contribution/198.51.100.60", {"type": "edit"}).content.decode()
    assert "고친 요약" in edited and "만든 요약" not in edited
    everything = client.get("/contribution/198.51.100.60", {"type": "bogus"}).content.decode()
    assert "고친 요약" in everything and "만든 요약" in everything


def test_logged_in_user_asking_for_the_login_page_is_not_looped(client, member):
    client.force_login(member)
    response = client.get("/member/login?redirect=/member/login")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_contribution_name_with_control_characters_is_404(client):
    assert client.get("/contribution/a%00b").status_code == 404
