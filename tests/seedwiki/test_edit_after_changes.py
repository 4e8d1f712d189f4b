"""Request level: a save arriving after the page moved or was deleted, an old revision of a redirect,
and texts over the size limit (413 with the text kept; bodies too big to read refused with 413)."""
from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.conf import settings

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import delete_page, move_page

from pages_helpers import IP, body, latest_text, save, url

pytestmark = [pytest.mark.django_db, pytest.mark.storage]


def editor_fields(html: str) -> dict:
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    fields["action"] = re.search(r'<form method="post" action="([^"]+)" class="sw-edit-form"', html).group(1)
    return fields


def test_the_editor_remembers_which_document_it_opened(client):
    save("열어 본 문서", "본문")
    fields = editor_fields(body(client.get(url("edit", "열어 본 문서"))))
    assert fields["document"] == str(Document.objects.get(title="열어 본 문서").pk)
    assert fields["base_rev"] == "1"


def test_save_after_a_move_is_offered_onto_the_new_title(client):
    save("옮길 문서", "첫 줄\n둘째 줄\n")
    fields = editor_fields(body(client.get(url("edit", "옮길 문서"))))
    move_page("옮길 문서", "옮겨진 문서", ip=IP)

    response = client.post(url("edit", "옮길 문서"), {"text": "첫 줄\n둘째 줄 고침\n", "base_rev": fields["base_rev"],
                                                      "document": fields["document"], "save": "1"})
    assert response.status_code == 409
    html = body(response)
    assert "이동되었습니다" in html and "옮겨진 문서" in html
    assert "둘째 줄 고침" in html  # the text is kept
    assert not Document.objects.filter(title="옮길 문서").exists()  # no second article forked off

    again = editor_fields(html)
    assert again["action"] == url("edit", "옮겨진 문서")
    saved = client.post(again["action"], {"text": "첫 줄\n둘째 줄 고침\n", "base_rev": again["base_rev"],
                                          "document": again["document"], "save": "1"})
    assert saved.status_code == 302
    assert latest_text("옮겨진 문서") == "첫 줄\n둘째 줄 고침\n"
    assert not Document.objects.filter(title="옮길 문서").exists()


def test_save_after_a_move_with_a_redirect_left_behind_is_caught_too(client):
    save("남긴 문서", "내용\n")
    fields = editor_fields(body(client.get(url("edit", "남긴 문서"))))
    move_page("남긴 문서", "새 이름 문서", leave_redirect=True, ip=IP)
    response = client.post(url("edit", "남긴 문서"), {"text": "내용 고침\n", "base_rev": fields["base_rev"],
                                                     "document": fields["document"], "save": "1"})
    assert response.status_code == 409 and "새 이름 문서" in body(response)
    assert latest_text("남긴 문서").startswith("#redirect")  # the redirect is not overwritten


def test_save_after_a_delete_says_so_then_recreates(client):
    save("지워질 문서", "처음\n")
    fields = editor_fields(body(client.get(url("edit", "지워질 문서"))))
    delete_page("지워질 문서", ip=IP)
    response = client.post(url("edit", "지워질 문서"), {"text": "고쳐 씀\n", "base_rev": fields["base_rev"],
                                                      "document": fields["document"], "save": "1"})
    assert response.status_code == 409
    html = body(response)
    assert "삭제되었습니다" in html and "고쳐 씀" in html
    again = editor_fields(html)
    assert again["base_rev"] == "2"
    assert client.post(again["action"], {"text": "고쳐 씀\n", "base_rev": again["base_rev"],
                                         "document": again["document"]}).status_code == 302
    latest = Document.objects.get(title="지워질 문서").latest
    assert (latest.number, latest.kind) == (3, Revision.Kind.CREATE)


def test_old_revision_of_a_redirect_shows_that_revisions_target(client):
    save("옛 넘겨주기", "#redirect 첫 목적지")
    save("옛 넘겨주기", "#redirect 둘째 목적지")
    old = body(client.get(url("w", "옛 넘겨주기", "rev=1")))
    assert "첫 목적지" in old and "둘째 목적지" not in old
    current = body(client.get(url("w", "옛 넘겨주기", "noredirect=1")))
    assert "둘째 목적지" in current


def test_old_revision_of_an_article_that_became_a_redirect_shows_no_target(client):
    save("바뀐 문서", "평범한 본문")
    save("바뀐 문서", "#redirect 다른 곳")
    assert "다른 곳" not in body(client.get(url("w", "바뀐 문서", "rev=1")))


def test_text_over_the_limit_is_refused_with_413_and_kept(client, settings):
    settings.SEEDWIKI_MAX_TEXT_BYTES = 3000
    text = "가" * 1001  # 3003 bytes of UTF-8
    response = client.post(url("edit", "큰 문서"), {"text": text, "base_rev": "0", "save": "1"})
    assert response.status_code == 413
    html = body(response)
    assert "너무 큽니다" in html and text in html
    assert not Document.objects.filter(title="큰 문서").exists()


def test_body_too_big_to_read_is_refused_with_413_and_a_message(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    encoded = urlencode({"text": "가" * 2000, "base_rev": "0"})  # Hangul: 9 bytes each once URL-encoded
    assert len(encoded) > 10_000
    response = client.generic("POST", url("edit", "아주 큰 문서"), encoded,
                              content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    html = body(response)
    assert "너무 큽니다" in html and "뒤로" in html
    assert not Document.objects.filter(title="아주 큰 문서").exists()


def test_editor_states_the_limit_for_the_in_page_size_check(client):
    html = body(client.get(url("edit", "한도 안내")))
    assert f'data-max-bytes="{settings.SEEDWIKI_MAX_TEXT_BYTES}"' in html


def test_a_merged_save_tells_the_editor(client):
    save("합쳐질 문서", "하나\n둘\n셋\n넷\n다섯\n")
    save("합쳐질 문서", "하나 (남이 고침)\n둘\n셋\n넷\n다섯\n")
    response = client.post(url("edit", "합쳐질 문서"), {"text": "하나\n둘\n셋\n넷\n다섯 (내가 고침)\n", "base_rev": "1"},
                           follow=True)
    html = body(response)
    assert "두 편집을 합쳐 저장했습니다" in html
    assert latest_text("합쳐질 문서") == "하나 (남이 고침)\n둘\n셋\n넷\n다섯 (내가 고침)\n"


def test_an_ordinary_save_has_no_merge_notice(client):
    response = client.post(url("edit", "그냥 문서"), {"text": "본문", "base_rev": "0"}, follow=True)
    assert "합쳐 저장했습니다" not in body(response)


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_an_empty_new_page_is_refused(client, text):
    response = client.post(url("edit", "빈 새 문서"), {"text": text, "base_rev": "0", "summary": "요약 유지"})
    assert response.status_code == 400
    html = body(response)
    assert "빈 문서는 만들 수 없습니다" in html and 'value="요약 유지"' in html
    assert not Document.objects.filter(title="빈 새 문서").exists()


def test_blanking_an_existing_page_is_still_an_edit(client):
    save("비울 문서", "내용")
    assert client.post(url("edit", "비울 문서"), {"text": "", "base_rev": "1"}).status_code == 302
    assert latest_text("비울 문서") == ""
