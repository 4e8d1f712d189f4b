"""Discussions (seed-behaviour §6; acceptance checks 35, 36, 38–48), request-level."""
from __future__ import annotations

import re

import pytest
from acl_helpers import make_user, set_rules
from community_helpers import comment, community_settings, login, numbers, open_thread  # noqa: F401
from pages_helpers import body, save, url, visible_text

from seedwiki.discussions.models import DiscussNotice, Thread
from seedwiki.documents.models import Document

pytestmark = pytest.mark.django_db


def test_35_creating_a_thread_gives_a_camelcase_slug_and_comment_1(client):
    save("토론 문서", "본문")
    response = client.post(url("discuss", "토론 문서"), {"topic": "첫 주제", "text": "'''굵게''' 말합니다"})
    assert response.status_code == 302
    slug = response["Location"].removeprefix("/thread/")
    assert re.fullmatch(r"[A-Z][A-Za-z]+", slug)
    thread = Thread.objects.get(slug=slug)
    assert thread.topic == "첫 주제" and numbers(thread) == [1]
    assert thread.comments.get(number=1).text == "'''굵게''' 말합니다"
    page = body(client.get(f"/thread/{slug}"))
    assert "<strong>굵게</strong>" in page  # NamuMark, rendered by the page renderer


@pytest.mark.parametrize("field, data", [("topic", {"text": "내용"}), ("text", {"topic": "주제"})])
def test_35_missing_topic_or_text_is_required_and_keeps_the_form(client, field, data):
    save("토론 문서", "본문")
    response = client.post(url("discuss", "토론 문서"), data)
    assert response.status_code == 400
    assert f"{field}의 값은 필수입니다" in body(response)
    typed = data.get("text") or data.get("topic")
    assert typed in body(response)
    assert not Thread.objects.exists()


def test_thread_on_a_missing_page_is_allowed(client):
    thread = open_thread(client, "아직 없는 문서")
    assert thread.document.latest is None and not thread.document.exists


def test_35_comments_render_namumark_safely(client):
    save("안전", "본문")
    thread = open_thread(client, "안전", text="<script>alert(1)</script> {{{#!html <b onmouseover=x>}}}")
    page = body(client.get(f"/thread/{thread.slug}"))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert not re.search(r"<[a-z]+[^>]*\sonmouseover=", page)


def test_36_create_thread_and_comment_need_their_acl_and_read(client):
    save("잠긴 토론", "본문")
    document = Document.objects.get(title="잠긴 토론")
    set_rules("create_thread", [("perm:member", "allow")], document=document)
    response = client.post(url("discuss", "잠긴 토론"), {"topic": "t", "text": "x"})
    assert response.status_code == 403 and "토론 생성 권한이 부족합니다" in body(response)
    login(client, "회원")
    thread = open_thread(client, "잠긴 토론")
    set_rules("write_thread_comment", [("perm:admin", "allow")], document=document)
    assert comment(client, thread.slug, "안 됨").status_code == 403
    set_rules("write_thread_comment", [("perm:any", "allow")], document=document)
    assert comment(client, thread.slug, "됨").status_code == 302
    set_rules("read", [("perm:admin", "allow")], namespace="문서")
    assert comment(client, thread.slug, "읽을 수 없음").status_code == 403
    assert client.get(f"/thread/{thread.slug}").status_code == 403
    assert numbers(thread) == [1, 2]


def test_comment_through_json_and_the_block_redirect(client):
    save("문서", "본문")
    thread = open_thread(client, "문서")
    response = comment(client, thread.slug, "JSON으로", HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json() == {"status": "success", "number": 2}


def test_38_pause_refuses_comments_for_everyone_and_normal_reallows(client):
    save("상태", "본문")
    login(client, "관리자", perms=["manage_thread", "admin"])
    thread = open_thread(client, "상태")
    assert client.post(f"/admin/thread/{thread.slug}/status", {"status": "pause"}).status_code == 302
    assert "스레드 상태를 pause로 변경" in visible_text(body(client.get(f"/thread/{thread.slug}")))
    assert comment(client, thread.slug, "관리자도 안 됨").status_code == 403
    client.logout()
    assert comment(client, thread.slug, "익명도 안 됨").status_code == 403
    login(client, "관리자2", perms=["manage_thread"])
    client.post(f"/admin/thread/{thread.slug}/status", {"status": "close"})
    assert comment(client, thread.slug, "닫힘").status_code == 403
    client.post(f"/admin/thread/{thread.slug}/status", {"status": "normal"})
    assert comment(client, thread.slug, "다시 열림").status_code == 302
    assert numbers(thread) == [1, 2, 3, 4, 5]
    assert client.post(f"/admin/thread/{thread.slug}/status", {"status": "normal"}).status_code == 409


def test_39_closed_threads_leave_the_open_list_paused_stay(client):
    save("목록", "본문")
    login(client, "관리자", perms=["manage_thread"])
    paused, closed = open_thread(client, "목록", "멈춘 주제"), open_thread(client, "목록", "닫힌 주제")
    client.post(f"/admin/thread/{paused.slug}/status", {"status": "pause"})
    client.post(f"/admin/thread/{closed.slug}/status", {"status": "close"})
    open_list = body(client.get(url("discuss", "목록")))
    assert "멈춘 주제" in open_list and "닫힌 주제" not in open_list
    closed_list = body(client.get(url("discuss", "목록", "state=close")))
    assert "닫힌 주제" in closed_list and "멈춘 주제" not in closed_list


def test_40_topic_change_adds_the_seed_comment_and_unchanged_is_refused(client):
    save("주제", "본문")
    login(client, "관리자", perms=["manage_thread"])
    thread = open_thread(client, "주제", "옛 주제")
    client.post(f"/admin/thread/{thread.slug}/topic", {"topic": "새 주제"})
    assert "스레드 주제를 옛 주제에서 새 주제로 변경" in visible_text(body(client.get(f"/thread/{thread.slug}")))
    assert client.post(f"/admin/thread/{thread.slug}/topic", {"topic": "새 주제"}).status_code == 409
    assert Thread.objects.get(pk=thread.pk).topic == "새 주제"


def test_41_moving_a_thread_lists_it_under_the_new_document(client):
    save("가", "본문")
    save("나", "본문")
    login(client, "관리자", perms=["manage_thread"])
    thread = open_thread(client, "가", "옮길 주제")
    assert client.post(f"/admin/thread/{thread.slug}/document", {"document": "가"}).status_code == 409
    set_rules("create_thread", [("perm:admin", "allow")], document=Document.objects.get(title="나"))
    assert client.post(f"/admin/thread/{thread.slug}/document", {"document": "나"}).status_code == 403
    set_rules("create_thread", [("perm:any", "allow")], document=Document.objects.get(title="나"))
    assert client.post(f"/admin/thread/{thread.slug}/document", {"document": "나"}).status_code == 302
    assert "스레드를 가에서 나로 이동" in visible_text(body(client.get(f"/thread/{thread.slug}")))
    assert "옮길 주제" in body(client.get(url("discuss", "나")))
    assert "옮길 주제" not in body(client.get(url("discuss", "가")))


def test_42_operator_endpoints_need_manage_thread(client):
    save("권한", "본문")
    login(client, "평범한 회원")
    thread = open_thread(client, "권한")
    for path, data in [("status", {"status": "pause"}), ("topic", {"topic": "x"}), ("document", {"document": "y"}),
                       ("1/hide", {}), ("1/show", {})]:
        assert client.post(f"/admin/thread/{thread.slug}/{path}", data).status_code == 403, path
    assert Thread.objects.get(pk=thread.pk).status == "normal"


def test_43_hidden_comment_shows_the_hider_and_refuses_raw(client):
    save("숨김", "본문")
    thread = open_thread(client, "숨김", text="비밀스러운 글")
    assert "비밀스러운 글" in body(client.get(f"/thread/{thread.slug}"))  # (now in the fragment cache)
    admin = make_user("숨기는이", perms=["manage_thread"])
    client.force_login(admin)
    assert client.post(f"/admin/thread/{thread.slug}/1/hide").status_code == 302
    assert client.get(f"/thread/{thread.slug}/1/raw").content.decode() == "비밀스러운 글"
    assert "비밀스러운 글" in body(client.get(f"/thread/{thread.slug}"))  # revealable inline
    client.logout()
    page = visible_text(body(client.get(f"/thread/{thread.slug}")))
    assert "[숨기는이에 의해 숨겨진 글입니다.]" in page and "비밀스러운 글" not in page
    assert client.get(f"/thread/{thread.slug}/1/raw").status_code == 403
    client.force_login(admin)
    client.post(f"/admin/thread/{thread.slug}/1/show")
    client.logout()
    assert "비밀스러운 글" in visible_text(body(client.get(f"/thread/{thread.slug}")))
    assert client.get(f"/thread/{thread.slug}/1/raw").status_code == 200


def test_44_deleted_thread_404s_and_leaves_every_list(client):
    save("삭제", "본문")
    login(client, "관리자", perms=["manage_thread"])
    thread = open_thread(client, "삭제", "지울 주제")
    assert client.post(f"/admin/thread/{thread.slug}/delete").status_code == 403
    login(client, "삭제자", perms=["delete_thread"])
    assert client.post(f"/admin/thread/{thread.slug}/delete").status_code == 302
    assert client.get(f"/thread/{thread.slug}").status_code == 404
    assert "지울 주제" not in body(client.get(url("discuss", "삭제")))
    assert "지울 주제" not in body(client.get("/RecentDiscuss"))
    assert "지울 주제" not in body(client.get("/contribution/관리자/discuss"))


def test_45_blocks_of_30_from_n(client):
    save("긴 토론", "본문")
    thread = open_thread(client, "긴 토론", text="댓글 1번")
    for n in range(2, 71):
        comment(client, thread.slug, f"댓글 {n}번")
    page = body(client.get(f"/thread/{thread.slug}/31"))
    shown = [int(n) for n in re.findall(r'data-number="(\d+)"', page)]
    assert shown == list(range(31, 61))
    assert [int(n) for n in re.findall(r'data-number="(\d+)"', body(client.get(f"/thread/{thread.slug}/61")))] \
        == list(range(61, 71))
    assert client.get(f"/thread/{thread.slug}/71").status_code == 404


def test_poll_returns_comments_after_n(client):
    save("폴링", "본문")
    thread = open_thread(client, "폴링")
    comment(client, thread.slug, "두 번째")
    data = client.get(f"/thread/{thread.slug}/poll?after=1").json()
    assert data["count"] == 2 and [c["number"] for c in data["comments"]] == [2]
    assert "두 번째" in data["comments"][0]["html"]


def test_46_recent_discuss_logtypes_and_unreadable_pages(client):
    save("최근", "본문")
    save("틀:비밀", "본문")
    login(client, "관리자", perms=["manage_thread"])
    first = open_thread(client, "최근", "먼저 연 주제")
    second = open_thread(client, "최근", "나중 연 주제")
    comment(client, second.slug, "갱신")
    hidden = open_thread(client, "틀:비밀", "비밀 주제")
    paused, closed = open_thread(client, "최근", "멈춘 주제"), open_thread(client, "최근", "닫은 주제")
    client.post(f"/admin/thread/{paused.slug}/status", {"status": "pause"})
    client.post(f"/admin/thread/{closed.slug}/status", {"status": "close"})
    normal = body(client.get("/RecentDiscuss"))
    assert "먼저 연 주제" in normal and "멈춘 주제" not in normal and "닫은 주제" not in normal
    assert "멈춘 주제" in body(client.get("/RecentDiscuss?logtype=pause_thread"))
    assert "닫은 주제" in body(client.get("/RecentDiscuss?logtype=closed_thread"))
    old = body(client.get("/RecentDiscuss?logtype=old_thread"))
    assert old.index("먼저 연 주제") < old.index("나중 연 주제")
    for logtype in ("open_editrequest", "accepted_editrequest", "closed_editrequest", "old_editrequest"):
        assert client.get(f"/RecentDiscuss?logtype={logtype}").status_code == 200
    set_rules("read", [("perm:admin", "allow")], namespace="틀")
    client.logout()
    assert "비밀 주제" not in body(client.get("/RecentDiscuss"))
    assert client.get(f"/thread/{hidden.slug}").status_code == 403
    assert client.get(f"/thread/{hidden.slug}/poll?after=0").status_code == 403
    assert first.slug in body(client.get("/RecentDiscuss"))


def test_47_thread_on_a_user_page_raises_the_owner_notice(client):
    owner = make_user("주인")
    open_thread(client, "사용자:주인", "사용자 토론")
    assert DiscussNotice.objects.filter(user=owner).count() == 1
    client.force_login(owner)
    page = body(client.get("/RecentChanges"))
    assert "사용자 토론이 있습니다" in page
    slug = DiscussNotice.objects.get(user=owner).thread.slug
    client.get(f"/thread/{slug}")
    assert not DiscussNotice.objects.filter(user=owner).exists()
    assert "사용자 토론이 있습니다" not in body(client.get("/RecentChanges"))


def test_48_contribution_lists_a_users_comments(client):
    save("기여", "본문")
    login(client, "기여자")
    thread = open_thread(client, "기여", "기여 주제")
    comment(client, thread.slug, "두 번째")
    page = body(client.get("/contribution/기여자/discuss"))
    assert "기여 주제" in page and f"/thread/{thread.slug}#2" in page and "#1" in page
    assert "기여 주제" not in body(client.get("/contribution/남/discuss"))


def test_english_interface(client):
    save("영어", "본문")
    login(client, "관리자", perms=["manage_thread"])
    thread = open_thread(client, "영어")
    client.post(f"/admin/thread/{thread.slug}/status", {"status": "pause"})
    page = visible_text(body(client.get(f"/thread/{thread.slug}", HTTP_ACCEPT_LANGUAGE="en")))
    assert "Thread status changed to pause" in page and "Discussion" in page
    assert "Recent discussions" in body(client.get("/RecentDiscuss", HTTP_ACCEPT_LANGUAGE="en"))


def test_write_rate_limits_answer_429_and_keep_the_text(client, settings):
    settings.SEEDWIKI_RATE_LIMITS = {"comment.ip": "2/60", "thread.ip": "1/600"}
    save("제한", "본문")
    thread = open_thread(client, "제한")
    refused = client.post(url("discuss", "제한"), {"topic": "두 번째 주제", "text": "두 번째 내용"})
    assert refused.status_code == 429 and "요청이 너무 많습니다" in body(refused)
    assert "두 번째 내용" in body(refused) and int(refused["Retry-After"]) >= 1
    assert comment(client, thread.slug, "하나").status_code == 302
    assert comment(client, thread.slug, "둘").status_code == 302
    limited = comment(client, thread.slug, "셋은 너무 많음")
    assert limited.status_code == 429 and "셋은 너무 많음" in body(limited)
    assert comment(client, thread.slug, "JSON", HTTP_ACCEPT="application/json").status_code == 429
    assert numbers(thread) == [1, 2, 3]


def test_refused_comment_keeps_the_typed_text(client):
    save("멈춤", "본문")
    login(client, "관리자", perms=["manage_thread"])
    thread = open_thread(client, "멈춤")
    client.post(f"/admin/thread/{thread.slug}/status", {"status": "pause"})
    refused = comment(client, thread.slug, "지키고 싶은 글")
    assert refused.status_code == 403 and "토론이 열려 있지 않습니다" in body(refused)
    assert "지키고 싶은 글" in body(refused)
