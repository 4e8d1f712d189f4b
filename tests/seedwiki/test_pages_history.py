"""Request level: /history (pagination), /diff, /blame, /revert, /move (redirect, swap), /delete, /backlink."""
from __future__ import annotations

import re

import pytest

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import delete_page, move_page, revert_page

from pages_helpers import IP, body, latest_text, save, url, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.storage]


def revision_numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<strong class="sw-rev">r(\d+)</strong>', html)]


# --- /history ----------------------------------------------------------------------------------

@pytest.fixture
def long_history():
    for number in range(1, 66):
        save("긴 역사", f"{number}번째 판\n", summary=f"요약 {number}")


def _pager_link(html: str, rel: str) -> str | None:
    found = re.search(r'<a href="([^"]*)" rel="%s">' % rel, html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_history_pages_through_every_revision_newest_first(client, long_history):
    seen, pages = [], []
    address = url("history", "긴 역사")
    while address:
        response = client.get(address)
        assert response.status_code == 200
        html = body(response)
        pages.append(revision_numbers(html))
        seen.extend(pages[-1])
        following = _pager_link(html, "next")
        address = url("history", "긴 역사") + following if following else None
    assert seen == list(range(65, 0, -1))
    assert len(pages) == 3 and _pager_link(html, "prev") == "?until=6"
    # and back again by the "이전" links, page for page
    back, address = [], url("history", "긴 역사", "until=1")
    while address:
        html = body(client.get(address))
        back.insert(0, revision_numbers(html))
        previous = _pager_link(html, "prev")
        address = url("history", "긴 역사") + previous if previous else None
    assert sum(back, []) == list(range(65, 0, -1)) and back[-1] == list(range(30, 0, -1))


def test_history_old_page_numbers_redirect_to_cursors(client, long_history):
    response = client.get(url("history", "긴 역사", "page=2"))
    assert response.status_code == 302 and response["Location"] == "?from=35"
    assert revision_numbers(body(client.get(url("history", "긴 역사", "from=35"))))[:2] == [35, 34]


def test_history_page_out_of_range_or_malformed(client, long_history):
    assert client.get(url("history", "긴 역사", "page=4")).status_code == 404
    assert client.get(url("history", "긴 역사", "page=x")).status_code == 400
    for query in ("from=x", "until=-1", "from=", "from=1&until=3", "from=99999999999"):
        response = client.get(url("history", "긴 역사", query))
        assert response.status_code == 400, query
        assert "from" in body(response) or "until" in body(response)
    past_the_end = body(client.get(url("history", "긴 역사", "from=0")))
    assert revision_numbers(past_the_end) == [] and _pager_link(past_the_end, "prev") == "?until=1"


def test_history_lists_kinds_authors_summaries_and_deltas(client):
    save("기록", "12345", author_name="갑", summary="시작")
    save("기록", "123", author_name="을")
    revert_page("기록", 1, author_name="병")
    move_page("기록", "기록됨", author_name="정")
    delete_page("기록됨", author_name="무", summary="정리")
    html = body(client.get(url("history", "기록됨")))
    text = visible_text(html)
    assert revision_numbers(html) == [5, 4, 3, 2, 1]
    for expected in ("새 문서", "r1으로 되돌림", "기록에서 기록됨(으)로 문서 이동", "삭제", "(시작)", "(정리)",
                     "(+5)", "(-2)", "(+2)"):
        assert expected in text, expected
    for author in ("갑", "을", "병", "정", "무"):
        assert f'/contribution/{author}"' in html or author in text
    for action in ("raw", "blame", "revert", "diff"):
        assert url(action, "기록됨") + "?rev=" in html


def test_history_of_a_deleted_page_is_still_there(client):
    save("삭제된 역사", "내용")
    delete_page("삭제된 역사", ip=IP)
    response = client.get(url("history", "삭제된 역사"))
    assert response.status_code == 200 and revision_numbers(body(response)) == [2, 1]


# --- /diff -------------------------------------------------------------------------------------

def test_diff_defaults_to_the_previous_revision(client):
    save("비교 문서", "사과\n배\n")
    save("비교 문서", "사과\n감\n")
    html = body(client.get(url("diff", "비교 문서", "rev=2")))
    assert 'class="sw-diff-delete"' in html and 'class="sw-diff-insert"' in html
    assert "배" in html and "감" in html


def test_diff_of_the_first_revision_is_against_nothing(client):
    save("첫 비교", "처음 줄\n")
    html = body(client.get(url("diff", "첫 비교", "rev=1")))
    assert "(빈 문서)" in html and "처음 줄" in html


def test_diff_of_identical_revisions_says_so(client):
    save("같은 비교", "하나\n")
    save("같은 비교", "둘\n")
    revert_page("같은 비교", 1, ip=IP)
    assert "두 판의 내용이 같습니다." in body(client.get(url("diff", "같은 비교", "rev=3&oldrev=1")))


def test_diff_escapes_the_text(client):
    save("위험한 비교", "a\n")
    save("위험한 비교", "<img src=x onerror=alert(1)>\n")
    html = body(client.get(url("diff", "위험한 비교", "rev=2")))
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in re.sub(r"</?(ins|del)>", "", html)  # shown as text


@pytest.mark.parametrize("query,status", [("rev=9", 404), ("rev=2&oldrev=9", 404), ("rev=a", 400)])
def test_diff_refusals(client, query, status):
    save("비교 거절", "a")
    save("비교 거절", "b")
    assert client.get(url("diff", "비교 거절", query)).status_code == status


def test_diff_of_a_missing_page_is_404(client):
    assert client.get(url("diff", "없는 비교", "rev=1")).status_code == 404


# --- /blame ------------------------------------------------------------------------------------

def test_blame_credits_each_line_to_its_revision(client):
    save("책임", "가\n나\n", author_name="첫 저자")
    save("책임", "가\n나 고침\n다\n", author_name="둘째 저자")
    html = body(client.get(url("blame", "책임")))
    rows = re.findall(r'(?s)<tr[^>]*>(.*?)</tr>', html.split('class="sw-blame"', 1)[1])
    rows = [row for row in rows if not row.rstrip().endswith('<td class="sw-blame-text"></td>')]
    assert len(rows) == 3
    assert "첫 저자" in rows[0] and "r1" in rows[0]
    assert "둘째 저자" in rows[1] and "r2" in rows[1]
    older = body(client.get(url("blame", "책임", "rev=1")))
    assert "둘째 저자" not in older and "나 고침" not in older


def test_blame_escapes_and_refuses(client):
    save("책임 거절", "<script>x</script>\n")
    html = body(client.get(url("blame", "책임 거절")))
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert client.get(url("blame", "책임 거절", "rev=5")).status_code == 404
    assert client.get(url("blame", "없는 책임")).status_code == 404


# --- /revert -----------------------------------------------------------------------------------

def test_revert_form_then_revert(client):
    save("되돌림", "좋은 판")
    save("되돌림", "망친 판")
    form = client.get(url("revert", "되돌림", "rev=1"))
    assert form.status_code == 200 and 'name="csrfmiddlewaretoken"' in body(form)
    done = client.post(url("revert", "되돌림"), {"rev": "1", "summary": "반달 복구"})
    assert done.status_code == 302 and done["Location"] == url("history", "되돌림")
    latest = Document.objects.get(title="되돌림").latest
    assert (latest.number, latest.kind, latest.extra, latest.summary) == (3, Revision.Kind.REVERT, {"rev": 1}, "반달 복구")
    assert latest_text("되돌림") == "좋은 판"


@pytest.mark.parametrize("method,data,status", [
    ("get", {}, 400), ("get", {"rev": "9"}, 404), ("get", {"rev": "x"}, 400),
    ("post", {"rev": "2"}, 400),  # the latest text already: nothing to do
    ("post", {"rev": "9"}, 404),
])
def test_revert_refusals(client, method, data, status):
    save("되돌림 거절", "하나")
    save("되돌림 거절", "둘")
    response = getattr(client, method)(url("revert", "되돌림 거절"), data)
    assert response.status_code == status
    assert Document.objects.get(title="되돌림 거절").latest.number == 2


def test_revert_to_a_deletion_is_refused(client):
    save("삭제 판", "내용")
    delete_page("삭제 판", ip=IP)
    save("삭제 판", "다시")
    response = client.post(url("revert", "삭제 판"), {"rev": "2"})
    assert response.status_code == 400
    assert "삭제된 판" in body(response)


def test_revert_brings_back_a_deleted_page(client):
    save("되살림", "살아 있던 글")
    delete_page("되살림", ip=IP)
    assert client.post(url("revert", "되살림"), {"rev": "1"}).status_code == 302
    assert client.get(url("w", "되살림")).status_code == 200
    assert latest_text("되살림") == "살아 있던 글"


# --- /move -------------------------------------------------------------------------------------

def test_move_form_and_move_without_redirect(client, member_login):
    save("이사 전", "짐")
    assert client.get(url("move", "이사 전")).status_code == 200
    response = client.post(url("move", "이사 전"), {"new_title": "이사 후", "summary": "이름 바꿈"})
    assert response.status_code == 302 and response["Location"] == url("w", "이사 후")
    assert client.get(url("w", "이사 전")).status_code == 404
    assert "짐" in body(client.get(url("w", "이사 후")))
    history = body(client.get(url("history", "이사 후")))
    assert revision_numbers(history) == [2, 1] and "이사 전에서 이사 후(으)로 문서 이동" in visible_text(history)


def test_move_onto_an_existing_page_needs_swap(client, member_login):
    save("왼쪽", "왼쪽 내용")
    save("오른쪽", "오른쪽 내용")
    refused = client.post(url("move", "왼쪽"), {"new_title": "오른쪽"})
    assert refused.status_code == 409
    assert "이미 존재합니다" in body(refused)
    swapped = client.post(url("move", "왼쪽"), {"new_title": "오른쪽", "swap": "1"})
    assert swapped.status_code == 302
    assert latest_text("왼쪽") == "오른쪽 내용" and latest_text("오른쪽") == "왼쪽 내용"
    assert "왼쪽 내용" in body(client.get(url("w", "오른쪽")))
    assert "오른쪽 내용" in body(client.get(url("w", "왼쪽")))


@pytest.mark.parametrize("new_title,status,message", [
    ("", 400, "비어 있습니다"), ("a\x01b", 400, "사용할 수 없는 문자"), ("움직일 문서", 400, "같습니다"),
    ("문서:움직일 문서", 400, "같습니다"),
])
def test_move_refusals(client, member_login, new_title, status, message):
    save("움직일 문서", "x")
    response = client.post(url("move", "움직일 문서"), {"new_title": new_title})
    assert response.status_code == status
    assert message in body(response)
    assert Document.objects.get(namespace="문서", title="움직일 문서").exists


def test_move_of_a_missing_page_is_404(client, member_login):
    assert client.get(url("move", "없는 이사")).status_code == 404
    assert client.post(url("move", "없는 이사"), {"new_title": "어디"}).status_code == 404


def test_move_to_another_namespace(client, member_login):
    save("틀이 될 문서", "틀 내용")
    assert client.post(url("move", "틀이 될 문서"), {"new_title": "틀:이제 틀"}).status_code == 302
    save("틀 쓰는 문서", "[include(틀:이제 틀)]")
    assert "틀 내용" in body(client.get(url("w", "틀 쓰는 문서")))


# --- /delete -----------------------------------------------------------------------------------

def test_delete_form_then_delete(client, member_login):
    save("지울 문서", "안녕")
    form = client.get(url("delete", "지울 문서"))
    assert form.status_code == 200 and 'name="agree"' in body(form)
    done = client.post(url("delete", "지울 문서"), {"agree": "1", "summary": "필요 없음"})
    assert done.status_code == 302
    latest = Document.objects.get(title="지울 문서").latest
    assert (latest.kind, latest.summary) == (Revision.Kind.DELETE, "필요 없음")
    assert client.get(url("w", "지울 문서")).status_code == 404


def test_delete_of_a_missing_or_deleted_page_is_404(client, member_login):
    assert client.get(url("delete", "없는 삭제")).status_code == 404
    save("두 번 삭제", "x")
    delete_page("두 번 삭제", ip=IP)
    assert client.post(url("delete", "두 번 삭제"), {"agree": "1"}).status_code == 404


# --- /backlink ---------------------------------------------------------------------------------

def test_backlinks_of_a_page_that_does_not_exist_yet(client):
    save("부르는 문서", "[[아직 없는 대상]]")
    response = client.get(url("backlink", "아직 없는 대상"))
    assert response.status_code == 200
    assert url("w", "부르는 문서") in body(response)


def test_backlinks_show_how_pages_refer_and_skip_categories_and_deleted_pages(client):
    save("분류:묶음", "분류 문서")
    save("링크만", "[[분류:묶음]]")  # a category tag is not a backlink
    save("파일 사용", "[[파일:그림.png]]")
    save("지워질 링크", "[[파일:그림.png]]")
    delete_page("지워질 링크", ip=IP)
    category = body(client.get(url("backlink", "분류:묶음")))
    assert "이 문서를 가리키는 문서가 없습니다." in category
    files = body(client.get(url("backlink", "파일:그림.png")))
    assert url("w", "파일 사용") in files and "(파일)" in files
    assert "지워질 링크" not in files


def test_backlink_to_a_redirect_links_with_noredirect(client):
    save("대상 문서", "본문")
    save("넘김 문서", "#redirect 대상 문서")
    html = body(client.get(url("backlink", "대상 문서")))
    assert url("w", "넘김 문서", "noredirect=1") in html


@pytest.mark.parametrize("query,status", [("namespace=" + "없는공간", 400), ("page=5", 404), ("page=z", 400)])
def test_backlink_refusals(client, query, status):
    save("역링크 대상", "x")
    save("역링크 출처", "[[역링크 대상]]")
    assert client.get(url("backlink", "역링크 대상", query)).status_code == status
