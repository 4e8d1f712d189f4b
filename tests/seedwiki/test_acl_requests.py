"""ACL acceptance checks 1–21 of seed-behaviour.md §14, as requests (SQLite, and PostgreSQL with -m storage).

Each test names its check number. Rules are set directly (acl_helpers.set_rules) unless the check is
about changing them (/acl tests in test_acl_page.py)."""
from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from acl_helpers import add_item, make_user, set_rules
from pages_helpers import IP, body, save, url
from seedwiki.documents.models import Document
from seedwiki.permissions.decide import can
from seedwiki.permissions.models import ACLGroup
from seedwiki.permissions.names import BLOCKED_GROUP
from seedwiki.permissions.subject import Subject

pytestmark = pytest.mark.django_db

TAB = "해당 문서의 <a href=\"/acl/"


def edit(client, title, text="새 내용", **extra):
    document = Document.objects.filter(namespace="문서", title=title).first()
    base = document.latest.number if document is not None and document.latest is not None else 0
    return client.post(url("edit", title), {"text": text, "base_rev": str(base)}, **extra)


def page(title="문서 가"):
    save(title, "원래 내용")
    return Document.objects.get(namespace="문서", title=title)


def login(client, user):
    client.force_login(user)
    return client


# --- 1 -----------------------------------------------------------------------------------------

def test_01_default_config_open_for_reading_and_editing_not_for_destruction(client):
    page("열린 문서")
    assert client.get(url("w", "열린 문서")).status_code == 200
    assert edit(client, "열린 문서").status_code == 302
    anonymous = Subject(ip="198.51.100.7")
    for action in ("create_thread", "write_thread_comment", "edit_request"):
        assert can(anonymous, action, "열린 문서").allowed, action
    moved = client.post(url("move", "열린 문서"), {"new_title": "다른 이름"})
    assert moved.status_code == 403 and "이동 권한이 부족합니다" in body(moved)
    deleted = client.post(url("delete", "열린 문서"), {"agree": "1"})
    assert deleted.status_code == 403 and "삭제 권한이 부족합니다" in body(deleted)
    changed = client.post(url("acl", "열린 문서"), {"op": "add", "scope": "document", "action": "edit",
                                                  "condition_type": "perm", "condition_value": "member",
                                                  "result": "allow"})
    assert changed.status_code == 403
    assert Document.objects.get(title="열린 문서").exists
    assert ACLGroup.objects.filter(name=BLOCKED_GROUP, deletable=False).exists()


# --- 2 -----------------------------------------------------------------------------------------

def test_02_no_rule_at_all_refuses_every_edit(client):
    page()
    set_rules("edit", [], namespace="문서")
    response = edit(client, "문서 가")
    assert response.status_code == 403
    assert "ACL에 허용 규칙이 없기 때문에 편집 권한이 부족합니다" in body(response)
    admin = login(client, make_user("관리자", perms=["admin"]))
    assert edit(admin, "문서 가").status_code == 403


# --- 3 -----------------------------------------------------------------------------------------

def test_03_document_list_replaces_the_namespace_list(client):
    document = page()
    x, y = make_user("X"), make_user("Y")
    set_rules("edit", [("perm:member", "deny"), ("perm:any", "allow")], namespace="문서")
    set_rules("edit", [("user:X", "allow")], document=document)
    refused = edit(client, "문서 가")
    assert refused.status_code == 403
    text = body(refused)
    assert "편집 권한이 부족합니다. 특정 사용자(이)여야 합니다." in text and TAB in text
    assert "ACL 탭</a>을 확인하시기 바랍니다." in text
    assert edit(login(client, y), "문서 가").status_code == 403
    assert edit(login(client, x), "문서 가").status_code == 302


# --- 4, 5 --------------------------------------------------------------------------------------

def test_04_ip_deny_refuses_anonymous_and_lets_members_edit(client):
    document = page()
    set_rules("edit", [("perm:ip", "deny"), ("perm:any", "allow")], document=document)
    refused = edit(client, "문서 가")
    assert refused.status_code == 403 and "아이피이기 때문에 편집 권한이 부족합니다" in body(refused)
    assert edit(login(client, make_user("회원")), "문서 가").status_code == 302


def test_05_first_match_wins(client):
    document = page()
    set_rules("edit", [("perm:any", "allow"), ("perm:ip", "deny")], document=document)
    assert edit(client, "문서 가").status_code == 302


# --- 6 -----------------------------------------------------------------------------------------

def test_06_gotons_hands_the_rest_to_the_namespace(client):
    document = page()
    set_rules("edit", [("perm:member", "allow")], namespace="문서")
    set_rules("edit", [("user:X", "allow"), ("perm:any", "gotons")], document=document)
    refused = edit(client, "문서 가")
    assert refused.status_code == 403 and "로그인된 사용자(이)여야 합니다" in body(refused)
    x, other = make_user("X"), make_user("다른 회원")
    assert edit(login(client, other), "문서 가", "회원의 편집").status_code == 302
    assert edit(login(client, x), "문서 가", "X의 편집").status_code == 302


# --- 8, 9 --------------------------------------------------------------------------------------

def test_08_document_read_rules_do_not_change_reading(client):
    document = page()
    set_rules("read", [("perm:member", "allow")], namespace="문서")
    set_rules("read", [("perm:any", "allow")], document=document)
    refused = client.get(url("w", "문서 가"))
    assert refused.status_code == 403 and "읽기 권한이 부족합니다" in body(refused)
    assert "원래 내용" not in body(refused)
    assert login(client, make_user("회원")).get(url("w", "문서 가")).status_code == 200


def test_09_read_denied_refuses_everything_with_the_read_message(client):
    document = page()
    set_rules("read", [("perm:member", "allow")], namespace="문서")
    for action in ("edit", "move", "delete", "create_thread", "write_thread_comment", "edit_request"):
        set_rules(action, [("perm:any", "allow")], document=document)
    for path in (url("w", "문서 가"), url("raw", "문서 가"), url("history", "문서 가"), url("edit", "문서 가"),
                 url("diff", "문서 가", "rev=1"), url("blame", "문서 가"), url("backlink", "문서 가")):
        response = client.get(path)
        assert response.status_code == 403 and "읽기 권한이 부족합니다" in body(response), path
    for response in (edit(client, "문서 가"), client.post(url("move", "문서 가"), {"new_title": "딴 곳"}),
                     client.post(url("delete", "문서 가"), {"agree": "1"})):
        assert response.status_code == 403 and "읽기 권한이 부족합니다" in body(response)
    anonymous = Subject(ip="127.0.0.1")
    for action in ("create_thread", "write_thread_comment", "edit_request"):
        assert "읽기 권한이 부족합니다" in can(anonymous, action, document).message
    assert client.get(url("acl", "문서 가")).status_code == 200


# --- 10 ----------------------------------------------------------------------------------------

def test_10_edit_denied_refuses_move_and_delete_with_the_edit_message(client):
    document = page()
    set_rules("edit", [("perm:admin", "allow")], document=document)
    set_rules("move", [("perm:any", "allow")], document=document)
    set_rules("delete", [("perm:any", "allow")], document=document)
    member = login(client, make_user("회원"))
    moved = member.post(url("move", "문서 가"), {"new_title": "다른 곳"})
    assert moved.status_code == 403 and "편집 권한이 부족합니다" in body(moved)
    deleted = member.post(url("delete", "문서 가"), {"agree": "1"})
    assert deleted.status_code == 403 and "편집 권한이 부족합니다" in body(deleted)


# --- 11 ----------------------------------------------------------------------------------------

def test_11_an_expired_rule_is_ignored_without_any_clean_up(client):
    document = page()
    expiry = timezone.now() + dt.timedelta(hours=1)
    set_rules("edit", [("perm:ip", "deny"), ("perm:any", "allow")], document=document, expires={1: expiry})
    assert edit(client, "문서 가").status_code == 403
    later = expiry + dt.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert edit(client, "문서 가", "한 시간 뒤").status_code == 302


# --- 14 ----------------------------------------------------------------------------------------

def test_14_an_acl_on_a_missing_title_prevents_its_creation(client):
    missing = Document.objects.create(namespace="문서", title="작성 금지")
    set_rules("edit", [("perm:admin", "allow")], document=missing)
    refused = edit(client, "작성 금지")
    assert refused.status_code == 403
    assert not Document.objects.get(title="작성 금지").exists
    assert edit(login(client, make_user("관리", perms=["admin"])), "작성 금지").status_code == 302


# --- 15 ----------------------------------------------------------------------------------------

def test_15_rules_follow_the_page_and_a_move_needs_both_titles(client):
    document = page("이동 전")
    set_rules("edit", [("perm:admin", "allow")], document=document)
    admin = login(client, make_user("관리", perms=["admin"]))
    assert admin.post(url("move", "이동 전"), {"new_title": "이동 후"}).status_code == 302
    client.logout()
    refused = edit(client, "이동 후")
    assert refused.status_code == 403 and "관리자(이)여야 합니다" in body(refused)
    # Moving into 틀: needs the move ACL of the target title too.
    set_rules("move", [("perm:admin", "allow")], namespace="틀")
    page("옮길 문서")
    member = login(client, make_user("회원"))
    refused = member.post(url("move", "옮길 문서"), {"new_title": "틀:옮길 문서"})
    assert refused.status_code == 403 and "이동 권한이 부족합니다" in body(refused)
    assert Document.objects.get(title="옮길 문서").namespace == "문서"


# --- 16, 17, 18 --------------------------------------------------------------------------------

def test_16_user_pages_belong_to_their_owner(client):
    foo = login(client, make_user("Foo"))
    for title in ("사용자:Foo", "사용자:Foo/메모"):
        assert foo.post(url("edit", title), {"text": "내 문서", "base_rev": "0"}).status_code == 302, title
    refused = foo.post(url("edit", "사용자:Foobar"), {"text": "남의 문서", "base_rev": "0"})
    assert refused.status_code == 403


def test_17_contributor_and_document_contributor(client):
    page("기여한 문서")
    page("다른 문서")
    set_rules("edit", [("perm:document_contributor", "allow")], namespace="틀")
    set_rules("move", [("perm:contributor", "allow")], namespace="문서")
    user = make_user("기여자")
    member = login(client, user)
    assert member.post(url("move", "기여한 문서"), {"new_title": "옮긴 문서"}).status_code == 403
    save("틀:기여 틀", "틀 내용", ip=IP)
    assert member.post(url("edit", "틀:기여 틀"), {"text": "x", "base_rev": "1"}).status_code == 403
    save("다른 문서", "회원의 편집", user=user)  # a revision somewhere: contributor, not of 틀:기여 틀
    assert member.post(url("move", "기여한 문서"), {"new_title": "옮긴 문서"}).status_code == 302
    assert member.post(url("edit", "틀:기여 틀"), {"text": "x", "base_rev": "1"}).status_code == 403
    save("틀:기여 틀", "회원이 고친 틀", user=user)
    assert member.post(url("edit", "틀:기여 틀"), {"text": "y", "base_rev": "2"}).status_code == 302


def test_18_member_signup_15days_ago(client):
    page()
    set_rules("edit", [("perm:member_signup_15days_ago", "allow")], namespace="문서")
    assert edit(login(client, make_user("새내기", days_old=14)), "문서 가").status_code == 403
    assert edit(login(client, make_user("고참", days_old=16)), "문서 가").status_code == 302


# --- 19, 20, 21 --------------------------------------------------------------------------------

def test_19_aclgroup_matches_the_request_ip_for_anonymous_and_members(client):
    page()
    add_item("G", cidr="10.0.0.0/24", note="대역 차단")
    set_rules("edit", [("aclgroup:G", "deny"), ("perm:any", "allow")], namespace="문서")
    assert edit(client, "문서 가", REMOTE_ADDR="10.0.0.5").status_code == 403
    assert edit(client, "문서 가", REMOTE_ADDR="10.0.1.5").status_code == 302
    member = login(client, make_user("회원"))
    assert edit(member, "문서 가", "회원", REMOTE_ADDR="10.0.0.5").status_code == 403


def test_20_login_allowed_block(client):
    page()
    add_item("L", cidr="10.0.0.0/24", note="로그인 허용 차단")
    set_rules("edit", [("perm:member", "allow"), ("aclgroup:L", "deny"), ("perm:any", "allow")], namespace="문서")
    assert edit(client, "문서 가", REMOTE_ADDR="10.0.0.5").status_code == 403
    member = login(client, make_user("회원"))
    assert edit(member, "문서 가", "회원", REMOTE_ADDR="10.0.0.5").status_code == 302


def test_21_group_deny_message_names_group_item_expiry_and_note(client):
    page()
    permanent = add_item(BLOCKED_GROUP, cidr="10.0.0.0/24", note="반달 행위")
    response = edit(client, "문서 가", REMOTE_ADDR="10.0.0.5")
    text = body(response)
    assert response.status_code == 403
    assert f"ACL그룹 {BLOCKED_GROUP} #{permanent.pk}에 있기 때문에 편집 권한이 부족합니다" in text
    assert "만료일 : 무기한" in text and "사유 : 반달 행위" in text and "현재 사용중인 아이피가" in text
    user = make_user("차단된 회원")
    until = timezone.now() + dt.timedelta(days=3)
    item = add_item(BLOCKED_GROUP, user=user, note="계정 차단", expires_at=until)
    text = body(edit(login(client, user), "문서 가", REMOTE_ADDR="192.0.2.1"))
    assert f"#{item.pk}에 있기 때문에" in text and timezone.localtime(until).strftime("%Y-%m-%d") in text
    assert "현재 사용중인 아이피가" not in text


def test_the_message_follows_the_reader_language(client):
    page()
    set_rules("edit", [("perm:member", "allow")], namespace="문서")
    english = body(edit(client, "문서 가", HTTP_ACCEPT_LANGUAGE="en"))
    korean = body(edit(client, "문서 가", HTTP_ACCEPT_LANGUAGE="ko"))  # last: the thread keeps its language
    assert "편집 권한이 부족합니다" in korean
    assert "You may not edit. You must be: a logged-in user." in english and "ACL tab</a>" in english


def test_revert_needs_edit_and_a_refused_preview_keeps_the_text(client):
    document = page()
    save("문서 가", "둘째 판")
    set_rules("edit", [("perm:member", "allow")], document=document)
    refused = client.post(url("revert", "문서 가"), {"rev": "1"})
    assert refused.status_code == 403 and "편집 권한이 부족합니다" in body(refused)
    preview = client.post(url("edit", "문서 가"), {"text": "미리 볼 내 글", "base_rev": "2", "preview": "1"})
    assert preview.status_code == 403 and "미리 볼 내 글" in body(preview)
    assert login(client, make_user("회원")).post(url("revert", "문서 가"), {"rev": "1"}).status_code == 302
