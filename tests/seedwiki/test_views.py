"""The document pages through Django's test client (W-tests adds the broad request-level suite)."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from seedwiki.documents.models import Document
from seedwiki.documents.services import delete_page, edit_page, get_text

pytestmark = pytest.mark.django_db

IP = "192.0.2.1"


def url(action, title, query=""):
    return f"/{action}/{quote(title, safe='/:')}" + (f"?{query}" if query else "")


def test_front_page_redirects_to_daemun(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == url("w", "대문")


def test_missing_page_is_404_and_offers_creation(client):
    response = client.get(url("w", "없는 문서"))
    assert response.status_code == 404
    body = response.content.decode()
    assert "해당 문서를 찾을 수 없습니다." in body
    assert url("edit", "없는 문서") in body


def test_page_shows_title_time_categories_and_article(client):
    edit_page("사과", "'''사과'''는 과일이다. [[배]]\n[[분류:과일]]", ip=IP)
    response = client.get(url("w", "사과"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<strong>사과</strong>" in body
    assert "최근 수정 시각" in body
    assert url("w", "분류:과일") in body


def test_invalid_title_is_400_with_reason(client):
    response = client.get("/w/a%01b")
    assert response.status_code == 400
    assert "사용할 수 없는 문자" in response.content.decode()


def test_old_revision_and_unknown_revision(client):
    edit_page("판", "첫 판", ip=IP)
    edit_page("판", "둘째 판", ip=IP)
    assert "첫 판" in client.get(url("w", "판", "rev=1")).content.decode()
    assert client.get(url("w", "판", "rev=9")).status_code == 404
    assert client.get(url("w", "판", "rev=abc")).status_code == 400


def test_redirect_sends_reader_to_target_with_from(client):
    edit_page("목적지", "== 개요 ==\n내용\n== 둘 ==\n더", ip=IP)
    edit_page("넘김", "#redirect 목적지#s-2", ip=IP)
    response = client.get(url("w", "넘김"))
    assert response.status_code == 302
    assert response["Location"] == url("w", "목적지") + "?from=" + quote("넘김") + "#s-2"
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert "넘김에서 넘어옴" in page
    assert url("w", "넘김") + "?noredirect=1" in page
    noredirect = client.get(url("w", "넘김", "noredirect=1"))
    assert noredirect.status_code == 200


def test_redirect_loop_is_not_followed(client):
    edit_page("고리 가", "#redirect 고리 나", ip=IP)
    edit_page("고리 나", "#redirect 고리 가", ip=IP)
    first = client.get(url("w", "고리 가"))
    assert first.status_code == 302
    second = client.get(first["Location"])
    assert second.status_code == 200  # the second redirect page is shown, not followed
    edit_page("자기", "#redirect 자기", ip=IP)
    assert client.get(url("w", "자기")).status_code == 200


def test_raw_is_plain_text(client):
    edit_page("원문", "<script>x</script>", ip=IP)
    response = client.get(url("raw", "원문"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == "<script>x</script>"
    assert client.get(url("raw", "없음")).status_code == 404


def test_edit_form_then_save_then_conflict(client):
    form = client.get(url("edit", "새 글"))
    assert form.status_code == 200
    assert 'name="base_rev" value="0"' in form.content.decode()
    saved = client.post(url("edit", "새 글"), {"text": "a\nb\nc\n", "summary": "처음", "base_rev": "0"})
    assert saved.status_code == 302 and saved["Location"] == url("w", "새 글")
    edit_page("새 글", "a\nTHEIRS\nc\n", ip=IP, base_rev=1)
    conflict = client.post(url("edit", "새 글"), {"text": "a\nMINE\nc\n", "base_rev": "1"})
    assert conflict.status_code == 409
    assert "MINE" in conflict.content.decode()
    assert 'name="base_rev" value="2"' in conflict.content.decode()


def test_preview_does_not_save(client):
    response = client.post(url("edit", "미리"), {"text": "'''굵게'''", "base_rev": "0", "preview": "1"})
    assert response.status_code == 200
    assert "<strong>굵게</strong>" in response.content.decode()
    assert not Document.objects.filter(title="미리").exists()


def test_section_edit_splices_back(client):
    edit_page("문단", "머리\n== 가 ==\n가 내용\n== 나 ==\n나 내용\n", ip=IP)
    form = client.get(url("edit", "문단", "section=2"))
    assert "나 내용" in form.content.decode() and "가 내용" not in form.content.decode()
    client.post(url("edit", "문단"), {"text": "== 나 ==\n새 나\n", "base_rev": "1", "section": "2"})
    document = Document.objects.get(title="문단")
    assert get_text(document.latest) == "머리\n== 가 ==\n가 내용\n== 나 ==\n새 나\n"
    assert client.get(url("edit", "문단", "section=7")).status_code == 404


def test_oversized_edit_is_refused(client, settings):
    settings.SEEDWIKI_MAX_TEXT_BYTES = 10
    response = client.post(url("edit", "큰 글"), {"text": "x" * 20, "base_rev": "0"})
    assert response.status_code == 413
    assert "너무 큽니다" in response.content.decode()


def test_post_without_csrf_is_403_in_korean():
    client = Client(enforce_csrf_checks=True)
    response = client.post(url("edit", "보안"), {"text": "x", "base_rev": "0"})
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert not Document.objects.filter(title="보안").exists()


def test_history_diff_blame(client):
    edit_page("역사", "하나\n둘\n", author_name="갑")
    edit_page("역사", "하나\n둘둘\n셋\n", author_name="을")
    history = client.get(url("history", "역사")).content.decode()
    assert "r1" in history and "r2" in history and "을" in history
    diff = client.get(url("diff", "역사", "rev=2&oldrev=1")).content.decode()
    assert "<ins>둘</ins>" in diff
    blame = client.get(url("blame", "역사")).content.decode()
    assert blame.index("갑") < blame.index("을")
    assert client.get(url("history", "없는 역사")).status_code == 404


def test_revert_move_delete_forms(client, member_login):
    edit_page("관리", "첫째", ip=IP)
    edit_page("관리", "둘째", ip=IP)
    assert client.get(url("revert", "관리", "rev=1")).status_code == 200
    assert client.post(url("revert", "관리"), {"rev": "1"}).status_code == 302
    assert get_text(Document.objects.get(title="관리").latest) == "첫째"
    moved = client.post(url("move", "관리"), {"new_title": "관리됨", "leave_redirect": "1"})
    assert moved.status_code == 302 and moved["Location"] == url("w", "관리됨")
    assert Document.objects.get(title="관리").is_redirect
    refused = client.post(url("delete", "관리됨"), {"summary": "x"})
    assert refused.status_code == 400
    assert client.post(url("delete", "관리됨"), {"summary": "x", "agree": "1"}).status_code == 302
    assert client.get(url("w", "관리됨")).status_code == 404


def test_backlinks_list_links_includes_and_redirects(client):
    edit_page("대상", "x", ip=IP)
    edit_page("링크하는 문서", "[[대상]]", ip=IP)
    edit_page("틀:포함", "[include(대상)]", ip=IP)
    edit_page("대상으로", "#redirect 대상", ip=IP)
    body = client.get(url("backlink", "대상")).content.decode()
    assert "링크하는 문서" in body and "틀:포함" in body and "대상으로" in body
    only_tl = client.get(url("backlink", "대상", "namespace=" + quote("틀"))).content.decode()
    assert "틀:포함" in only_tl and "링크하는 문서" not in only_tl


@pytest.mark.django_db(transaction=True)
def test_red_link_turns_blue_when_target_is_created(client):
    edit_page("링크 주인", "[[나중 문서]]", ip=IP)
    before = client.get(url("w", "링크 주인")).content.decode()
    edit_page("나중 문서", "생김", ip=IP)
    after = client.get(url("w", "링크 주인")).content.decode()
    assert before != after
    delete_page("나중 문서", ip=IP)
    assert client.get(url("w", "링크 주인")).content.decode() == before


@pytest.mark.django_db(transaction=True)
def test_template_edit_rerenders_includers(client):
    edit_page("틀:인사", "안녕", ip=IP)
    edit_page("인사하는 문서", "[include(틀:인사)]", ip=IP)
    assert "안녕" in client.get(url("w", "인사하는 문서")).content.decode()
    edit_page("틀:인사", "반가워", ip=IP)
    assert "반가워" in client.get(url("w", "인사하는 문서")).content.decode()


def test_category_page_lists_members_even_before_it_is_written(client):
    edit_page("사과", "[[분류:과일]]", ip=IP)
    edit_page("배", "[[분류:과일]]", ip=IP)
    missing = client.get(url("w", "분류:과일"))
    assert missing.status_code == 404
    body = missing.content.decode()
    assert url("w", "사과") in body and url("w", "배") in body
    edit_page("분류:과일", "과일 분류", ip=IP)
    written = client.get(url("w", "분류:과일")).content.decode()
    assert "과일 분류" in written and url("w", "사과") in written


def test_canonical_url_redirect(client):
    edit_page("정규", "x", ip=IP)
    response = client.get(url("w", "문서:정규"))
    assert response.status_code == 302 and response["Location"] == url("w", "정규")


def test_english_interface_through_accept_language():
    edit_page("언어", "x", ip=IP)
    body = Client(HTTP_ACCEPT_LANGUAGE="en").get(url("w", "언어")).content.decode()
    assert "Last modified" in body and "Recent changes" in body


@pytest.mark.parametrize("query", ["rev=-1", "rev=1e3", "rev=99999999999999999999999", "rev=%EF%BC%91"])
def test_malformed_revision_numbers_are_400(client, query):
    edit_page("숫자", "x", ip=IP)
    assert client.get(url("w", "숫자", query)).status_code == 400


def test_headings_link_to_their_section_editor(client):
    edit_page("편집 링크", "== 가 ==\n내용\n=== 나 ===\n더\n{{{\n== 코드 ==\n}}}\n== 다 ==\n끝", ip=IP)
    body = client.get(url("w", "편집 링크")).content.decode()
    links = [url("edit", "편집 링크", f"section={n}") for n in (1, 2, 3)]
    assert all(link in body for link in links)
    assert url("edit", "편집 링크", "section=4") not in body
    # and each link opens that section
    assert "=== 나 ===" in client.get(links[1]).content.decode()
    old = client.get(url("w", "편집 링크", "rev=1")).content.decode()
    assert "section=1" not in old


def test_pages_carry_a_content_security_policy(client):
    edit_page("보안 머리", "x", ip=IP)
    policy = client.get(url("w", "보안 머리"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "https://www.youtube.com" in policy
