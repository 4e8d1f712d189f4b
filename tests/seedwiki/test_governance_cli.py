"""`seedwiki grant`, `seedwiki aclgroup`, `seedwiki batch_revert`, `seedwiki login_history`: the same
services as the pages, the same BlockHistory lines, non-zero exits with a clear message."""
from __future__ import annotations

import pytest
from django.utils import translation

from seedwiki import cli
from seedwiki.governance import blocklog
from seedwiki.permissions.models import ACLGroup, ACLGroupItem, BlockLog, UserPermission
from seedwiki.permissions.names import BLOCKED_GROUP
from seedwiki.permissions.subject import Subject

from acl_helpers import make_user
from pages_helpers import latest_text, save

pytestmark = pytest.mark.django_db


def lines() -> list[str]:
    with translation.override("ko"):  # another test's request may have left English active
        return [line.text for line in blocklog.search(Subject.system()).lines]


def held(user) -> set[str]:
    return set(UserPermission.objects.filter(user=user).values_list("name", flat=True))


def test_grant_adds_and_removes_as_the_system_and_logs_it(capsys):
    user = make_user("대상")
    assert cli.main(["grant", "대상", "+admin", "+developer"]) == 0
    assert held(user) == {"admin", "developer"}  # the system may give protected permissions
    assert cli.main(["grant", "대상", "-developer"]) == 0
    assert held(user) == {"admin"}
    assert lines()[0] == "시스템 사용자가 대상 사용자의 권한 설정 (-developer)"
    assert lines()[1] == "시스템 사용자가 대상 사용자의 권한 설정 (+admin +developer)"
    assert cli.main(["grant", "대상", "+admin"]) == 0  # unchanged: nothing written
    assert BlockLog.objects.count() == 2
    assert cli.main(["grant", "대상", "+hideip", "-admin"]) == 0 and held(user) == {"hideip"}
    assert cli.main(["grant", "대상", "-hideip"]) == 0 and held(user) == set()  # not taken for -h
    assert "admin" in capsys.readouterr().out


def test_grant_as_an_actor_checks_the_actors_permissions(capsys):
    make_user("부여자", perms=["grant"])
    make_user("보통")
    target = make_user("대상")
    assert cli.main(["grant", "대상", "+admin", "--actor", "보통"]) == 2
    assert "grant 권한이 부족합니다" in capsys.readouterr().err
    assert cli.main(["grant", "대상", "+developer", "--actor", "부여자"]) == 2
    assert cli.main(["grant", "대상", "+admin", "--actor", "부여자"]) == 0
    assert held(target) == {"admin"}
    assert lines()[0] == "부여자 사용자가 대상 사용자의 권한 설정 (+admin)"


@pytest.mark.parametrize("argv,message", [
    (["grant", "없는사람", "+admin"], "찾을 수 없습니다"),
    (["grant", "대상", "admin"], "+권한 또는 -권한"),
    (["grant", "대상", "+nonsense"], "알 수 없는 권한"),
    (["grant", "대상", "+admin", "--actor", "유령"], "찾을 수 없습니다"),
])
def test_grant_refusals_exit_nonzero_with_a_message(argv, message, capsys):
    make_user("대상")
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err
    assert not BlockLog.objects.exists()


def test_aclgroup_add_list_remove(capsys):
    make_user("반달")
    assert cli.main(["aclgroup", "add", BLOCKED_GROUP, "10.0.0.0/24", "--note", "대역 차단", "--duration", "3d"]) == 0
    assert cli.main(["aclgroup", "add", BLOCKED_GROUP, "user:반달", "--note", "계정 차단"]) == 0
    ip_item, user_item = ACLGroupItem.objects.order_by("id")
    assert ip_item.cidr == "10.0.0.0/24" and user_item.user.username == "반달" and user_item.expires_at is None
    assert lines()[0] == f"시스템 사용자가 반달 ({BLOCKED_GROUP} ACL 그룹에 추가) #{user_item.id} (영구적으로) (계정 차단)"
    assert lines()[1].endswith(f"#{ip_item.id} (3일 동안) (대역 차단)")
    capsys.readouterr()
    assert cli.main(["aclgroup", "list"]) == 0
    out = capsys.readouterr().out
    assert f"#{ip_item.id}\t10.0.0.0/24" in out and f"#{user_item.id}\t반달\t영구\t계정 차단" in out
    assert cli.main(["aclgroup", "remove", str(ip_item.id), "--note", "해제"]) == 0
    assert lines()[0] == f"시스템 사용자가 10.0.0.0/24 ({BLOCKED_GROUP} ACL 그룹에서 제거) #{ip_item.id} (해제)"
    assert not ACLGroupItem.objects.filter(pk=ip_item.pk).exists()


@pytest.mark.parametrize("argv,message", [
    (["aclgroup", "add", BLOCKED_GROUP, "10.0.0.1"], "메모의 값은 필수"),
    (["aclgroup", "add", BLOCKED_GROUP, "not-an-ip", "--note", "x"], "올바른 IP"),
    (["aclgroup", "add", "없는그룹", "10.0.0.1", "--note", "x"], "찾을 수 없습니다"),
    (["aclgroup", "add", BLOCKED_GROUP, "user:없는사람", "--note", "x"], "찾을 수 없습니다"),
    (["aclgroup", "add", BLOCKED_GROUP, "10.0.0.1", "--note", "x", "--duration", "내일"], "기간"),
    (["aclgroup", "remove", "999999", "--note", "x"], "찾을 수 없습니다"),
    (["aclgroup", "remove", "abc", "--note", "x"], "올바르지 않습니다"),
    (["aclgroup", "add", BLOCKED_GROUP], "사용법"),
    (["aclgroup", "delete", BLOCKED_GROUP], "삭제할 수 없습니다"),
])
def test_aclgroup_refusals_exit_nonzero_with_a_message(argv, message, capsys):
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err
    assert not ACLGroupItem.objects.exists() and not BlockLog.objects.exists()


def test_aclgroup_as_an_actor_follows_the_pages_rules(capsys):
    make_user("관리자만", perms=["admin"])
    assert cli.main(["aclgroup", "create", "경고", "--actor", "관리자만"]) == 2
    assert cli.main(["aclgroup", "create", "경고"]) == 0
    assert cli.main(["aclgroup", "add", "경고", "10.0.0.1", "--note", "x", "--actor", "관리자만"]) == 2
    assert cli.main(["aclgroup", "add", BLOCKED_GROUP, "10.0.0.1", "--note", "x", "--actor", "관리자만"]) == 0
    assert lines()[0].startswith("관리자만 사용자가 10.0.0.1/32")
    assert cli.main(["aclgroup", "delete", "경고"]) == 0
    assert not ACLGroup.objects.filter(name="경고").exists()


def test_batch_revert_and_login_history_from_the_command_line(capsys):
    save("문서", "좋은 글", user=make_user("편집자"))
    save("문서", "망친 글", ip="192.0.2.50")
    assert cli.main(["batch_revert", "192.0.2.50", "--note", "정리"]) == 0
    assert latest_text("문서") == "좋은 글"
    assert "되돌림\t문서" in capsys.readouterr().out
    assert cli.main(["batch_revert", "192.0.2.50"]) == 2  # no note
    make_user("대상")
    assert cli.main(["login_history", "대상"]) == 0
    assert lines()[0] == "시스템 사용자가 대상 사용자의 로그인 기록 조회"


def test_hide_revision_from_the_command_line(client, capsys):
    save("숨길 문서", "비밀")
    save("숨길 문서", "공개")
    assert cli.main(["hide_revision", "숨길 문서", "1"]) == 0
    assert client.get("/raw/%EC%88%A8%EA%B8%B8%20%EB%AC%B8%EC%84%9C?rev=1").status_code == 403
    assert cli.main(["hide_revision", "숨길 문서", "2"]) == 2  # the latest
    assert "최신 리비전" in capsys.readouterr().err
    assert cli.main(["hide_revision", "없는 문서", "1"]) == 2
    make_user("보통")
    assert cli.main(["hide_revision", "숨길 문서", "1", "--show", "--actor", "보통"]) == 2
    assert cli.main(["hide_revision", "숨길 문서", "1", "--show"]) == 0
    assert client.get("/raw/%EC%88%A8%EA%B8%B8%20%EB%AC%B8%EC%84%9C?rev=1").status_code == 200
