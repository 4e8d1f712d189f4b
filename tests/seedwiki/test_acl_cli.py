"""`seedwiki acl`: the same services as /acl, as the system or --actor, non-zero exit on bad input."""
from __future__ import annotations

import pytest

from acl_helpers import make_user
from seedwiki import cli
from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import edit_page
from seedwiki.permissions.models import ACLRule, BlockLog

pytestmark = pytest.mark.django_db


def test_add_list_remove_as_the_system(capsys):
    edit_page("CLI 문서", "본문", ip="192.0.2.1")
    assert cli.main(["acl", "CLI 문서", "add", "edit", "perm:member", "allow", "--expire", "7d"]) == 0
    rule = ACLRule.objects.get(document__title="CLI 문서")
    assert rule.expires_at is not None
    latest = Document.objects.get(title="CLI 문서").latest
    assert latest.kind == Revision.Kind.ACL and latest.extra["acl"] == "insert,edit,allow,perm:member"
    assert latest.author_name == "system"
    capsys.readouterr()
    assert cli.main(["acl", "CLI 문서", "list"]) == 0
    assert f"edit\t1\t#{rule.pk}\tperm:member\tallow" in capsys.readouterr().out
    assert cli.main(["acl", "CLI 문서", "remove", str(rule.pk)]) == 0
    assert not ACLRule.objects.filter(document__title="CLI 문서").exists()


def test_namespace_rules(capsys):
    assert cli.main(["acl", "--namespace", "틀", "add", "move", "perm:admin", "allow"]) == 0
    assert ACLRule.objects.filter(namespace="틀", action="move", condition_value="admin").exists()
    assert BlockLog.objects.filter(type=BlockLog.Type.ACL, target="틀", actor_name="system").exists()
    capsys.readouterr()
    assert cli.main(["acl", "--namespace", "틀", "list"]) == 0
    assert "perm:admin\tallow" in capsys.readouterr().out


@pytest.mark.parametrize("argv,message", [
    (["acl", "x", "add", "edit", "perm:member", "maybe"], "allow, deny, gotons"),
    (["acl", "x", "add", "fly", "perm:member", "allow"], "알 수 없는 ACL 동작"),
    (["acl", "x", "add", "edit", "member", "allow"], "조건은"),
    (["acl", "--namespace", "문서", "add", "edit", "perm:any", "gotons"], "gotons"),
    (["acl", "--namespace", "없는공간", "list"], "알 수 없는 이름공간"),
    (["acl", "a\x01b", "list"], "사용할 수 없는 문자"),
    (["acl", "x", "remove", "99999"], "찾을 수 없습니다"),
    (["acl", "x", "add", "edit", "perm:member", "allow", "--expire", "언젠가"], "기간"),
    (["acl", "x", "add", "edit", "perm:member", "allow", "--actor", "없는사람"], "사용자를 찾을 수 없습니다"),
    (["acl", "x", "frobnicate"], "seedwiki acl"),
])
def test_bad_input_exits_non_zero_with_a_message(capsys, argv, message):
    assert cli.main(argv) != 0
    assert message in capsys.readouterr().err


def test_an_actor_is_checked_like_on_the_page(capsys):
    make_user("평회원")
    make_user("운영자", perms=["admin"])
    assert cli.main(["acl", "x", "add", "edit", "perm:member", "allow", "--actor", "평회원"]) != 0
    assert "ACL 권한이 부족합니다" in capsys.readouterr().err
    assert cli.main(["acl", "x", "add", "edit", "perm:member", "allow", "--actor", "운영자"]) == 0
    assert Document.objects.get(title="x").latest.author_name == "운영자"
