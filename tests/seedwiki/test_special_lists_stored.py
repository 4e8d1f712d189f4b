"""The six special lists at request level: stored lists (Needed, Orphaned, Uncategorized) after edits
and rebuilds with their last-update time, keyset paging on all six, and `seedwiki specials`.
Runs on SQLite and, in CI, on PostgreSQL (storage)."""
from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from django.utils import timezone

from pages_helpers import body, save
from seedwiki.documents.services import delete_page
from seedwiki.special.models import ListEntry, ListRefresh
from seedwiki.special.stored_lists import rebuild_special_lists
from wikimore_helpers import days_ago

pytestmark = [pytest.mark.django_db, pytest.mark.storage]


def titles_in(html: str) -> list[str]:
    main = html[html.index("<main"):]
    return [unquote(m) for m in re.findall(r'href="/w/([^"?#]+)"', main)]


def pager(html: str) -> dict[str, str]:
    """rel → address of the keyset pager's links."""
    nav = re.search(r'<nav class="sw-pager">(.*?)</nav>', html, re.S)
    found = re.findall(r'<a href="([^"]+)" rel="(prev|next)">', nav.group(1)) if nav else []
    return {rel: href.replace("&amp;", "&") for href, rel in found}


def walk(client, path: str) -> list[str]:
    """Every title of a list, following 'next' links; checks each 'prev' leads back."""
    seen, address, previous_first = [], path, None
    while True:
        html = body(client.get(address))
        page = titles_in(html)
        links = pager(html)
        if previous_first is not None:  # the page before this one ends right before it
            back = titles_in(body(client.get(path.split("?")[0] + links["prev"])))
            assert back[0] == previous_first and back[-1] == seen[-1]
        seen += page
        if "next" not in links:
            return seen
        previous_first = page[0]
        address = path.split("?")[0] + links["next"]


def test_stored_lists_say_when_they_were_computed(client):
    save("혼자", "아무 링크도 없다 [[없는 제목]]")
    for path in ("/NeededPages", "/OrphanedPages", "/UncategorizedPages"):
        html = body(client.get(path))
        assert "아직 계산되지 않았습니다." in html and titles_in(html) == [], path
    before = timezone.now().replace(microsecond=0)
    rebuild_special_lists()
    for path, title in (("/NeededPages", "없는 제목"), ("/OrphanedPages", "혼자"), ("/UncategorizedPages", "혼자")):
        html = body(client.get(path))
        assert title in titles_in(html), path
        stamp = re.search(r'마지막 갱신: <time datetime="([^"]+)">', html)
        assert stamp is not None, path
        assert timezone.datetime.fromisoformat(stamp.group(1)) >= before
    assert ListRefresh.objects.get(list=ListEntry.NEEDED).rows == 1


def test_needed_pages_follow_edits_and_rebuilds(client):
    save("가", "[[새 제목]] [[두 번]]")
    save("나", "[[두 번]]")
    rebuild_special_lists()
    html = body(client.get("/NeededPages"))
    assert titles_in(html) == ["두 번", "새 제목"]
    assert "2개 문서에서 링크" in html
    save("새 제목", "이제 있다")  # shown no longer, even before the next rebuild
    assert "새 제목" not in titles_in(body(client.get("/NeededPages")))
    save("다", "[[세 번째 필요]]")  # a new missing title appears at the next rebuild
    assert "세 번째 필요" not in titles_in(body(client.get("/NeededPages")))
    rebuild_special_lists()
    assert "세 번째 필요" in titles_in(body(client.get("/NeededPages")))


def test_orphaned_and_uncategorized_follow_edits_and_rebuilds(client):
    save("외톨이", "본문")
    save("분류 없는 문서", "[[외톨이]]")
    save("분류 있는 문서", "[[분류:시험]] [[분류 없는 문서]]")
    rebuild_special_lists()
    orphans = titles_in(body(client.get("/OrphanedPages")))
    assert "분류 있는 문서" in orphans and "외톨이" not in orphans and "분류 없는 문서" not in orphans
    uncategorized = titles_in(body(client.get("/UncategorizedPages")))
    assert "외톨이" in uncategorized and "분류 없는 문서" in uncategorized and "분류 있는 문서" not in uncategorized
    delete_page("외톨이", ip="192.0.2.1")  # a deleted page leaves the lists at once
    assert "외톨이" not in titles_in(body(client.get("/UncategorizedPages")))
    save("분류 없는 문서", "이제 [[분류:시험]]")
    save("분류 있는 문서", "[[분류:시험]] 링크를 지움")
    assert "분류 없는 문서" not in titles_in(body(client.get("/OrphanedPages")))  # until the next rebuild
    rebuild_special_lists()
    assert "분류 없는 문서" not in titles_in(body(client.get("/UncategorizedPages")))
    assert "분류 없는 문서" in titles_in(body(client.get("/OrphanedPages")))


def test_stored_lists_page_by_keyset(client):
    for i in range(230):
        save(f"고립 {i:03d}", "본문")
    rebuild_special_lists()
    everything = walk(client, "/OrphanedPages")
    assert everything == sorted(everything) and len(everything) == len(set(everything))
    assert {f"고립 {i:03d}" for i in range(230)} <= set(everything)
    # An old ?page=N address is sent to the same page by cursor.
    second = client.get("/OrphanedPages", {"page": "2"})
    assert second.status_code == 302 and "from=" in second["Location"]
    assert titles_in(body(client.get("/OrphanedPages" + second["Location"])))[0] == everything[100]


def test_needed_pages_page_by_keyset(client):
    for i in range(120):
        save(f"링크 {i:03d}", " ".join(f"[[없음 {j:03d}]]" for j in range(i % 3 + 1)))
    rebuild_special_lists()
    html = body(client.get("/NeededPages"))
    needed = titles_in(html)
    assert needed[:3] == ["없음 000", "없음 001", "없음 002"]  # 120, 80, 40 linkers
    assert "next" not in pager(html)
    save("링크 많음", " ".join(f"[[더 없음 {j:03d}]]" for j in range(150)))
    rebuild_special_lists()
    rows = walk(client, "/NeededPages")
    assert len(rows) == 153 and rows[:3] == ["없음 000", "없음 001", "없음 002"]
    assert rows[3:] == sorted(rows[3:])  # one linker each: by title


@pytest.mark.parametrize("path, key", [("/ShortestPages", "length"), ("/LongestPages", "-length"),
                                       ("/OldPages", "age")])
def test_document_lists_page_by_keyset(client, path, key):
    for i in range(210):
        save(f"쪽 {i:03d}", "가" * (1 + i % 37), at=days_ago(300 - i))
    ours = walk(client, path)
    assert len(ours) == 210
    length = {f"쪽 {i:03d}": 1 + i % 37 for i in range(210)}
    if key == "length":
        assert ours == sorted(ours, key=lambda t: (length[t], t))
    elif key == "-length":
        assert ours == sorted(ours, key=lambda t: (length[t], t), reverse=True)
    else:
        assert ours == [f"쪽 {i:03d}" for i in range(210)]


def test_document_lists_follow_edits_at_once(client):
    save("짧게", "가")
    save("길게", "가" * 500)
    assert titles_in(body(client.get("/ShortestPages")))[0] == "짧게"
    save("짧게", "가" * 900)
    assert titles_in(body(client.get("/LongestPages")))[0] == "짧게"
    assert titles_in(body(client.get("/OldPages")))[-1] == "짧게"


def test_bad_cursors_are_refused(client):
    for path, cursor in (("/ShortestPages", "x,y"), ("/OldPages", "어제,1"), ("/NeededPages", "abc"),
                         ("/OldPages", "2024-01-01T00:00:00,1")):
        assert client.get(path, {"from": cursor}).status_code == 400, (path, cursor)
    assert client.get("/OrphanedPages", {"from": "가", "until": "나"}).status_code == 400


def test_specials_command_rebuilds_and_reports(capsys):
    from seedwiki.cli import main

    save("명령", "[[명령으로 찾은 제목]]")
    assert main(["specials"]) == 0
    assert "아직 계산되지 않았습니다" in capsys.readouterr().err
    assert main(["specials", "--rebuild", "--list", "needed"]) == 0
    report = capsys.readouterr().err
    assert "needed: 1행" in report and "orphaned" not in report
    assert ListEntry.objects.filter(list=ListEntry.NEEDED, title="명령으로 찾은 제목", namespace="").exists()
    assert not ListEntry.objects.filter(list=ListEntry.ORPHANED).exists()


def test_import_and_rebuild_leave_the_lists_computed(tmp_path, client):
    import json

    from seedwiki.cli import main

    dump = tmp_path / "dump.json"
    dump.write_text(json.dumps([
        {"namespace": "0", "title": "가져온 문서", "text": "[[가져온 빈 제목]]", "contributors": ["u"]},
        {"namespace": "0", "title": "또 가져온 문서", "text": "[[가져온 문서]] [[분류:가져옴]]", "contributors": ["u"]},
    ], ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(dump), "--jobs", "1", "--quiet"]) == 0
    assert titles_in(body(client.get("/NeededPages"))) == ["가져온 빈 제목"]
    assert "또 가져온 문서" in titles_in(body(client.get("/OrphanedPages")))
    assert "가져온 문서" in titles_in(body(client.get("/UncategorizedPages")))
    ListEntry.objects.all().delete()
    ListRefresh.objects.all().delete()
    assert main(["rebuild", "--jobs", "1"]) == 0
    assert titles_in(body(client.get("/NeededPages"))) == ["가져온 빈 제목"]
    assert ListRefresh.objects.count() == 3


def test_needed_counts_only_links_the_reader_may_read(client):
    from acl_helpers import make_user, set_rules

    save("문서 쪽", "[[모두 찾는 제목]]")
    save("사용자:누구", "[[모두 찾는 제목]]")
    save("틀:감춘 틀", "[[모두 찾는 제목]] [[감춘 틀만 찾는 제목]]")
    set_rules("read", [("perm:admin", "allow")], namespace="틀")
    rebuild_special_lists()
    html = body(client.get("/NeededPages"))  # 문서 and 사용자 rows summed; 틀's left out
    assert titles_in(html) == ["모두 찾는 제목"] and "2개 문서에서 링크" in html
    client.force_login(make_user("관리자", perms=["admin"]))
    html = body(client.get("/NeededPages"))  # every namespace: the stored totals
    assert titles_in(html) == ["모두 찾는 제목", "감춘 틀만 찾는 제목"] and "3개 문서에서 링크" in html


def test_edits_schedule_one_refresh_job_that_rebuilds_the_lists(client, monkeypatch):
    from seedwiki.jobs import core
    from seedwiki.jobs.models import Job

    monkeypatch.setenv("SEEDWIKI_SPECIAL_LISTS_EVERY", "300")
    save("가", "[[아직 없는 곳]]")
    save("나", "[[또 없는 곳]]")
    save("나", "링크 없는 글")  # the link went away: still the same single job
    jobs = Job.objects.filter(kind="special_lists")
    assert jobs.count() == 1
    job = jobs.get()
    assert job.state == "pending" and job.run_after > timezone.now() + timezone.timedelta(seconds=200)
    assert core.drain() == 0  # not due yet: readers keep the last list until the period ends
    assert "아직 없는 곳" not in titles_in(body(client.get("/NeededPages")))
    jobs.update(run_after=timezone.now())
    assert core.drain() == 1
    assert jobs.get().state == "done"
    html = body(client.get("/NeededPages"))
    assert titles_in(html) == ["아직 없는 곳"]
    assert "마지막 갱신" in html
    save("다", "[[세 번째 없는 곳]]")  # the next change asks for the next refresh
    assert Job.objects.filter(kind="special_lists", state="pending").count() == 1


def test_a_text_only_edit_schedules_no_refresh(monkeypatch):
    from seedwiki.jobs.models import Job

    monkeypatch.setenv("SEEDWIKI_SPECIAL_LISTS_EVERY", "300")
    save("가", "[[링크]] 글")
    Job.objects.filter(kind="special_lists").delete()
    save("가", "[[링크]] 글을 고침")
    assert not Job.objects.filter(kind="special_lists").exists()
    monkeypatch.setenv("SEEDWIKI_SPECIAL_LISTS_EVERY", "0")  # turned off
    save("가", "[[다른 링크]]")
    assert not Job.objects.filter(kind="special_lists").exists()
