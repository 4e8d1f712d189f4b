"""can(): the seed's evaluation order (seed-behaviour §2.2) on subjects built directly."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from acl_helpers import add_item, make_user, set_rules
from seedwiki.documents.models import Document
from seedwiki.permissions.decide import can
from seedwiki.permissions.models import ACLGroup
from seedwiki.permissions.names import BLOCKED_GROUP
from seedwiki.permissions.subject import Place, Subject

pytestmark = pytest.mark.django_db

ANON = "203.0.113.9"


@pytest.fixture(autouse=True)
def _korean():
    from django.utils import translation

    with translation.override("ko"):
        yield


def anon(ip=ANON):
    return Subject(user=None, ip=ip)


def member(user, ip=ANON):
    return Subject.for_user(user, ip)


def doc(title="테스트"):
    return Document.objects.create(namespace="문서", title=title)


def test_blocked_group_exists_and_cannot_be_deleted_flag():
    group = ACLGroup.objects.get(name=BLOCKED_GROUP)
    assert group.deletable is False


def test_default_config_open_reading_and_editing_members_move():
    page = doc()
    assert can(anon(), "read", page).allowed
    assert can(anon(), "edit", page).allowed
    assert can(anon(), "edit_request", page).allowed
    moved = can(anon(), "move", page)
    assert not moved.allowed and "이동 권한이 부족합니다" in moved.message
    assert not can(anon(), "delete", page).allowed
    assert not can(anon(), "acl", page).allowed
    user = make_user("회원")
    assert can(member(user), "move", page).allowed
    assert not can(member(user), "acl", page).allowed
    assert can(member(make_user("관리", perms=["admin"])), "acl", page).allowed


def test_no_rule_means_deny_with_the_seed_message():
    set_rules("edit", [], namespace="문서")
    decision = can(anon(), "edit", Place("문서", "아무"))
    assert not decision.allowed
    assert "ACL에 허용 규칙이 없기 때문에 편집 권한이 부족합니다" in decision.message
    assert decision.message.endswith("해당 문서의 ACL 탭을 확인하시기 바랍니다.")


def test_document_list_never_falls_through_to_namespace():
    page = doc()
    set_rules("edit", [("perm:member", "deny"), ("perm:any", "allow")], namespace="문서")
    x, y = make_user("X"), make_user("Y")
    set_rules("edit", [("user:X", "allow")], document=page)
    assert can(member(x), "edit", page).allowed
    for subject in (member(y), anon()):
        decision = can(subject, "edit", page)
        assert not decision.allowed
        assert "특정 사용자(이)여야 합니다" in decision.message


def test_gotons_defers_to_namespace():
    page = doc()
    set_rules("edit", [("perm:member", "allow")], namespace="문서")
    set_rules("edit", [("user:X", "allow"), ("perm:any", "gotons")], document=page)
    assert can(member(make_user("X")), "edit", page).allowed
    assert can(member(make_user("Y")), "edit", page).allowed
    decision = can(anon(), "edit", page)
    assert not decision.allowed and "로그인된 사용자(이)여야 합니다" in decision.message


def test_read_gates_and_document_read_rules_are_ignored():
    page = doc()
    set_rules("read", [("perm:member", "allow")], namespace="문서")
    set_rules("read", [("perm:any", "allow")], document=page)
    set_rules("edit", [("perm:any", "allow")], document=page)
    read = can(anon(), "read", page)
    assert not read.allowed
    edit = can(anon(), "edit", page)
    assert not edit.allowed and "읽기 권한이 부족합니다" in edit.message
    assert can(anon(), "acl", page).allowed is False  # acl has its own list (admins)


def test_edit_gates_move():
    page = doc()
    set_rules("edit", [("perm:ip", "deny"), ("perm:any", "allow")], document=page)
    set_rules("move", [("perm:any", "allow")], document=page)
    decision = can(anon(), "move", page)
    assert not decision.allowed and "아이피이기 때문에 편집 권한이 부족합니다" in decision.message


def test_first_match_wins():
    page = doc()
    set_rules("edit", [("perm:any", "allow"), ("perm:ip", "deny")], document=page)
    assert can(anon(), "edit", page).allowed


def test_expired_rule_is_ignored():
    page = doc()
    past = timezone.now() - dt.timedelta(seconds=1)
    set_rules("edit", [("perm:any", "deny"), ("perm:any", "allow")], document=page, expires={1: past})
    assert can(anon(), "edit", page).allowed


def test_aclgroup_ip_block_message_and_login_allowed_block():
    page = doc()
    item = add_item("L", cidr="10.0.0.0/24", note="도배")
    set_rules("edit", [("perm:member", "allow"), ("aclgroup:L", "deny"), ("perm:any", "allow")], namespace="문서")
    decision = can(anon("10.0.0.5"), "edit", page)
    assert not decision.allowed
    assert f"ACL그룹 L #{item.id}에 있기 때문에" in decision.message
    assert "무기한" in decision.message and "도배" in decision.message
    assert decision.item_id == item.id and decision.group == "L"
    assert can(anon("10.0.1.5"), "edit", page).allowed
    assert can(member(make_user("U"), "10.0.0.5"), "edit", page).allowed


def test_blocked_account_denied_by_default():
    user = make_user("차단")
    add_item(BLOCKED_GROUP, user=user, note="반달")
    decision = can(member(user), "edit", doc())
    assert not decision.allowed and BLOCKED_GROUP in decision.message


def test_system_subject_may_do_anything():
    set_rules("edit", [], namespace="문서")
    assert can(Subject.system(), "edit", Place("문서", "x")).allowed


# --- client IP ------------------------------------------------------------------------------------

def _request(remote, forwarded=""):
    from django.test import RequestFactory

    return RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(settings):
    from seedwiki.permissions.client_ip import client_ip

    assert client_ip(_request("198.51.100.1", "1.2.3.4")) == "198.51.100.1"
    settings.SEEDWIKI_TRUSTED_PROXIES = "10.0.0.0/8"
    assert client_ip(_request("198.51.100.1", "1.2.3.4")) == "198.51.100.1"
    assert client_ip(_request("10.0.0.2", "6.6.6.6, 1.2.3.4, 10.0.0.7")) == "1.2.3.4"
    assert client_ip(_request("10.0.0.2", "garbage")) == "10.0.0.2"


def test_an_ipv4_mapped_peer_is_its_ipv4_address():
    from seedwiki.permissions.client_ip import client_ip

    assert client_ip(_request("::ffff:10.0.0.5")) == "10.0.0.5"


def test_geoip_conditions_match_only_with_a_database(settings, monkeypatch):
    from seedwiki.permissions import acl, geoip

    class Reader:  # stands in for a MaxMind country database
        def get(self, ip):
            return {"country": {"iso_code": "KR" if ip.startswith("10.") else "US"}}

    page = doc()
    set_rules("edit", [("geoip:KR", "deny"), ("perm:any", "allow")], document=page)
    assert can(anon("10.0.0.1"), "edit", page).allowed  # no database: never matches
    settings.SEEDWIKI_GEOIP_DATABASE = "/nonexistent/country.mmdb"
    monkeypatch.setattr(geoip, "_reader", lambda: Reader())
    assert not can(anon("10.0.0.2"), "edit", page).allowed
    assert can(anon("192.0.2.1"), "edit", page).allowed
    assert acl.parse_condition("geoip:JP") == ("geoip", "JP")
