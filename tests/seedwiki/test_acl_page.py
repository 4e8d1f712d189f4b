"""/acl/<title> and the ACL services: acceptance checks 7, 12, 13 (seed-behaviour §14), order, expiry,
refusals that keep what was typed."""
from __future__ import annotations

import pytest

from acl_helpers import make_user, set_rules
from pages_helpers import body, save, url
from seedwiki.documents.models import Document, Revision
from seedwiki.permissions.models import ACLRule, BlockLog

pytestmark = pytest.mark.django_db


def add(client, title="문서 가", *, scope="document", action="edit", kind="perm", value="member", result="allow",
        duration=""):
    return client.post(url("acl", title), {"op": "add", "scope": scope, "action": action, "condition_type": kind,
                                           "condition_value": value, "result": result, "duration": duration})


def rules(document, action="edit"):
    return [(r.condition, r.result) for r in ACLRule.objects.filter(document=document, action=action)
            .order_by("position")]


@pytest.fixture
def admin(client):
    client.force_login(make_user("관리자", perms=["admin"]))
    return client


@pytest.fixture
def nsacl(client):
    client.force_login(make_user("이름공간 관리자", perms=["nsacl"]))
    return client


def test_the_page_shows_both_lists_to_everyone(client):
    save("문서 가", "x", ip="192.0.2.1")
    html = body(client.get(url("acl", "문서 가")))
    assert "문서 ACL" in html and "이름공간 ACL (문서)" in html
    assert "규칙이 존재하지 않습니다. 이름공간 ACL이 적용됩니다." in html
    assert "aclgroup:차단된 사용자" in html and "perm:any" in html
    assert 'name="op" value="add"' not in html  # an anonymous reader may not change anything


def test_07_gotons_is_refused_in_a_namespace_list(nsacl):
    response = add(nsacl, scope="namespace", kind="perm", value="member", result="gotons")
    assert response.status_code == 400 and "gotons" in body(response)
    assert not ACLRule.objects.filter(document__isnull=True, result="gotons").exists()


def test_12_nsacl_passes_the_document_acl_list(nsacl):
    save("문서 가", "x", ip="192.0.2.1")
    document = Document.objects.get(title="문서 가")
    set_rules("acl", [("perm:any", "deny")], document=document)
    assert add(nsacl).status_code == 302
    assert add(nsacl, action="acl", value="admin").status_code == 302
    assert rules(document) == [("perm:member", "allow")]


def test_12_acl_holders_without_nsacl_edit_rules_but_not_acl_rules_nor_namespaces(admin):
    save("문서 가", "x", ip="192.0.2.1")
    assert add(admin).status_code == 302
    refused = add(admin, action="acl", value="member")
    assert refused.status_code == 403 and "nsacl 권한이 필요합니다" in body(refused)
    refused = add(admin, scope="namespace", action="edit", value="member")
    assert refused.status_code == 403 and "이름공간 ACL 수정은 nsacl 권한이 필요합니다" in body(refused)
    assert not ACLRule.objects.filter(action="acl", document__isnull=False).exists()


def test_13_changes_are_written_to_the_document_history_and_recent_changes(admin):
    save("문서 가", "본문", ip="192.0.2.1")
    assert add(admin).status_code == 302
    document = Document.objects.get(title="문서 가")
    logged = document.revisions.order_by("-number").first()
    assert logged.kind == Revision.Kind.ACL and logged.extra["acl"] == "insert,edit,allow,perm:member"
    assert logged.size_delta == 0 and logged.blob_id == document.revisions.get(number=1).blob_id
    rule = ACLRule.objects.get(document=document)
    assert admin.post(url("acl", "문서 가"), {"op": "remove", "scope": "document", "rule": rule.pk}).status_code == 302
    assert document.revisions.order_by("-number").first().extra["acl"] == "delete,edit,allow,perm:member"
    history = body(admin.get(url("history", "문서 가")))
    assert "insert,edit,allow,perm:member으로 ACL 변경" in history
    recent = body(admin.get("/RecentChanges"))
    assert "insert,edit,allow,perm:member" in recent and "delete,edit,allow,perm:member" in recent
    assert body(admin.get(url("raw", "문서 가"))) == "본문"


def test_namespace_changes_go_to_the_audit_log(nsacl):
    assert add(nsacl, scope="namespace", action="edit", value="member").status_code == 302
    entry = BlockLog.objects.get(type=BlockLog.Type.ACL)
    assert entry.target == "문서" and entry.note == "insert,edit,allow,perm:member"


def test_an_acl_on_a_missing_title_keeps_it_missing(admin):
    assert add(admin, "없는 문서", value="admin").status_code == 302
    document = Document.objects.get(title="없는 문서")
    assert not document.exists and rules(document) == [("perm:admin", "allow")]
    assert admin.get(url("w", "없는 문서")).status_code == 404


def test_order_can_be_changed(admin):
    save("문서 가", "x", ip="192.0.2.1")
    add(admin, value="member", result="allow")
    add(admin, value="any", result="deny")
    document = Document.objects.get(title="문서 가")
    last = ACLRule.objects.get(document=document, condition_value="any")
    assert admin.post(url("acl", "문서 가"), {"op": "up", "scope": "document", "rule": last.pk}).status_code == 302
    assert rules(document) == [("perm:any", "deny"), ("perm:member", "allow")]


def test_expiry_and_bad_input_are_reported_and_kept(admin, settings):
    save("문서 가", "x", ip="192.0.2.1")
    assert add(admin, value="member", duration="7d").status_code == 302
    assert ACLRule.objects.get(document__title="문서 가").expires_at is not None
    for value, kind, message in (("nobody-here", "user", "사용자 이름이 올바르지 않습니다"),
                                 ("300.1.1.1", "ip", "IP 주소 또는 CIDR"),
                                 ("없는그룹", "aclgroup", "ACL 그룹이 존재하지 않습니다"),
                                 ("KR", "geoip", "GeoIP 데이터베이스가 설정되지 않아"),
                                 ("kr", "geoip", "대문자 두 글자"),
                                 ("superpower", "perm", "알 수 없는 권한")):
        response = add(admin, kind=kind, value=value)
        assert response.status_code == 400 and message in body(response), (kind, value)
        assert f'value="{value}"' in body(response)  # what was typed stays in the form
    assert add(admin, value="member", duration="soon").status_code == 400
    assert add(admin, value="member").status_code == 409  # the same condition twice


def test_ip_conditions_take_an_address_or_a_range(admin):
    save("문서 가", "x", ip="192.0.2.1")
    assert add(admin, kind="ip", value="10.1.2.3", result="deny").status_code == 302
    assert add(admin, kind="ip", value="2001:db8::/32", result="deny").status_code == 302
    document = Document.objects.get(title="문서 가")
    assert rules(document) == [("ip:10.1.2.3", "deny"), ("ip:2001:db8::/32", "deny")]
    admin.logout()
    response = admin.post(url("edit", "문서 가"), {"text": "y", "base_rev": "3"}, REMOTE_ADDR="2001:db8::5")
    assert response.status_code == 403 and "ip:2001:db8::/32이기 때문에" in body(response)


def test_a_too_long_condition_is_refused(admin):
    response = add(admin, kind="user", value="x" * 300)
    assert response.status_code == 400 and "조건 값이 너무 깁니다" in body(response)


def test_restoring_a_deleted_page_after_an_acl_change_brings_its_text_back(admin):
    from seedwiki.documents.services import delete_page, restore_page

    save("지웠다 살릴 문서", "살아날 내용", ip="192.0.2.1")
    delete_page("지웠다 살릴 문서", ip="192.0.2.1")
    assert add(admin, "지웠다 살릴 문서").status_code == 302
    restore_page("지웠다 살릴 문서", ip="192.0.2.1")
    assert body(admin.get(url("raw", "지웠다 살릴 문서"))) == "살아날 내용"
