"""`seedwiki rebuild --queue` and `seedwiki import DUMP --queue`: chunked, resumable jobs with
progress, run by whatever runs jobs."""
from __future__ import annotations

import json
import time

import pytest

from seedwiki import search
from seedwiki.cli import main
from seedwiki.documents.importing.run_record import ImportRun
from seedwiki.documents.models import Document, PageLink, Revision
from seedwiki.documents.services import rebuild
from seedwiki.jobs import core, stats
from seedwiki.jobs.models import Job
from seedwiki.search.models import SearchEntry

from jobs_helpers import database_runner, kill_worker_when
from pages_helpers import save

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _database_runner(monkeypatch):
    database_runner(monkeypatch, SEEDWIKI_JOB_LEASE="2")


def _wiki_with_lost_derived_rows(pages: int) -> list[int]:
    ids = [save(f"다시 {n}", f"[[다시 {n + 1}]] 재계산고유어{n}").document.pk for n in range(pages)]
    PageLink.objects.all().delete()
    SearchEntry.objects.all().delete()
    return ids


def test_rebuild_queue_makes_range_jobs_that_restore_links_and_search(capsys):
    ids = _wiki_with_lost_derived_rows(7)
    stamps_before = dict(Document.objects.values_list("id", "render_stamp"))
    assert main(["rebuild", "--queue", "--part", "3", "--batch", "2"]) == 0
    assert "다시 계산 작업 3개" in capsys.readouterr().err
    jobs = list(Job.objects.filter(kind="rebuild").order_by("id"))
    assert [(j.args["first"], j.args["last"], j.args["total"]) for j in jobs] == [
        (ids[0], ids[2], 3), (ids[3], ids[5], 3), (ids[6], ids[6], 1)]
    assert main(["rebuild", "--queue", "--part", "3", "--batch", "2"]) == 0  # the same ranges: no new jobs
    assert Job.objects.filter(kind="rebuild").count() == 3
    assert core.drain() == 3
    assert all(j.state == "done" for j in Job.objects.filter(kind="rebuild"))
    assert [stats.progress_of(j)["percent"] for j in Job.objects.filter(kind="rebuild")] == [100, 100, 100]
    assert PageLink.objects.filter(kind="link").count() == 7
    assert [hit.document.full_title for hit in search.query("재계산고유어4")[1]] == ["다시 4"]
    assert all(stamp > stamps_before[pk] for pk, stamp in Document.objects.values_list("id", "render_stamp"))


def test_a_failed_rebuild_job_resumes_after_its_last_batch(monkeypatch):
    _wiki_with_lost_derived_rows(6)
    main(["rebuild", "--queue", "--batch", "2"])
    written, real = [], rebuild.write_batch

    def fail_on_the_second_batch(documents, *args, **kwargs):
        if len(written) == 1:
            written.append("failed")
            raise RuntimeError("디스크가 가득 참")
        written.append([d.title for d in documents])
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(rebuild, "write_batch", fail_on_the_second_batch)
    core.drain()
    job = Job.objects.get(kind="rebuild")
    assert job.state == "pending" and job.progress["done"] == 2 and "디스크가 가득 참" in job.last_error
    core.retry(job.pk)
    core.drain()
    job.refresh_from_db()
    assert job.state == "done" and job.progress == {"after": job.args["last"], "done": 6, "total": 6}
    assert written == [["다시 0", "다시 1"], "failed", ["다시 2", "다시 3"], ["다시 4", "다시 5"]]
    assert PageLink.objects.filter(kind="link").count() == 6


def test_a_page_saved_while_its_batch_is_rebuilt_keeps_what_its_save_derived(monkeypatch):
    _wiki_with_lost_derived_rows(2)
    main(["rebuild", "--queue"])
    real = rebuild.analyse_here

    def analyse_then_an_edit(documents, texts):
        analyses = real(documents, texts)
        save("다시 0", "[[새 링크]] 편집된고유어")  # after the job read the page, before it writes
        return analyses

    monkeypatch.setattr(rebuild, "analyse_here", analyse_then_an_edit)
    core.drain()
    assert set(PageLink.objects.filter(source__title="다시 0").values_list("target", flat=True)) == {"새 링크"}
    assert [hit.document.title for hit in search.query("편집된고유어")[1]] == ["다시 0"]
    assert PageLink.objects.filter(source__title="다시 1", target="다시 2").exists()


def _dump(tmp_path, count: int) -> str:
    entries = [{"namespace": "0", "title": f"가져온 {n}", "text": f"가져온고유어 [[가져온 {n + 1}]]",
                "contributors": ["a"]} for n in range(count)]
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_import_queue_adds_one_job_that_a_runner_imports(tmp_path, capsys):
    dump = _dump(tmp_path, 5)
    assert main(["import", dump, "--queue", "--batch", "2"]) == 0
    assert main(["import", dump, "--queue", "--batch", "2"]) == 0  # waiting already: the same job
    assert "대기열에 넣었습니다" in capsys.readouterr().err
    job = Job.objects.get(kind="import")
    assert job.args["dump"] == str(tmp_path / "dump.json") and Document.objects.count() == 0
    assert core.drain() == 1
    job.refresh_from_db()
    assert job.state == "done" and job.progress["created"] == 5 and stats.progress_of(job)["percent"] == 100
    assert Document.objects.filter(title__startswith="가져온 ").count() == 5
    assert main(["import", dump, "--queue"]) == 0 and main(["import", "/없는/덤프.json", "--queue"]) == 2


def test_an_import_job_whose_runner_was_killed_resumes_the_same_run(tmp_path, monkeypatch):
    dump = _dump(tmp_path, 40)
    main(["import", dump, "--queue", "--batch", "5", "--again"])
    job = Job.objects.get(kind="import")
    monkeypatch.setenv("SEEDWIKI_TEST_CHECKPOINT_PAUSE", "0.3")

    def mid_import():
        job.refresh_from_db()
        return 0 < (job.progress or {}).get("docs", 0) < 40
    kill_worker_when(mid_import, tmp_path / "worker.log")
    job.refresh_from_db()
    docs_at_kill = job.progress["docs"]
    assert job.state == "running" and 0 < docs_at_kill < 40
    time.sleep(2.5)  # the dead runner's lease runs out
    assert core.drain() == 1
    job.refresh_from_db()
    assert job.state == "done" and job.attempts == 2 and "lease expired" in job.last_error
    assert ImportRun.objects.count() == 1  # --again opened one run; the second attempt went on with it
    run = ImportRun.objects.get()
    assert run.phase == ImportRun.Phase.DONE and run.created == 40
    assert Document.objects.filter(title__startswith="가져온 ").count() == 40
    assert Revision.objects.filter(document__title__startswith="가져온 ").count() == 40
