"""The seed's HTTP API (seed-behaviour §9; acceptance checks 60–65), Bearer tokens, the OpenAPI
description, per-token rate limits and `seedwiki apitoken`."""
from __future__ import annotations

import json

import pytest
from acl_helpers import make_user, set_rules
from community_helpers import community_settings, login, open_thread  # noqa: F401
from pages_helpers import body, latest_text, save

from seedwiki.api.models import ApiToken
from seedwiki.api.tokens import issue_token
from seedwiki.documents.models import Document

pytestmark = pytest.mark.django_db

DENIED = {"status": "권한이 부족합니다."}


@pytest.fixture
def bot():
    user = make_user("봇", perms=["api_access"])
    return user, {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user)}"}


def api_get(client, path, auth, **extra):
    return client.get(path, **auth, **extra)


def api_post(client, path, auth, data):
    return client.post(path, json.dumps(data), content_type="application/json", **auth)


@pytest.mark.parametrize("path", ["/api/edit/문서", "/api/backlink/문서", "/api/discuss/문서", "/api/raw/문서"])
def test_60_without_a_valid_token_every_endpoint_refuses(client, path):
    save("문서", "본문")
    assert client.get(path).status_code == 403 and client.get(path).json() == DENIED
    bad = client.get(path, HTTP_AUTHORIZATION="Bearer not-a-token")
    assert bad.status_code == 403 and bad.json() == DENIED
    plain = make_user("권한없음")
    no_access = client.get(path, HTTP_AUTHORIZATION=f"Bearer {issue_token(plain)}")
    assert no_access.status_code == 403 and no_access.json() == DENIED


def test_60_a_browser_session_is_not_an_api_credential(client):
    save("문서", "본문")
    login(client, "세션", perms=["api_access"])
    assert client.get("/api/edit/문서").json() == DENIED


def test_61_get_edit_existing_missing_and_protected(client, bot):
    _user, auth = bot
    save("있는 문서", "본문")
    data = api_get(client, "/api/edit/있는 문서", auth).json()
    assert data["text"] == "본문" and data["exists"] is True and data["token"]
    data = api_get(client, "/api/edit/없는 문서", auth).json()
    assert data["text"] == "" and data["exists"] is False and data["token"]
    set_rules("edit", [("perm:admin", "allow")], document=Document.objects.get(title="있는 문서"))
    refused = api_get(client, "/api/edit/있는 문서", auth)
    assert refused.status_code == 403 and "편집 권한이 부족합니다" in refused.json()["status"]
    bad = api_get(client, "/api/edit/" + "가" * 300, auth)
    assert bad.status_code == 400 and bad.json() == {"status": "문서 이름이 올바르지 않습니다."}


def test_62_post_edit_saves_as_the_token_user_flagged_api_and_tokens_are_single_use(client, bot):
    user, auth = bot
    save("편집 문서", "본문")
    token = api_get(client, "/api/edit/편집 문서", auth).json()["token"]
    response = api_post(client, "/api/edit/편집 문서", auth, {"text": "새 본문", "log": "봇 편집", "token": token})
    assert response.status_code == 200 and response.json() == {"status": "success", "rev": 2}
    revision = Document.objects.get(title="편집 문서").latest
    assert revision.user == user and revision.summary == "봇 편집" and revision.extra.get("api") is True
    assert '<span class="sw-kind">(API)</span>' in client.get("/history/편집 문서").content.decode()
    again = api_post(client, "/api/edit/편집 문서", auth, {"text": "또", "log": "", "token": token})
    assert again.status_code == 400 and again.json() == {"status": "invalid_token"}


@pytest.mark.parametrize("missing, message", [("text", "본문의 값은 필수입니다."), ("log", "요약의 값은 필수입니다."),
                                               ("token", "token의 값은 필수입니다.")])
def test_62_required_fields(client, bot, missing, message):
    _user, auth = bot
    save("문서", "본문")
    data = {"text": "x", "log": "y", "token": api_get(client, "/api/edit/문서", auth).json()["token"]}
    del data[missing]
    response = api_post(client, "/api/edit/문서", auth, data)
    assert response.status_code == 400 and response.json() == {"status": message}


def test_62_form_bodies_work_too_and_unchanged_text_is_refused(client, bot):
    _user, auth = bot
    save("문서", "본문")
    token = api_get(client, "/api/edit/문서", auth).json()["token"]
    response = client.post("/api/edit/문서", {"text": "본문", "log": "", "token": token}, **auth)
    assert response.status_code == 400 and response.json() == {"status": "문서 내용이 같습니다."}


def test_63_conflicting_posts_get_the_seeds_message_disjoint_ones_merge(client, bot):
    _user, auth = bot
    save("충돌", "첫 줄\n가운데\n끝 줄")
    first, second = (api_get(client, "/api/edit/충돌", auth).json()["token"] for _ in range(2))
    assert api_post(client, "/api/edit/충돌", auth, {"text": "첫 줄 A\n가운데\n끝 줄", "log": "", "token": first}).json() \
        == {"status": "success", "rev": 2}
    clash = api_post(client, "/api/edit/충돌", auth, {"text": "첫 줄 B\n가운데\n끝 줄", "log": "", "token": second})
    assert clash.status_code == 409 and clash.json() == {"status": "편집 도중에 다른 사용자가 먼저 편집을 했습니다."}
    third, fourth = (api_get(client, "/api/edit/충돌", auth).json()["token"] for _ in range(2))
    api_post(client, "/api/edit/충돌", auth, {"text": "첫 줄 A\n가운데\n끝 줄 C", "log": "", "token": third})
    merged = api_post(client, "/api/edit/충돌", auth, {"text": "첫 줄 D\n가운데\n끝 줄", "log": "", "token": fourth})
    assert merged.json() == {"status": "success", "rev": 4}
    assert latest_text("충돌") == "첫 줄 D\n가운데\n끝 줄 C"


def test_64_backlinks_shape_and_flag_filter(client, bot):
    _user, auth = bot
    save("대상", "본문")
    save("링크하는 문서", "[[대상]]")
    save("틀:포함하는 틀", "[include(대상)]")
    save("넘겨주기 문서", "#redirect 대상")
    data = api_get(client, "/api/backlink/대상", auth).json()
    assert set(data) == {"namespaces", "backlinks", "from", "until"}
    assert {"namespace": "문서", "count": 2} in data["namespaces"]
    assert {"namespace": "틀", "count": 1} in data["namespaces"]
    flags = {row["document"]: row["flags"] for row in data["backlinks"]}
    assert flags["링크하는 문서"] == "link" and flags["틀:포함하는 틀"] == "include"
    assert "redirect" in flags["넘겨주기 문서"].split(",")  # (the link table also records its link)
    assert data["from"] is None and data["until"] is None
    only_includes = api_get(client, "/api/backlink/대상?flag=4", auth).json()["backlinks"]
    assert only_includes == [{"document": "틀:포함하는 틀", "flags": "include"}]
    redirects = api_get(client, "/api/backlink/대상?flag=8", auth).json()["backlinks"]
    assert [row["document"] for row in redirects] == ["넘겨주기 문서"]
    assert api_get(client, "/api/backlink/대상?flag=x", auth).status_code == 400


def test_65_discuss_lists_open_threads_and_closed_ones_on_request(client, bot):
    _user, auth = bot
    save("토론 문서", "본문")
    login(client, "관리자", perms=["manage_thread"])
    open_one, closed_one = open_thread(client, "토론 문서", "열린 주제"), open_thread(client, "토론 문서", "닫힌 주제")
    client.post(f"/admin/thread/{closed_one.slug}/status", {"status": "close"})
    client.logout()
    rows = api_get(client, "/api/discuss/토론 문서", auth).json()
    assert [(r["slug"], r["topic"], r["status"]) for r in rows] == [(open_one.slug, "열린 주제", "normal")]
    assert isinstance(rows[0]["updated_date"], int)
    closed = api_get(client, "/api/discuss/토론 문서?state=close", auth).json()
    assert [r["slug"] for r in closed] == [closed_one.slug]


def test_raw_latest_and_by_revision(client, bot):
    _user, auth = bot
    save("원문", "하나")
    save("원문", "둘")
    assert api_get(client, "/api/raw/원문", auth).json()["content"] == "둘"
    assert api_get(client, "/api/raw/원문?rev=1", auth).json() == {"content": "하나", "rev": 1, "document": "원문"}
    assert api_get(client, "/api/raw/원문?rev=9", auth).status_code == 404
    assert api_get(client, "/api/raw/없음", auth).status_code == 404
    set_rules("read", [("perm:admin", "allow")], namespace="문서")
    assert api_get(client, "/api/raw/원문", auth).status_code == 403


def test_per_token_rate_limit(client, bot, settings):
    settings.SEEDWIKI_RATE_LIMITS = {"api.token": "3/60"}
    _user, auth = bot
    save("문서", "본문")
    codes = [api_get(client, "/api/raw/문서", auth).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    limited = api_get(client, "/api/raw/문서", auth)
    assert "요청이 너무 많습니다" in limited.json()["status"] and int(limited["Retry-After"]) >= 1
    other = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(make_user('다른 봇', perms=['api_access']))}"}
    assert api_get(client, "/api/raw/문서", other).status_code == 200


def test_openapi_description_is_served_and_valid(client):
    from openapi_spec_validator import validate

    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    spec = response.json()
    validate(spec)
    assert {"/api/edit/{title}", "/api/backlink/{title}", "/api/discuss/{title}", "/api/raw/{title}"} <= set(spec["paths"])


def test_tokens_from_mypage_need_the_password_and_api_access(client):
    login(client, "일반")
    assert "api_access 권한이 있는 계정만" in body(client.get("/member/mypage"))
    user = login(client, "토큰 주인", perms=["api_access"])
    wrong = client.post("/member/api_token", {"password": "틀림", "action": "generate"})
    assert wrong.status_code == 302 and not ApiToken.objects.filter(user=user).exists()
    page = body(client.post("/member/api_token", {"password": "pw-토큰 주인-12345", "action": "generate"}))
    import re

    token = re.search(r'<code class="api-token">([^<]+)</code>', page).group(1)
    save("문서", "본문")
    assert client.get("/api/raw/문서", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    client.post("/member/api_token", {"password": "pw-토큰 주인-12345", "action": "revoke"})
    assert client.get("/api/raw/문서", HTTP_AUTHORIZATION=f"Bearer {token}").json() == DENIED


def test_cli_apitoken_prints_and_revokes(client, capsys):
    from seedwiki.cli import main

    make_user("cli 봇", perms=["api_access"])
    save("문서", "본문")
    assert main(["apitoken", "cli 봇"]) == 0
    token = capsys.readouterr().out.strip()
    assert client.get("/api/raw/문서", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert main(["apitoken", "cli 봇", "--revoke"]) == 0
    assert client.get("/api/raw/문서", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 403
    assert main(["apitoken", "없는 사람"]) == 1


def test_66_aclgroup_add_duplicate_list_and_delete(client, bot):
    from seedwiki.permissions.models import ACLGroup, ACLGroupItem

    user, auth = bot
    ACLGroup.objects.create(name="테스트그룹")
    item = {"group": "테스트그룹", "mode": "ip", "ip": "198.51.100.7", "note": "봇 차단", "expire": 0}
    refused = api_post(client, "/api/v0/aclgroup", auth, item)
    assert refused.status_code == 403 and "aclgroup 권한이 부족합니다" in refused.json()["status"]
    from seedwiki.permissions.models import UserPermission

    UserPermission.objects.create(user=user, name="aclgroup")
    added = api_post(client, "/api/v0/aclgroup", auth, item)
    assert added.status_code == 200 and set(added.json()) == {"id"}
    item_id = added.json()["id"]
    again = api_post(client, "/api/v0/aclgroup", auth, item)
    assert again.status_code == 409 and again.json() == {"status": "aclgroup_already_exists"}
    listing = api_get(client, "/api/v0/aclgroup?group=테스트그룹", auth).json()
    assert listing["group"] == "테스트그룹" and "테스트그룹" in listing["groups"]
    assert listing["aclgroup"][0]["id"] == item_id and listing["aclgroup"][0]["ip"] == "198.51.100.7/32"
    assert listing["aclgroup"][0]["expired"] is None and isinstance(listing["aclgroup"][0]["created"], int)
    gone = client.delete("/api/v0/aclgroup", json.dumps({"group": "테스트그룹", "id": item_id, "note": "해제"}),
                         content_type="application/json", **auth)
    assert gone.status_code == 200 and not ACLGroupItem.objects.filter(pk=item_id).exists()
    blocked = api_post(client, "/api/v0/aclgroup", auth, {**item, "group": "차단된 사용자"})
    assert blocked.status_code in (403, 404)  # the blocked-users group needs admin, as on the web page


def test_api_messages_stay_korean_for_seed_clients(client):
    response = client.get("/api/raw/문서", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == DENIED
