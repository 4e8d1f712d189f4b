"""An import's end — indexes and foreign keys built again, link counts refilled, special lists
rebuilt — comes before its run is marked done, and a run stopped anywhere in it finishes when the
same command is run again. On SQLite and PostgreSQL (there the page-text index builds on a
connection of its own meanwhile)."""
from __future__ import annotations

import json

import pytest
from django.db import connection

from seedwiki import cli
from seedwiki.documents import link_counts
from seedwiki.documents.importing.run_record import ImportRun
from seedwiki.documents.models import Document, LinkCount, PageLink
from seedwiki.documents.signals import import_finishing
from seedwiki.special import cli as special_cli
from seedwiki.special.models import ListEntry

pytestmark = pytest.mark.django_db(transaction=True)  # PostgreSQL builds no index over rows with pending checks


def _dump(tmp_path) -> str:
    entries = [{"namespace": "0", "title": f"문서 {n}", "text": f"[[문서 {n + 1}]] [[없는 문서 {n % 3}]] 바람 구름",
                "contributors": ["a"]} for n in range(20)]
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _index_names(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {name for name, c in connection.introspection.get_constraints(cursor, table).items()
                if c["index"] or c["foreign_key"]}


def _unvalidated_keys() -> int:
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated")
        return cursor.fetchone()[0]


def test_lists_and_counts_are_done_before_the_run_is_marked_done(tmp_path, monkeypatch):
    monkeypatch.setattr(special_cli, "BULK_DUMP_BYTES", 0)  # link counts suspended, refilled at the end
    phases = []

    def note(sender, run, **kwargs):
        phases.append(ImportRun.objects.get(pk=run.pk).phase)

    import_finishing.connect(note, dispatch_uid="test-import-finishing", weak=False)
    try:
        assert cli.main(["import", _dump(tmp_path), "--jobs", "1", "--quiet", "--indexes-after", "yes"]) == 0
    finally:
        import_finishing.disconnect(dispatch_uid="test-import-finishing")
    assert phases == [ImportRun.Phase.FINISHING]
    assert ImportRun.objects.get().phase == ImportRun.Phase.DONE
    assert ListEntry.objects.filter(list=ListEntry.NEEDED, title="없는 문서 1").exists()
    assert LinkCount.objects.get(target="없는 문서 1", kind="ref", namespace="문서").n == 7
    assert link_counts.ensure_triggers() is False


def test_an_import_stopped_while_finishing_finishes_when_run_again(tmp_path, monkeypatch):
    monkeypatch.setattr(special_cli, "BULK_DUMP_BYTES", 0)
    links_before, search_before = _index_names("documents_pagelink"), _index_names("search_entry")
    dump = _dump(tmp_path)
    command = ["import", dump, "--jobs", "1", "--quiet", "--indexes-after", "yes"]

    def stop(sender, **kwargs):
        raise RuntimeError("stopped while finishing")

    import_finishing.connect(stop, dispatch_uid="test-import-stop", weak=False)
    try:
        with pytest.raises(RuntimeError):
            cli.main(command)
    finally:
        import_finishing.disconnect(dispatch_uid="test-import-stop")
    run = ImportRun.objects.get()
    assert run.phase == ImportRun.Phase.FINISHING and run.dropped_indexes  # not marked as restored yet
    ListEntry.objects.all().delete()  # the rerun builds them again

    assert cli.main(command) == 0
    run.refresh_from_db()
    assert run.phase == ImportRun.Phase.DONE and run.dropped_indexes == []
    assert _index_names("documents_pagelink") == links_before and _index_names("search_entry") == search_before
    assert _unvalidated_keys() == 0
    assert Document.objects.count() == 20 and PageLink.objects.filter(target="없는 문서 1").count() == 7
    assert ListEntry.objects.filter(list=ListEntry.NEEDED, title="없는 문서 1").exists()
    assert LinkCount.objects.get(target="없는 문서 1", kind="ref", namespace="문서").n == 7
    assert link_counts.ensure_triggers() is False
