"""Edit requests (seed-behaviour §7; acceptance checks 49–56), request-level."""
from __future__ import annotations

import pytest
from acl_helpers import set_rules
from community_helpers import community_settings, login  # noqa: F401
from pages_helpers import body, latest_text, save, url, visible_text

from seedwiki.documents.models import Document, Revision
from seedwiki.editrequests.models import EditRequest

pytestmark = pytest.mark.django_db

BASE = "첫 줄\n가운데\n끝 줄"


def request_edit(client, title, text, log="요약", base_rev=None):
    data = {"text": text, "log": log}
    if base_rev is not None:
        data["base_rev"] = base_rev
    return client.post(url("new_edit_request", title), data)


def open_request(client, title, text, **kwargs) -> EditRequest:
    response = request_edit(client, title, text, **kwargs)
    assert response.status_code == 302, body(response)[:400]
    return EditRequest.objects.get(slug=response["Location"].rsplit("/", 1)[1])


def lock_editing(title):
    set_rules("edit", [("perm:admin", "allow")], document=Document.objects.get(title=title))


def test_49_missing_document_is_refused(client):
    response = client.get(url("new_edit_request", "없는 문서"))
    assert response.status_code == 404 and "문서를 찾을 수 없습니다" in body(response)
    assert request_edit(client, "없는 문서", "내용").status_code == 404


def test_49_unchanged_text_is_refused_and_the_form_keeps_the_summary(client):
    save("요청", BASE)
    response = request_edit(client, "요청", BASE, log="내 요약")
    assert response.status_code == 400 and "문서 내용이 같습니다" in body(response) and "내 요약" in body(response)


def test_50_one_open_request_per_user_and_document(client):
    save("요청", BASE)
    login(client, "요청자")
    open_request(client, "요청", BASE + "\n추가")
    second = request_edit(client, "요청", BASE + "\n또 추가")
    assert second.status_code == 409 and "이미 해당 문서에 편집요청이 존재합니다" in body(second)
    login(client, "다른 요청자")
    open_request(client, "요청", BASE + "\n다른 추가")
    assert EditRequest.objects.filter(status="open").count() == 2


def test_51_only_the_requester_edits_and_only_while_open(client):
    save("요청", BASE)
    requester = login(client, "요청자")
    edit_request = open_request(client, "요청", BASE + "\n추가")
    response = client.post(f"/edit_request/{edit_request.slug}/edit", {"text": BASE + "\n고침", "log": "고침"})
    assert response.status_code == 302
    assert EditRequest.objects.get(pk=edit_request.pk).content == BASE + "\n고침"
    login(client, "남", perms=["admin", "manage_thread"])
    response = client.post(f"/edit_request/{edit_request.slug}/edit", {"text": BASE + "\n남이", "log": ""})
    assert response.status_code == 403 and "자신의 편집 요청만 수정할 수 있습니다." in body(response)
    client.post(f"/edit_request/{edit_request.slug}/close", {"close_reason": "그만"})
    client.force_login(requester)
    response = client.post(f"/edit_request/{edit_request.slug}/edit", {"text": BASE + "\n늦음", "log": ""})
    assert response.status_code == 409


def test_52_accept_needs_edit(client):
    save("보호", BASE)
    lock_editing("보호")
    login(client, "요청자")
    edit_request = open_request(client, "보호", BASE + "\n추가")
    assert client.post(f"/edit_request/{edit_request.slug}/accept").status_code == 403
    assert EditRequest.objects.get(pk=edit_request.pk).status == "open"


def test_53_accepting_credits_the_requester_with_the_summary(client):
    save("보호", BASE)
    lock_editing("보호")
    requester = login(client, "요청자")
    edit_request = open_request(client, "보호", BASE + "\n추가", log="한 줄 추가")
    login(client, "승인자", perms=["admin"])
    assert client.post(f"/edit_request/{edit_request.slug}/accept").status_code == 302
    revision = Revision.objects.filter(document__title="보호").order_by("-number").first()
    assert revision.user == requester and revision.author_name == "요청자" and revision.summary == "한 줄 추가"
    assert revision.extra["edit_request"] == edit_request.slug and revision.extra["accepted_by"] == "승인자"
    edit_request.refresh_from_db()
    assert edit_request.status == "accepted" and edit_request.accepted_rev == revision.number == 2
    assert latest_text("보호") == BASE + "\n추가"
    assert "r2" in visible_text(body(client.get(f"/edit_request/{edit_request.slug}")))
    assert f'href="/edit_request/{edit_request.slug}">(편집 요청)</a>' in body(client.get(url("history", "보호")))
    assert client.post(f"/edit_request/{edit_request.slug}/accept").status_code == 409


def test_54_non_overlapping_changes_merge_overlapping_conflict_until_rebased(client):
    save("병합", BASE)
    login(client, "요청자")
    merging = open_request(client, "병합", "첫 줄 (요청)\n가운데\n끝 줄")
    save("병합", "첫 줄\n가운데\n끝 줄 (다른 편집)")
    login(client, "승인자", perms=["admin"])
    assert client.post(f"/edit_request/{merging.slug}/accept").status_code == 302
    assert latest_text("병합") == "첫 줄 (요청)\n가운데\n끝 줄 (다른 편집)"

    requester = login(client, "충돌 요청자")
    clashing = open_request(client, "병합", "첫 줄 (충돌)\n가운데\n끝 줄 (다른 편집)")
    save("병합", "첫 줄 (먼저)\n가운데\n끝 줄 (다른 편집)")
    page = body(client.get(f"/edit_request/{clashing.slug}"))
    assert "충돌된 상태" in page
    login(client, "승인자2", perms=["admin"])
    refused = client.post(f"/edit_request/{clashing.slug}/accept")
    assert refused.status_code == 409 and "이 편집 요청은 충돌된 상태입니다. 요청자가 수정해야 합니다." in body(refused)
    client.force_login(requester)
    current = Document.objects.get(title="병합").latest.number
    client.post(f"/edit_request/{clashing.slug}/edit",
                {"text": "첫 줄 (먼저, 충돌)\n가운데\n끝 줄 (다른 편집)", "log": "다시", "base_rev": current})
    login(client, "승인자3", perms=["admin"])
    assert client.post(f"/edit_request/{clashing.slug}/accept").status_code == 302
    assert latest_text("병합").startswith("첫 줄 (먼저, 충돌)")


def test_55_close_by_requester_or_editor_not_by_a_third_party(client):
    save("닫기", BASE)
    lock_editing("닫기")
    login(client, "요청자")
    mine = open_request(client, "닫기", BASE + "\n내 것")
    login(client, "구경꾼")
    assert client.post(f"/edit_request/{mine.slug}/close", {"close_reason": "x"}).status_code == 403
    other = open_request(client, "닫기", BASE + "\n구경꾼 것")
    client.post(f"/edit_request/{other.slug}/close", {"close_reason": "스스로 닫음"})
    login(client, "편집자", perms=["admin"])
    client.post(f"/edit_request/{mine.slug}/close", {"close_reason": "중복"})
    mine.refresh_from_db()
    assert mine.status == "closed" and mine.close_reason == "중복"
    assert EditRequest.objects.get(pk=other.pk).status == "closed"
    closed = body(client.get(url("discuss", "닫기", "state=closed_edit_requests")))
    assert mine.slug in closed and other.slug in closed
    assert mine.slug in body(client.get("/RecentDiscuss?logtype=closed_editrequest"))
    assert mine.slug not in body(client.get("/RecentDiscuss?logtype=open_editrequest"))


def test_56_open_and_accepted_requests_are_listed(client):
    save("목록", BASE)
    login(client, "요청자")
    first = open_request(client, "목록", BASE + "\n하나")
    assert first.slug in body(client.get(url("discuss", "목록")))
    assert first.slug in body(client.get("/RecentDiscuss?logtype=open_editrequest"))
    assert first.slug in body(client.get("/RecentDiscuss?logtype=old_editrequest"))
    assert first.slug in body(client.get("/contribution/요청자/edit_request"))
    login(client, "승인자", perms=["admin"])
    client.post(f"/edit_request/{first.slug}/accept")
    assert first.slug in body(client.get("/RecentDiscuss?logtype=accepted_editrequest"))
    assert first.slug not in body(client.get(url("discuss", "목록")))


def test_edit_redirects_to_the_request_form_with_the_seeds_notice(client):
    save("보호", BASE)
    lock_editing("보호")
    response = client.get(url("edit", "보호"))
    assert response.status_code == 302 and response["Location"].endswith("?redirected=1")
    page = body(client.get(response["Location"]))
    assert "문서를 편집할 권한이 없기 때문에 편집 요청으로 이동되었습니다." in page
    assert "편집 권한이 부족합니다" in page


def test_anonymous_request_accepted_by_admin_credits_the_ip(client):
    save("익명", BASE)
    edit_request = open_request(client, "익명", BASE + "\n익명 추가", log="익명 요약")
    login(client, "관리자", perms=["admin"])
    client.post(f"/edit_request/{edit_request.slug}/accept")
    revision = Document.objects.get(title="익명").latest
    assert revision.user is None and revision.ip == "127.0.0.1" and revision.author_name == "127.0.0.1"
    assert "익명 요약" in body(client.get(url("history", "익명")))


def test_requests_refused_by_the_edit_request_acl(client):
    save("요청 금지", BASE)
    set_rules("edit_request", [("perm:admin", "allow")], document=Document.objects.get(title="요청 금지"))
    response = request_edit(client, "요청 금지", BASE + "\n추가")
    assert response.status_code == 403 and "편집요청 권한이 부족합니다" in body(response)


def test_edit_request_rate_limit(client, settings):
    settings.SEEDWIKI_RATE_LIMITS = {"edit_request.ip": "1/600"}
    save("가", BASE)
    save("나", BASE)
    open_request(client, "가", BASE + "\n추가")
    refused = request_edit(client, "나", BASE + "\n너무 많음")
    assert refused.status_code == 429 and "너무 많음" in body(refused)
