"""Request level: /edit — the form, saving, merging, conflicts, previews, sections and every refusal."""
from __future__ import annotations

import re

import pytest
from django.test import Client

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import delete_page

from pages_helpers import IP, article_of, body, latest_text, save, url

pytestmark = [pytest.mark.django_db, pytest.mark.storage]


def base_rev_in(html: str) -> int:
    return int(re.search(r'name="base_rev" value="(\d+)"', html).group(1))


def post_edit(client, title, text, base_rev, **extra):
    return client.post(url("edit", title), {"text": text, "base_rev": str(base_rev), **extra})


# --- the form ----------------------------------------------------------------------------------

def test_form_for_a_new_page(client):
    response = client.get(url("edit", "아직 없음"))
    assert response.status_code == 200
    html = body(response)
    assert "새 문서" in html
    assert base_rev_in(html) == 0
    assert re.search(r"<textarea[^>]*>\s*</textarea>", html)


def test_form_for_an_existing_page_holds_its_escaped_source(client):
    save("소스", "== 제목 ==\n<b>태그처럼 보이는 글</b> & 기호")
    save("소스", "== 제목 ==\n<b>태그처럼 보이는 글</b> & 기호\n둘째 판")
    html = body(client.get(url("edit", "소스")))
    assert base_rev_in(html) == 2
    assert "&lt;b&gt;태그처럼 보이는 글&lt;/b&gt; &amp; 기호" in html
    assert "<b>태그처럼" not in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_form_of_a_missing_section_of_a_missing_page(client):
    assert client.get(url("edit", "없는 문단의 문서", "section=1")).status_code == 404


# --- saving ------------------------------------------------------------------------------------

def test_post_creates_the_page_as_r1_by_the_readers_address(client):
    response = post_edit(client, "처음 만든 문서", "새 내용", 0, summary="첫 편집")
    assert response.status_code == 302 and response["Location"] == url("w", "처음 만든 문서")
    revision = Document.objects.get(title="처음 만든 문서").latest
    assert (revision.number, revision.kind, revision.summary) == (1, Revision.Kind.CREATE, "첫 편집")
    assert revision.author_name == "127.0.0.1" and revision.user is None
    assert "새 내용" in body(client.get(url("w", "처음 만든 문서")))


def test_post_edits_the_page_and_the_reader_sees_it(client):
    save("고칠 문서", "옛 문장")
    response = post_edit(client, "고칠 문서", "새 문장", 1)
    assert response.status_code == 302
    assert latest_text("고칠 문서") == "새 문장"
    page = body(client.get(url("w", "고칠 문서")))
    assert "새 문장" in article_of(page) and "옛 문장" not in article_of(page)


def test_browser_line_endings_are_stored_as_lf(client):
    post_edit(client, "줄바꿈", "가\r\n나\r\n", 0)
    assert latest_text("줄바꿈") == "가\n나\n"


def test_logged_in_edit_is_credited_to_the_account(client, django_user_model):
    user = django_user_model.objects.create_user("편집자", password="correct horse battery")
    client.force_login(user)
    post_edit(client, "회원의 문서", "회원이 씀", 0)
    revision = Document.objects.get(title="회원의 문서").latest
    assert revision.user == user and revision.author_name == "편집자" and revision.ip is None


def test_stale_base_with_separate_changes_is_merged(client):
    save("합칠 문서", "하나\n둘\n셋\n넷\n다섯\n")
    save("합칠 문서", "하나 (남이 고침)\n둘\n셋\n넷\n다섯\n")  # r2, while our editor still has r1
    response = post_edit(client, "합칠 문서", "하나\n둘\n셋\n넷\n다섯 (내가 고침)\n", 1)
    assert response.status_code == 302
    assert latest_text("합칠 문서") == "하나 (남이 고침)\n둘\n셋\n넷\n다섯 (내가 고침)\n"


def test_conflict_keeps_my_text_then_resubmitting_saves_it(client):
    save("다툼", "같은 줄\n")
    save("다툼", "남의 줄\n")
    conflict = post_edit(client, "다툼", "나의 줄\n", 1, summary="내 요약")
    assert conflict.status_code == 409
    html = body(conflict)
    assert "나의 줄" in html and "내 요약" in html
    assert "다른 사용자가 먼저 편집" in html
    assert latest_text("다툼") == "남의 줄\n"  # nothing overwritten
    resolved = post_edit(client, "다툼", "남의 줄\n나의 줄\n", base_rev_in(html))
    assert resolved.status_code == 302
    assert latest_text("다툼") == "남의 줄\n나의 줄\n"
    assert Document.objects.get(title="다툼").latest.number == 3


def test_same_text_is_refused_with_a_message_and_nothing_saved(client):
    save("그대로", "변함없음")
    response = post_edit(client, "그대로", "변함없음", 1)
    assert response.status_code == 400
    assert "문서 내용이 같습니다" in body(response)
    assert Document.objects.get(title="그대로").latest.number == 1


def test_recreating_a_deleted_page(client):
    save("되살릴 문서", "처음")
    delete_page("되살릴 문서", ip=IP)
    html = body(client.get(url("edit", "되살릴 문서")))
    assert base_rev_in(html) == 2
    assert post_edit(client, "되살릴 문서", "다시 씀", 2).status_code == 302
    latest = Document.objects.get(title="되살릴 문서").latest
    assert (latest.number, latest.kind) == (3, Revision.Kind.CREATE)
    assert client.get(url("w", "되살릴 문서")).status_code == 200


# --- preview -----------------------------------------------------------------------------------

def test_preview_of_an_existing_page_changes_nothing(client):
    save("미리볼 문서", "원래 글")
    response = post_edit(client, "미리볼 문서", "'''바뀐''' 글", 1, preview="1", summary="요약 유지")
    assert response.status_code == 200
    html = body(response)
    assert "<strong>바뀐</strong>" in html
    assert "&#x27;&#x27;&#x27;바뀐&#x27;&#x27;&#x27; 글</textarea>" in html  # the textarea keeps it
    assert 'value="요약 유지"' in html and base_rev_in(html) == 1
    assert latest_text("미리볼 문서") == "원래 글"


def test_preview_of_hostile_markup_runs_nothing(client):
    response = post_edit(client, "위험한 미리보기", '<script>alert(1)</script>{{{#!html <img src=x onerror=alert(1)>}}}',
                         0, preview="1")
    assert response.status_code == 200
    preview = body(response).split('class="sw-preview"', 1)[1]
    assert "<script>alert(1)" not in preview
    assert "onerror" not in preview


# --- sections ----------------------------------------------------------------------------------

SECTIONED = "머리말\n== 가 ==\n가 본문\n== 나 ==\n나 본문\n"


def test_section_edit_merges_with_an_edit_of_another_section(client):
    save("문단 문서", SECTIONED)
    save("문단 문서", SECTIONED.replace("가 본문", "가 본문 (남이 고침)"))
    response = post_edit(client, "문단 문서", "== 나 ==\n나 본문 (내가 고침)\n", 1, section="2")
    assert response.status_code == 302
    assert latest_text("문단 문서") == "머리말\n== 가 ==\n가 본문 (남이 고침)\n== 나 ==\n나 본문 (내가 고침)\n"


def test_section_edit_form_names_the_section(client):
    save("문단 폼", SECTIONED)
    html = body(client.get(url("edit", "문단 폼", "section=1")))
    assert 'name="section" value="1"' in html
    assert "가 본문" in html and "나 본문" not in html


def test_section_save_of_a_missing_section_is_404(client):
    save("문단 없음", SECTIONED)
    assert post_edit(client, "문단 없음", "== 다 ==\n", 1, section="9").status_code == 404
    assert latest_text("문단 없음") == SECTIONED


# --- refusals ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/edit/a%01b", "/edit/" + "%EA%B0%80" * 300, "/edit/./x", "/edit/%E2%80%8B"])
def test_invalid_title_is_400_with_a_message_and_saves_nothing(client, path):
    before = Document.objects.count()
    for response in (client.get(path), client.post(path, {"text": "x", "base_rev": "0"})):
        assert response.status_code == 400
        assert 'class="sw-error"' in body(response) or "문서 이름" in body(response)
    assert Document.objects.count() == before


def test_missing_or_bad_base_revision(client):
    missing = client.post(url("edit", "기준 없음"), {"text": "x"})
    assert missing.status_code == 400 and "base_rev" in body(missing)
    assert post_edit(client, "기준 없음", "x", "abc").status_code == 400
    save("기준 문서", "하나")
    assert post_edit(client, "기준 문서", "둘", 7).status_code == 404
    assert not Document.objects.filter(title="기준 없음").exists()


def test_text_over_two_megabytes_is_refused_by_its_utf8_size(client):
    limit = 2 * 1024 * 1024
    korean = "가" * (limit // 3 + 1)  # fewer than 2M characters, more than 2 MB of UTF-8
    response = post_edit(client, "큰 문서", korean, 0)
    assert response.status_code == 413
    assert "너무 큽니다" in body(response)
    assert not Document.objects.filter(title="큰 문서").exists()
    assert post_edit(client, "큰 문서", "x" * (limit + 1), 0).status_code == 413


def test_text_of_exactly_two_megabytes_is_accepted(client):
    response = post_edit(client, "딱 맞는 문서", "x" * (2 * 1024 * 1024), 0)
    assert response.status_code == 302
    assert Document.objects.get(title="딱 맞는 문서").length == 2 * 1024 * 1024


# --- CSRF --------------------------------------------------------------------------------------

@pytest.mark.parametrize("action,data", [
    ("edit", {"text": "공격", "base_rev": "1"}),
    ("move", {"new_title": "빼앗긴 이름"}),
    ("delete", {"agree": "1", "summary": "공격"}),
    ("revert", {"rev": "1"}),
])
def test_every_write_refuses_a_post_without_csrf_token(action, data):
    save("지킬 문서", "처음")
    save("지킬 문서", "지금")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url(action, "지킬 문서"), data)
    assert response.status_code == 403
    assert "CSRF" in body(response)
    document = Document.objects.get(title="지킬 문서")
    assert (document.latest.number, document.deleted) == (2, False)
    assert latest_text("지킬 문서") == "지금"


def test_the_form_token_lets_a_strict_client_save():
    strict = Client(enforce_csrf_checks=True)
    html = body(strict.get(url("edit", "토큰 문서")))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = strict.post(url("edit", "토큰 문서"), {"text": "저장됨", "base_rev": "0",
                                                    "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert latest_text("토큰 문서") == "저장됨"
