"""Grants and admin tools (seed-behaviour §4, §5; checks 31–33), batch revert, hidden revisions,
and which IP addresses the public pages show."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from seedwiki.documents.models import Document, Revision
from seedwiki.permissions.models import BlockLog, LoginRecord, UserPermission

from acl_helpers import make_user
from pages_helpers import body, latest_text, save, url, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def held(user) -> set[str]:
    return set(UserPermission.objects.filter(user=user).values_list("name", flat=True))


# --- check 31/32: /admin/grant ---------------------------------------------------------------------

def test_grant_page_is_403_without_grant(client):
    assert client.get("/admin/grant").status_code == 403
    client.force_login(make_user("보통", perms=["admin"]))
    assert client.get("/admin/grant?username=보통").status_code == 403
    assert client.post("/admin/grant", {"username": "보통", "permissions": ["grant"]}).status_code == 403
    assert "grant" not in held(make_user("확인"))


def test_granting_and_revoking_admin_write_plus_and_minus_lines_and_no_change_writes_nothing(client):
    client.force_login(make_user("부여자", perms=["grant"]))
    target = make_user("대상")
    page = body(client.get("/admin/grant?username=대상"))
    assert 'name="permissions" value="admin"' in page and 'value="developer"' not in page
    assert client.post("/admin/grant", {"username": "대상", "permissions": ["admin"]}).status_code == 302
    assert held(target) == {"admin"}
    history = visible_text(body(client.get("/BlockHistory")))
    assert "부여자 사용자가 대상 사용자의 권한 설정 (+admin)" in history
    client.post("/admin/grant", {"username": "대상", "permissions": ["admin"]})  # unchanged
    assert BlockLog.objects.filter(type=BlockLog.Type.GRANT).count() == 1
    client.post("/admin/grant", {"username": "대상", "permissions": []})
    assert held(target) == set()
    assert "부여자 사용자가 대상 사용자의 권한 설정 (-admin)" in visible_text(body(client.get("/BlockHistory")))
    assert BlockLog.objects.filter(type=BlockLog.Type.GRANT).count() == 2


def test_a_grant_holder_cannot_grant_outside_the_grantable_list(client):
    client.force_login(make_user("부여자", perms=["grant"]))
    target = make_user("대상")
    response = client.post("/admin/grant", {"username": "대상", "permissions": ["admin", "developer"]})
    assert response.status_code == 403 and "developer" in body(response)
    response = client.post("/admin/grant", {"username": "대상", "permissions": ["no_such_perm"]})
    assert response.status_code == 400
    assert held(target) == set() and not BlockLog.objects.exists()


def test_the_form_leaves_protected_permissions_alone(client):
    client.force_login(make_user("부여자", perms=["grant"]))
    target = make_user("개발", perms=["developer", "admin"])
    assert "이 화면에서 바꿀 수 없는 권한: developer" in body(client.get("/admin/grant?username=개발"))
    client.post("/admin/grant", {"username": "개발", "permissions": ["hideip"]})
    assert held(target) == {"developer", "hideip"}


# --- check 33: /admin/login_history -----------------------------------------------------------------

def test_logins_are_recorded_with_ip_and_user_agent(client):
    user = make_user("로그인", perms=[])
    user.set_password("pw-로그인-12345")
    user.save()
    client.post("/member/login", {"username": "로그인", "password": "pw-로그인-12345"},
                REMOTE_ADDR="198.51.100.5", HTTP_USER_AGENT="Mozilla/5.0 테스트")
    record = LoginRecord.objects.get(user=user)
    assert (record.ip, record.user_agent) == ("198.51.100.5", "Mozilla/5.0 테스트")


def test_signing_up_counts_as_a_login(client):
    client.post("/member/signup", {"username": "새내기", "password1": "correct horse battery",
                                   "password2": "correct horse battery"}, REMOTE_ADDR="198.51.100.6")
    assert LoginRecord.objects.get(user__username="새내기").ip == "198.51.100.6"


def test_login_history_is_403_without_the_permission(client):
    assert client.get("/admin/login_history").status_code == 403
    client.force_login(make_user("보통", perms=["admin"]))
    assert client.post("/admin/login_history", {"username": "보통"}).status_code == 403
    assert not BlockLog.objects.exists()


def test_looking_up_logins_lists_them_and_is_logged(client):
    target = make_user("대상")
    LoginRecord.objects.create(user=target, ip="203.0.113.9", user_agent="Firefox/130", created_at=timezone.now())
    client.force_login(make_user("조회자", perms=["login_history"]))
    response = client.post("/admin/login_history", {"username": "대상"})
    assert response.status_code == 200
    assert "203.0.113.9" in body(response) and "Firefox/130" in body(response)
    assert "조회자 사용자가 대상 사용자의 로그인 기록 조회" in visible_text(body(client.get("/BlockHistory")))


def test_a_hideip_holder_cannot_be_looked_up_without_hideip(client):
    make_user("숨김", perms=["hideip"])
    client.force_login(make_user("조회자", perms=["login_history"]))
    response = client.post("/admin/login_history", {"username": "숨김"})
    assert response.status_code == 403 and "invalid_permission" in body(response)
    assert not BlockLog.objects.exists()
    client.force_login(make_user("상급", perms=["login_history", "hideip"]))
    assert client.post("/admin/login_history", {"username": "숨김"}).status_code == 200


# --- batch revert ------------------------------------------------------------------------------------

def test_batch_revert_undoes_a_users_recent_edits_and_logs_it(client):
    vandal = make_user("반달")
    editor = make_user("편집자")
    save("가", "좋은 글", user=editor)
    save("가", "망친 글", user=vandal)
    save("가", "더 망친 글", user=vandal)
    save("나", "반달이 만든 문서", user=vandal)
    save("다", "좋은 글", user=editor)
    save("다", "망친 글", user=vandal)
    save("다", "고친 글", user=editor)  # someone edited after: left alone
    old = Revision.objects.filter(document__title="다").latest("number")
    Revision.objects.filter(pk=old.pk).update(created_at=timezone.now())
    assert client.get("/admin/batch_revert").status_code == 403
    client.force_login(make_user("관리", perms=["batch_revert"]))
    response = client.post("/admin/batch_revert", {"target": "반달", "period": "86400", "note": "반달 복구"})
    assert response.status_code == 200
    assert latest_text("가") == "좋은 글"
    assert not Document.objects.get(title="나").exists  # created by the vandal alone: deleted
    assert latest_text("다") == "고친 글"
    assert "다" in visible_text(body(response))  # listed as skipped
    reverted = Document.objects.get(title="가").latest
    assert reverted.kind == Revision.Kind.REVERT and reverted.author_name == "관리"
    log = body(client.get("/BlockHistory"))
    assert "반달</a>의 기여 일괄 되돌리기" in log  # "반달의 …" as a reader sees it
    assert "관리 사용자가 반달 의 기여 일괄 되돌리기 (2개 문서) (반달 복구)" in visible_text(log)


def test_batch_revert_by_ip_and_period(client):
    save("오래된", "원래", user=make_user("편집자"))
    save("오래된", "옛날 반달", ip="192.0.2.99")
    Revision.objects.filter(document__title="오래된", number=2).update(
        created_at=timezone.now() - dt.timedelta(days=3))
    save("새로운", "원래", user=make_user("편집자2"))
    save("새로운", "새 반달", ip="192.0.2.99")
    client.force_login(make_user("관리", perms=["batch_revert"]))
    client.post("/admin/batch_revert", {"target": "192.0.2.99", "period": "86400", "note": "아이피"})
    assert latest_text("새로운") == "원래"
    assert latest_text("오래된") == "옛날 반달"  # outside the period


def test_batch_revert_refuses_bad_input_and_keeps_it(client):
    client.force_login(make_user("관리", perms=["batch_revert"]))
    response = client.post("/admin/batch_revert", {"target": "없는사람", "period": "86400", "note": "메모"})
    assert response.status_code == 404 and 'value="없는사람"' in body(response)
    response = client.post("/admin/batch_revert", {"target": "192.0.2.1", "period": "86400", "note": ""})
    assert response.status_code == 400 and "메모" in body(response)
    assert not BlockLog.objects.exists()


# --- hidden revisions ----------------------------------------------------------------------------------

def test_a_hidden_revision_is_refused_to_readers_and_marked_in_history(client):
    save("숨김 문서", "비밀 개인정보 123")
    save("숨김 문서", "지운 판")
    save("숨김 문서", "그다음 판")
    hider = make_user("숨기는이", perms=["hide_revision"])
    assert client.post("/admin/hide_revision", {"title": "숨김 문서", "rev": "1", "hidden": "1"}).status_code == 403
    client.force_login(hider)
    assert client.post("/admin/hide_revision", {"title": "숨김 문서", "rev": "3", "hidden": "1"}).status_code == 400
    assert client.post("/admin/hide_revision", {"title": "숨김 문서", "rev": "1", "hidden": "1"}).status_code == 302
    assert "비밀 개인정보" in body(client.get(url("raw", "숨김 문서", "rev=1")))  # the holder still sees it
    client.logout()
    for response in (client.get(url("w", "숨김 문서", "rev=1")), client.get(url("raw", "숨김 문서", "rev=1")),
                     client.get(url("diff", "숨김 문서", "rev=2&oldrev=1")),
                     client.get(url("diff", "숨김 문서", "rev=1")),
                     client.get(url("blame", "숨김 문서", "rev=1")),
                     client.get(url("revert", "숨김 문서", "rev=1"))):
        assert response.status_code == 403
        assert "숨겨진 리비전입니다" in body(response) and "비밀 개인정보" not in body(response)
    history = body(client.get(url("history", "숨김 문서")))
    assert "숨겨진 리비전" in history and "rev=1&amp;oldrev" not in history
    assert client.get(url("w", "숨김 문서", "rev=2")).status_code == 200
    client.force_login(hider)
    client.post("/admin/hide_revision", {"title": "숨김 문서", "rev": "1", "hidden": "0"})
    client.logout()
    assert "비밀 개인정보" in body(client.get(url("raw", "숨김 문서", "rev=1")))


# --- whose IP the public sees ----------------------------------------------------------------------------

def test_anonymous_editors_ips_are_shown_and_members_ips_never(client):
    member = make_user("회원")
    save("아이피", "익명 판", ip="192.0.2.77")
    client.force_login(member)
    assert client.post(url("edit", "아이피"), {"text": "회원 판", "base_rev": "1"},
                       REMOTE_ADDR="198.51.100.66").status_code == 302
    client.logout()
    pages = [url("history", "아이피"), "/RecentChanges", "/contribution/회원", url("diff", "아이피", "rev=2"),
             url("blame", "아이피"), url("w", "아이피", "rev=2")]
    for page in pages:
        html = body(client.get(page))
        assert "198.51.100.66" not in html, page
    assert "192.0.2.77" in body(client.get(url("history", "아이피")))
    assert "192.0.2.77" in body(client.get("/RecentChanges"))


def test_the_pages_speak_english_when_asked(client, settings):
    client.force_login(make_user("운영", perms=["grant"]))
    html = body(client.get("/BlockHistory", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Block history" in html and "차단 내역" not in html
    assert "Grant permissions" in body(client.get("/admin/grant", HTTP_ACCEPT_LANGUAGE="en"))
