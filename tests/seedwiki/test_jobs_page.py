"""/admin/jobs (administrators only) and `seedwiki jobs` (list, --retry, --run-pending)."""
from __future__ import annotations

import pytest

from seedwiki.cli import main
from seedwiki.jobs import core
from seedwiki.jobs.models import Job

from acl_helpers import make_user
from jobs_helpers import database_runner, make_includers
from pages_helpers import body, save, visible_text

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _database_runner(monkeypatch):
    database_runner(monkeypatch, SEEDWIKI_FANOUT_INLINE="2")


def _one_done_fanout_and_one_failed() -> tuple[Job, Job]:
    save("틀:페이지틀", "옛")
    make_includers("틀:페이지틀", 6)
    save("틀:페이지틀", "새")
    core.drain()
    failed = Job.objects.create(kind="fanout", args={"changed": 5}, max_attempts=1)  # not a list: the task fails
    core.drain()
    failed.refresh_from_db()
    return Job.objects.get(kind="fanout", state="done"), failed


def test_administrators_see_counts_durations_and_fanout_times(client):
    done, failed = _one_done_fanout_and_one_failed()
    assert failed.state == "failed"
    Job.objects.create(kind="fanout", args={"appeared_or_gone": [], "changed": ["틀:대기"]})
    client.force_login(make_user("관리자", perms=["admin"]))
    response = client.get("/admin/jobs")
    assert response.status_code == 200
    text = visible_text(body(response))
    assert "작업 대기열" in text
    assert "대기 중 1" in text and "실패 1" in text and "완료 1" in text and "실행 중 0" in text
    assert "가장 오래 기다린 작업" in text and "초" in text
    assert "틀·링크 갱신" in text and "틀:페이지틀" in text
    assert f"{done.latency.total_seconds():.3f}s" in text  # how long the including pages waited
    assert "TypeError" in text  # the failed job's last error


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_others_get_403_with_the_reason(client, who):
    if who == "member":
        client.force_login(make_user("회원"))
    response = client.get("/admin/jobs")
    assert response.status_code == 403
    assert "admin 권한이 부족합니다" in visible_text(body(response))


def test_seedwiki_jobs_lists_retries_and_drains(capsys):
    done, failed = _one_done_fanout_and_one_failed()
    assert main(["jobs"]) == 0
    out = capsys.readouterr().out
    assert "pending: 0  running: 0  done: 1  failed: 1" in out
    assert f"#{failed.pk} fanout attempts=1: TypeError" in out
    Job.objects.filter(id=failed.pk).update(args={"appeared_or_gone": [], "changed": ["틀:페이지틀"]})
    assert main(["jobs", "--retry", str(failed.pk), "--run-pending"]) == 0
    out = capsys.readouterr().out
    assert "다시 대기합니다" in out and "처리한 작업: 1" in out and "done: 2  failed: 0" in out
    assert main(["jobs", "--retry", str(done.pk)]) == 1  # a done job is not retried
