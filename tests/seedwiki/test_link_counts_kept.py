"""LinkCount, kept by triggers, always equals the count from the link rows: after saves, edits that
drop links, deletes, moves across namespaces, bulk inserts and rebuilds; /backlink and category
pages show it. On SQLite and PostgreSQL (storage: the triggers differ)."""
from __future__ import annotations

import pytest
from django.db.models import Count

from pages_helpers import body, save, url
from seedwiki.documents.link_counts import fill_link_counts
from seedwiki.documents.models import Document, LinkCount, PageLink
from seedwiki.documents.services import delete_page, move_page
from seedwiki.documents.services.derive import insert_links_raw

pytestmark = [pytest.mark.django_db, pytest.mark.storage]

REFS = ["link", "include", "file", "redirect"]


def kept() -> dict[tuple[str, str, str], int]:
    return {(r.target, r.kind, r.namespace): r.n for r in LinkCount.objects.filter(n__gt=0)}


def counted() -> dict[tuple[str, str, str], int]:
    """The same counts straight from the link rows."""
    found = {}
    for kind, kinds in (("ref", REFS), ("category", ["category"])):
        rows = (PageLink.objects.filter(kind__in=kinds).values("target", "source__namespace")
                .annotate(n=Count("source", distinct=True)))
        found.update({(r["target"], kind, r["source__namespace"]): r["n"] for r in rows})
    return found


def test_counts_follow_every_kind_of_write():
    save("가", "[[목표]] [include(틀:상자)] [[분류:모음]]")
    save("나", "[[목표]] [[목표|다시]] [[분류:모음]]")
    save("틀:상자", "[[목표]] [[분류:모음]]")
    assert kept() == counted()
    assert kept()[("목표", "ref", "문서")] == 2 and kept()[("목표", "ref", "틀")] == 1
    save("가", "[include(틀:상자)] 목표 링크를 지움")  # a link row goes, the page still includes 틀:상자
    assert kept() == counted() and kept()[("목표", "ref", "문서")] == 1
    save("다", "[[목표]] [include(목표)]")  # link and include: one page, counted once
    assert kept() == counted() and kept()[("목표", "ref", "문서")] == 2
    delete_page("나", ip="192.0.2.1")
    assert kept() == counted() and ("분류:모음", "category", "문서") not in kept()  # 가 dropped it, 나 is gone
    assert kept()[("분류:모음", "category", "틀")] == 1
    move_page("다", "사용자:다", ip="192.0.2.1")  # the namespace changes, the link rows stay
    assert kept() == counted()
    assert kept()[("목표", "ref", "사용자")] == 1 and ("목표", "ref", "문서") not in kept()
    source = Document.objects.get(namespace="문서", title="가")
    insert_links_raw([(source.pk, f"대량 {i % 7}", "link", "", False) for i in range(50)]
                     + [(source.pk, "분류:대량", "category", "", False)])
    assert kept() == counted() and kept()[("대량 3", "ref", "문서")] == 1
    PageLink.objects.filter(source=source).delete()
    assert kept() == counted()
    LinkCount.objects.all().delete()
    fill_link_counts()
    assert kept() == counted()


def test_backlink_and_category_pages_show_the_kept_counts(client):
    for i in range(3):
        save(f"문서 {i}", "[[인기 문서]] [[분류:큰 모음]]")
    save("틀:알림", "[[인기 문서]] [[분류:큰 모음]]")
    save("분류:큰 모음", "모음")
    backlinks = body(client.get(url("backlink", "인기 문서")))
    assert ">문서 (3)<" in backlinks and ">틀 (1)<" in backlinks
    category = body(client.get(url("w", "분류:큰 모음")))
    assert "전체 4개 문서" in category  # 틀 pages are listed with the documents


def test_popular_titles_page_the_same_as_rare_ones(client, monkeypatch):
    """The three plans (few referrers: ids; many and dense: walk the pages; many and sparse: ids by
    subquery) list and page alike."""
    from seedwiki.documents.services import backlinks

    for i in range(25):
        save(f"{'틀:' if i % 5 == 0 else ''}참조 {i:02d}", "[[자주 찾는 문서]]" if i % 4 else "[include(자주 찾는 문서)]")
    save("무관", "[[다른 문서]]")

    def pages(few: int, dense: int, per_page: int = 4) -> list[list[str]]:
        monkeypatch.setattr(backlinks, "FEW_SOURCES", few)
        monkeypatch.setattr(backlinks, "DENSE", dense)
        seen, start = [], None
        while True:
            page = backlinks.backlink_page("자주 찾는 문서", ["문서", "틀"], start=start, per_page=per_page)
            seen.append([row.document.full_title for row in page.object_list])
            if page.next_key is None:
                return seen
            start = page.next_key

    by_ids, by_walk, by_subquery = pages(1000, 0), pages(3, 10**9), pages(3, 0)
    assert by_walk == by_ids and by_subquery == by_ids
    assert sum(len(page) for page in by_ids) == 25 and len(by_ids) == 7


def test_large_category_plan_pages_like_the_sorting_plan(monkeypatch):
    """A large section is the merge of two index walks (members with and without a sort key); it
    lists and pages, forward and back, exactly like sorting all members."""
    from seedwiki.special import category

    save("분류:많은", "많은 분류")
    for i in range(30):
        key = f"|{chr(0xAC00 + (i * 7) % 40)}" if i % 3 == 0 else ""  # a third give a sort key of their own
        prefix = "틀:" if i % 10 == 9 else ""
        save(f"{prefix}{chr(0xAC00 + (i * 11) % 50)} {i:02d}", f"[[분류:많은{key}]]")
    document = Document.objects.get(namespace="분류", title="많은")

    def walk(few: int) -> tuple[list, list]:
        monkeypatch.setattr(category, "FEW_MEMBERS", few)
        monkeypatch.setattr(category, "DENSE", 10**9)  # ids grow across tests on PostgreSQL
        monkeypatch.setattr(category, "PER_PAGE", 4)
        forward, start = [], None
        while True:
            section = category.category_listing(document, start=start)["documents"]
            forward.append([m.full_title for group in section["groups"] for m in group[1]])
            if not section["next"]:
                break
            start = category.member_key(document, section["next"])
        backward, end = [], category.member_key(document, forward[-1][-1])
        while True:
            section = category.category_listing(document, end=end)["documents"]
            backward.append([m.full_title for group in section["groups"] for m in group[1]])
            if not section["previous"]:
                return forward, backward
            end = category.member_key(document, section["previous"])

    sorting, merging = walk(1000), walk(0)
    assert merging == sorting
    forward = [title for page in sorting[0] for title in page]
    backward = [title for page in sorting[1][::-1] for title in page]
    assert len(forward) == 30 and backward == forward
    assert all(len(page) == 4 for page in sorting[1][:-1])  # walking back, only the first page is short


def test_bulk_writes_suspend_the_triggers_and_refill(tmp_path, monkeypatch):
    import json

    from django.db import connection

    from seedwiki.cli import main
    from seedwiki.documents import link_counts
    from seedwiki.special import cli as special_cli

    save("기존", "[[대상]]")
    with link_counts.suspended():
        save("도중", "[[대상]] [[분류:모음]]")
        assert kept()[("대상", "ref", "문서")] == 1  # not counted while suspended
    assert kept() == counted() and kept()[("대상", "ref", "문서")] == 2
    save("이후", "[[대상]]")  # the triggers are back
    assert kept()[("대상", "ref", "문서")] == 3
    link_counts.drop_triggers(connection)  # as a process killed inside the block leaves them
    save("끊긴 뒤", "[[대상]]")
    assert link_counts.ensure_triggers() is True and link_counts.ensure_triggers() is False
    assert kept() == counted() and kept()[("대상", "ref", "문서")] == 4
    monkeypatch.setattr(special_cli, "BULK_DUMP_BYTES", 0)  # every dump is "large"
    dump = tmp_path / "dump.json"
    dump.write_text(json.dumps([{"namespace": "0", "title": f"대량 {i}", "text": "[[대상]] [[분류:모음]]",
                                 "contributors": ["u"]} for i in range(5)], ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(dump), "--jobs", "1", "--quiet"]) == 0
    assert kept() == counted() and kept()[("대상", "ref", "문서")] == 9
    assert main(["rebuild", "--jobs", "1"]) == 0
    assert kept() == counted() and link_counts.ensure_triggers() is False


def test_the_fill_counts_each_namespace_and_keeps_no_empty_row():
    """fill_link_counts counts over every page, then takes the pages outside the main namespace
    off the main namespace's count: a target linked only from those has no main row at all."""
    save("본문 쪽", "[[둘 다]] [[둘 다|또]] [[분류:섞임]]")
    save("틀:한쪽", "[[둘 다]] [[틀에서만]] [include(틀에서만)] [[분류:섞임]]")
    save("사용자:누구", "[[틀에서만]] [[분류:섞임]]")
    LinkCount.objects.all().delete()
    fill_link_counts()
    assert kept() == counted()
    assert not LinkCount.objects.filter(n__lte=0).exists()
    rows = {(r.target, r.kind, r.namespace): r.n for r in LinkCount.objects.all()}
    assert rows[("둘 다", "ref", "문서")] == 1 and rows[("둘 다", "ref", "틀")] == 1
    assert ("틀에서만", "ref", "문서") not in rows
    assert rows[("틀에서만", "ref", "틀")] == 1 and rows[("틀에서만", "ref", "사용자")] == 1
    assert rows[("분류:섞임", "category", "문서")] == 1 and rows[("분류:섞임", "category", "사용자")] == 1
