"""Request level: imported contributors on history and on the page's licence line, the licence in
every footer, history's compare form, the 이전 버전 banner, noindex, and restores logged as such."""
from __future__ import annotations

import re

import pytest

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import delete_page, edit_page

from pages_helpers import IP, body, save, url, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.storage]


def imported(title, text, contributors):
    result = edit_page(title, text, author_name="import")
    Revision.objects.filter(pk=result.revision.pk).update(extra={"contributors": contributors})
    return result


def test_imported_contributors_on_history_and_licence_line(client):
    imported("가져온 문서", "본문", ["가람", "나래", "211.1.2.3"])
    save("가져온 문서", "본문 고침")
    history = visible_text(body(client.get(url("history", "가져온 문서"))))
    assert "가져온 기여자: 가람, 나래, 211.1.2.3" in history
    page = body(client.get(url("w", "가져온 문서")))
    line = visible_text(re.search(r'(?s)<p class="sw-page-license">.*?</p>', page).group(0))
    assert "가람" in line and "나래" in line and "211.1.2.3" in line
    assert url("history", "가져온 문서") in page


def test_many_imported_contributors_are_counted_not_all_listed(client):
    names = [f"기여자{i}" for i in range(25)]
    imported("많이 가져온 문서", "본문", names)
    line = re.search(r'(?s)<p class="sw-page-license">.*?</p>', body(client.get(url("w", "많이 가져온 문서")))).group(0)
    assert "기여자9" in line and "기여자10" not in line and "외 15명" in visible_text(line)


def test_page_without_imported_contributors_points_to_history(client):
    save("보통 문서", "본문")
    line = re.search(r'(?s)<p class="sw-page-license">.*?</p>', body(client.get(url("w", "보통 문서")))).group(0)
    assert "가져온 기여자" not in line and url("history", "보통 문서") in line


def test_licence_notice_in_every_footer(client):
    save("발바닥", "본문")
    for path in (url("w", "발바닥"), url("history", "발바닥"), "/RecentChanges", url("edit", "발바닥")):
        footer = re.search(r'(?s)<footer class="sw-footer">.*?</footer>', body(client.get(path))).group(0)
        assert "CC BY-NC-SA 2.0 KR" in footer and 'rel="license"' in footer, path


def test_history_compares_any_two_revisions(client):
    for i in range(1, 5):
        save("비교 문서", f"판 {i}")
    html = body(client.get(url("history", "비교 문서")))
    form = re.search(r'<form method="get" action="([^"]+)" class="sw-history-compare" id="sw-compare">', html)
    assert form.group(1) == url("diff", "비교 문서")
    assert sorted(re.findall(r'form="sw-compare" name="oldrev" value="(\d+)"', html)) == ["1", "2", "3", "4"]
    assert sorted(re.findall(r'form="sw-compare" name="rev" value="(\d+)"', html)) == ["1", "2", "3", "4"]
    # preselected: the newest against the one before it
    assert re.search(r'name="rev" value="4"[^>]*checked', html)
    assert re.search(r'name="oldrev" value="3"[^>]*checked', html)
    diff = body(client.get(url("diff", "비교 문서"), {"oldrev": "1", "rev": "4"}))
    assert "r1 → r4" in visible_text(diff)


def test_old_revision_has_a_banner_and_noindex(client):
    save("옛 판 문서", "처음")
    save("옛 판 문서", "나중")
    old = body(client.get(url("w", "옛 판 문서", "rev=1")))
    banner = re.search(r'(?s)<div class="sw-old-revision" role="note">(.*?)</div>', old)
    assert banner and "이전 버전" in banner.group(1) and "r1" in banner.group(1) and "r2" in banner.group(1)
    assert '<meta name="robots" content="noindex, nofollow">' in old
    current = body(client.get(url("w", "옛 판 문서")))
    assert "sw-old-revision" not in current and 'name="robots"' not in current


@pytest.mark.parametrize("action", ["edit", "history"])
def test_editor_and_history_are_noindex(client, action):
    save("색인 안 함", "본문")
    assert '<meta name="robots" content="noindex, nofollow">' in body(client.get(url(action, "색인 안 함")))


def test_reverting_a_deleted_page_is_logged_as_a_restore(client):
    save("되살릴 글", "살아 있던 글")
    delete_page("되살릴 글", ip=IP)
    assert client.post(url("revert", "되살릴 글"), {"rev": "1"}).status_code == 302
    latest = Document.objects.get(title="되살릴 글").latest
    assert (latest.number, latest.kind, latest.extra) == (3, Revision.Kind.RESTORE, {"rev": 1})
    assert "(복구)" in visible_text(body(client.get(url("history", "되살릴 글"))))
