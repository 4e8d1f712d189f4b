"""The import's run record: a finished dump is not imported twice, pages that existed before link
to the pages it created turn blue (their render stamp moves), and dropped indexes come back."""
from __future__ import annotations

import json

import pytest

from seedwiki import cli
from seedwiki.documents.importing import indexes
from seedwiki.documents.importing.run_record import ImportRun
from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import edit_page

pytestmark = pytest.mark.django_db(transaction=True)


def _dump(tmp_path, entries, name="dump.json"):
    path = tmp_path / name
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _page(title, text):
    return {"namespace": "0", "title": title, "text": text, "contributors": ["a"]}


def test_old_pages_linking_to_imported_titles_get_a_new_render_stamp(tmp_path):
    edit_page("옛 문서", "[[새 문서]]로 가는 링크", author_name="x")
    edit_page("무관한 문서", "[[다른 곳]]", author_name="x")
    stamps = dict(Document.objects.values_list("title", "render_stamp"))
    dump = _dump(tmp_path, [_page("새 문서", "새로 온 글"), _page("또 새 문서", "[[옛 문서]]")])
    assert cli.main(["import", dump, "--jobs", "1", "--quiet"]) == 0
    after = dict(Document.objects.values_list("title", "render_stamp"))
    assert after["옛 문서"] > stamps["옛 문서"]
    assert after["무관한 문서"] == stamps["무관한 문서"]


def test_a_finished_dump_is_not_imported_again_unless_asked(tmp_path, capsys):
    dump = _dump(tmp_path, [_page("가", "첫 글")])
    assert cli.main(["import", dump, "--jobs", "1", "--quiet"]) == 0
    run = ImportRun.objects.get()
    assert run.phase == ImportRun.Phase.DONE and run.position == 1 and run.created == 1
    assert cli.main(["import", dump, "--jobs", "1", "--quiet"]) == 0
    assert "이미 가져온" in capsys.readouterr().err
    assert ImportRun.objects.count() == 1
    edit_page("가", "바뀐 글", author_name="x")
    assert cli.main(["import", dump, "--jobs", "1", "--quiet", "--again"]) == 0
    assert Revision.objects.filter(document__title="가").count() == 3  # the dump's text once more, as an edit
    assert ImportRun.objects.count() == 2


def test_a_limited_run_is_a_run_of_its_own(tmp_path):
    dump = _dump(tmp_path, [_page("하나", "1"), _page("둘", "2"), _page("셋", "3")])
    assert cli.main(["import", dump, "--jobs", "1", "--quiet", "--limit", "1"]) == 0
    assert Document.objects.filter(title__in=["하나", "둘", "셋"]).count() == 1
    assert cli.main(["import", dump, "--jobs", "1", "--quiet"]) == 0
    assert Document.objects.filter(title__in=["하나", "둘", "셋"]).count() == 3
    assert Revision.objects.filter(document__title="하나").count() == 1


def test_indexes_dropped_for_the_load_are_built_again(tmp_path):
    from django.db import connection

    def names():
        with connection.cursor() as cursor:
            return {name for name, c in connection.introspection.get_constraints(cursor, "documents_pagelink").items()
                    if c["index"]}

    before = names()
    run = ImportRun.objects.create(dump_identity="x", dump_name="x", started_at="2026-01-01T00:00Z",
                                   updated_at="2026-01-01T00:00Z")
    indexes.drop_for_load(run)
    assert "pagelink_target_kind_source" not in names()
    run.refresh_from_db()
    assert run.dropped_indexes
    assert indexes.restore(run) >= 1
    assert names() == before
    assert ImportRun.objects.get(pk=run.pk).dropped_indexes == []


def test_a_large_import_leaves_fresh_planner_statistics(tmp_path, monkeypatch):
    from django.db import connection

    from seedwiki.documents.importing import run as import_run

    monkeypatch.setattr(import_run, "ANALYZE_AFTER", 5)  # "large" for the test: 12 pages
    dump = _dump(tmp_path, [_page(f"문서 {n}", f"[[문서 {n + 1}]]") for n in range(12)])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT now()")
            started = cursor.fetchone()[0]
    assert cli.main(["import", dump, "--jobs", "1", "--quiet"]) == 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'documents_document'")
            analysed = cursor.fetchone()[0]
            assert analysed is not None and analysed >= started
        else:  # sqlite_stat1's first number is the table's row count when it was analysed
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'documents_document' AND stat IS NOT NULL")
            counts = {int(row[0].split()[0]) for row in cursor.fetchall()}
            assert counts == {12}
