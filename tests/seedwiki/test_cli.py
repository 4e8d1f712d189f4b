"""The `seedwiki` command: init, edit, import (dump), rebuild, render."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from seedwiki import cli
from seedwiki.documents.models import Document, PageLink, Revision
from seedwiki.documents.services import edit_page, get_text

pytestmark = pytest.mark.django_db


def test_init_seeds_front_page_and_help_once(settings):
    assert cli.main(["init"]) == 0
    front = Document.objects.get(namespace="문서", title=settings.FRONT_PAGE)
    help_page = Document.objects.get(namespace=settings.SITE_NAME, title="문법 도움말")
    assert front.exists and help_page.exists
    assert "{site}" not in get_text(front.latest)
    assert cli.main(["init"]) == 0
    assert Revision.objects.filter(document=front).count() == 1


def test_edit_from_file_with_time_in_wiki_zone(tmp_path, settings):
    settings.TIME_ZONE = "Asia/Seoul"
    source = tmp_path / "page.namu"
    source.write_text("봇이 쓴 글", encoding="utf-8")
    code = cli.main(["edit", "봇 문서", "--file", str(source), "--summary", "자동", "--author", "봇",
                     "--at", "2024-03-01 09:30:00"])
    assert code == 0
    revision = Document.objects.get(title="봇 문서").latest
    assert revision.created_at == dt.datetime(2024, 3, 1, 0, 30, tzinfo=dt.timezone.utc)
    assert revision.author_name == "봇" and revision.summary == "자동"
    assert get_text(revision) == "봇이 쓴 글"


def test_edit_refusals_exit_nonzero(tmp_path):
    source = tmp_path / "x.namu"
    source.write_text("x", encoding="utf-8")
    assert cli.main(["edit", "a\x01", "--file", str(source)]) == 1
    assert cli.main(["edit", "b", "--file", str(source), "--at", "어제"]) == 2


def _dump(tmp_path, entries):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return str(path)


ENTRIES = [
    {"namespace": "0", "title": "가", "text": "[[나]] [[분류:글자]]", "contributors": ["u1", "R:u2"]},
    {"namespace": "0", "title": "나", "text": "#redirect 가", "contributors": ["u1"]},
    {"namespace": "1", "title": "상자", "text": "틀 내용", "contributors": []},
    {"namespace": "6", "title": "소개", "text": "프로젝트 문서", "contributors": []},
    {"namespace": "7", "title": "토론 같은 것", "text": "건너뜀", "contributors": []},
    {"namespace": "0", "title": "", "text": "제목 없음", "contributors": []},
]


def test_import_creates_pages_links_and_search_rows(tmp_path, settings):
    assert cli.main(["import", _dump(tmp_path, ENTRIES), "--jobs", "1", "--quiet", "--batch", "2"]) == 0
    ga = Document.objects.get(namespace="문서", title="가")
    assert get_text(ga.latest) == "[[나]] [[분류:글자]]"
    assert ga.latest.kind == "create" and ga.latest.extra == {"contributors": ["u1", "R:u2"]}
    assert set(PageLink.objects.filter(source=ga).values_list("target", "kind")) == {
        ("나", "link"), ("분류:글자", "category")}
    na = Document.objects.get(title="나")
    assert na.is_redirect and na.redirect_target == "가"
    assert Document.objects.filter(namespace="틀", title="상자").exists()
    assert Document.objects.filter(namespace=settings.SITE_NAME, title="소개").exists()
    assert Document.objects.count() == 4  # 토론 (7) and the empty title are skipped
    from seedwiki import search

    total, hits = search.query("프로젝트")
    assert total == 1 and hits[0].document.title == "소개"


def test_reimport_edits_existing_pages(tmp_path):
    edit_page("가", "예전 글", author_name="someone")
    assert cli.main(["import", _dump(tmp_path, ENTRIES[:1]), "--jobs", "1", "--quiet"]) == 0
    ga = Document.objects.get(title="가")
    assert ga.latest.number == 2 and get_text(ga.latest) == "[[나]] [[분류:글자]]"
    assert cli.main(["import", _dump(tmp_path, ENTRIES[:1]), "--jobs", "1", "--quiet"]) == 0
    assert Document.objects.get(title="가").latest.number == 2  # unchanged text: no new revision


def test_deferred_import_then_rebuild(tmp_path):
    assert cli.main(["import", _dump(tmp_path, ENTRIES), "--quiet", "--defer-derive"]) == 0
    assert not PageLink.objects.exists()
    assert not Document.objects.get(title="나").is_redirect
    assert cli.main(["rebuild", "--jobs", "1"]) == 0
    assert Document.objects.get(title="나").is_redirect
    assert PageLink.objects.filter(source__title="가", target="나", kind="link").exists()
    from seedwiki import search

    assert search.query("프로젝트")[0] == 1


def test_rebuild_restores_derived_rows_from_revisions():
    edit_page("원본", "[[대상]]", author_name="x")
    PageLink.objects.all().delete()
    assert cli.main(["rebuild", "--jobs", "1"]) == 0
    assert PageLink.objects.filter(source__title="원본", target="대상").exists()


def test_bad_dump_is_reported(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"not": "an array"}', encoding="utf-8")
    assert cli.main(["import", str(path), "--quiet", "--jobs", "1"]) == 1
    assert cli.main(["import", str(tmp_path / "missing.json"), "--quiet"]) == 2


def test_render_delegates_to_namumark(tmp_path, capsys):
    source = tmp_path / "a.namu"
    source.write_text("'''굵게'''", encoding="utf-8")
    assert cli.main(["render", str(source), "--format", "html"]) == 0
    assert "<strong>굵게</strong>" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_import_with_worker_processes_matches_in_process(tmp_path):
    entries = [{"namespace": "0", "title": f"쪽 {n}", "text": f"[[쪽 {n + 1}]]\n== 머리 ==\n본문 {n}",
                "contributors": []} for n in range(9)]
    assert cli.main(["import", _dump(tmp_path, entries), "--jobs", "2", "--batch", "4", "--quiet"]) == 0
    assert Document.objects.count() == 9
    assert PageLink.objects.filter(kind="link").count() == 9
    assert set(PageLink.objects.filter(source__title="쪽 3").values_list("target", flat=True)) == {"쪽 4"}
    from seedwiki import search

    assert search.query("본문")[0] == 9
