"""The default ACL (seed-behaviour §2.5, check 1), superusers, and the edit → edit-request redirect (check 22)."""
from __future__ import annotations

import json

import pytest

from acl_helpers import make_user, set_rules
from pages_helpers import save, url
from seedwiki import cli
from seedwiki.permissions.decide import can
from seedwiki.permissions.defaults import install_defaults
from seedwiki.permissions.models import ACLRule
from seedwiki.permissions.subject import Place, Subject
from seedwiki.titles import namespaces

pytestmark = pytest.mark.django_db


def listed(namespace, action):
    return [(f"{r.condition_type}:{r.condition_value}", r.result)
            for r in ACLRule.objects.filter(document__isnull=True, namespace=namespace, action=action)
            .order_by("position")]


def test_every_namespace_has_the_default_lists():
    assert cli.main(["init"]) == 0
    for namespace in namespaces():
        assert listed(namespace, "read") == [("perm:any", "allow")]
        assert listed(namespace, "acl") == [("perm:admin", "allow")]
        assert listed(namespace, "edit_request") == [("aclgroup:차단된 사용자", "deny"), ("perm:any", "allow")]
    assert listed("문서", "move") == [("aclgroup:차단된 사용자", "deny"), ("perm:member", "allow")]
    assert listed("사용자", "delete") == [("aclgroup:차단된 사용자", "deny"),
                                        ("perm:match_username_and_document_title", "allow"),
                                        ("perm:admin", "allow")]


def test_defaults_are_given_once_so_an_emptied_list_stays_empty():
    set_rules("move", [], namespace="문서")
    assert install_defaults() == []
    assert listed("문서", "move") == []


def test_a_new_namespace_takes_the_configured_defaults(settings, tmp_path):
    config = tmp_path / "acl.json"
    config.write_text(json.dumps({"*": {"read": [["perm:member", "allow"]]}}), encoding="utf-8")
    settings.SEEDWIKI_DEFAULT_ACL = str(config)
    settings.SITE_NAME = "새위키"
    assert install_defaults() == ["새위키"]
    assert listed("새위키", "read") == [("perm:member", "allow")]
    assert not can(Subject(ip="192.0.2.1"), "read", Place("새위키", "대문")).allowed


def test_a_superuser_holds_every_permission(django_user_model):
    root = django_user_model.objects.create_superuser("root", password=None)
    subject = Subject.for_user(root)
    assert subject.holds("nsacl") and subject.holds("grant") and subject.holds("developer")
    assert can(subject, "acl", Place("문서", "대문")).allowed


@pytest.mark.urls("edit_request_urls")
def test_22_edit_denied_but_edit_request_allowed_goes_to_the_edit_request_form(client):
    save("요청 문서", "x", ip="192.0.2.1")
    set_rules("edit", [("perm:admin", "allow")], namespace="문서")
    response = client.get(url("edit", "요청 문서"))
    assert response.status_code == 302
    assert response["Location"] == url("new_edit_request", "요청 문서", "redirected=1")
    set_rules("edit_request", [("perm:member", "allow")], namespace="문서")
    assert client.get(url("edit", "요청 문서")).status_code == 403
    client.force_login(make_user("관리", perms=["admin"]))
    assert client.get(url("edit", "요청 문서")).status_code == 200
