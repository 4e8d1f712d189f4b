"""/admin/jobs (administrators only) and `seedwiki jobs` (list, --retry, --run-pending)."""
from __future__ import annotations

import pytest
from django.template.defaultfilters import floatformat

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
    # How long the including pages waited, rounded as the page rounds it (half up: a latency of
    # exactly 6.5 ms is 0.007s there, 0.006s by Python's float formatting).
    assert f"{floatformat(done.latency.total_seconds(), 3)}s" in text
    assert "TypeError" in text  # the failed job's last error


def test_holders_of_manage_jobs_see_it_without_being_admins(client):
    client.force_login(make_user("대기열 담당", perms=["manage_jobs"]))
    assert client.get("/admin/jobs").status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "member", "grant holder"])
def test_others_get_403_with_the_reason(client, who):
    if who != "anonymous":
        client.force_login(make_user("회원", perms=["grant"] if who == "grant holder" else []))
    response = client.get("/admin/jobs")
    assert response.status_code == 403
    assert "작업 대기열 관리 권한이 부족합니다. manage_jobs, admin 중 하나의 권한이 필요합니다." in visible_text(body(response))


def test_the_decision_is_can_with_a_site_action():
    from seedwiki.permissions.decide import can
    from seedwiki.permissions.subject import Subject

    assert can(Subject.for_user(make_user("관리", perms=["admin"])), "manage_jobs")
    assert can(Subject.system(), "manage_jobs")
    refused = can(Subject(ip="192.0.2.9"), "manage_jobs")
    assert not refused and "manage_jobs" in refused.message
    with pytest.raises(ValueError):
        can(Subject.system(), "manage_everything")


def test_the_retry_button_posts_with_the_csrf_token(client):
    from django.test import Client

    failed = Job.objects.create(kind="fanout", args={"changed": 5}, max_attempts=1)
    core.drain()
    manager = make_user("관리자", perms=["admin"])
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(manager)
    page = body(browser.get("/admin/jobs"))
    retry_url = f"/admin/jobs/{failed.pk}/retry"
    assert f'action="{retry_url}"' in page and "다시 시도" in visible_text(page)
    assert browser.post(retry_url).status_code == 403  # no CSRF token
    assert Job.objects.get(pk=failed.pk).state == "failed"
    token = browser.cookies["csrftoken"].value
    response = browser.post(retry_url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == f"/admin/jobs?retried={failed.pk}"
    assert Job.objects.get(pk=failed.pk).state == "pending"
    assert f"작업 {failed.pk}을(를) 다시 대기시켰습니다." in visible_text(body(browser.get(response["Location"])))
    assert browser.get(retry_url).status_code == 405


def test_a_retry_by_someone_else_is_refused_and_changes_nothing(client):
    failed = Job.objects.create(kind="fanout", args={"changed": 5}, max_attempts=1)
    core.drain()
    client.force_login(make_user("회원"))
    response = client.post(f"/admin/jobs/{failed.pk}/retry")
    assert response.status_code == 403 and "작업 대기열 관리 권한이 부족합니다" in visible_text(body(response))
    assert Job.objects.get(pk=failed.pk).state == "failed"


def test_queued_rebuilds_show_their_progress(client):
    save("진행 문서", "글")
    Job.objects.create(kind="rebuild", state="running", args={}, progress={"after": 1, "done": 150, "total": 600})
    client.force_login(make_user("관리자", perms=["admin"]))
    page = body(client.get("/admin/jobs"))
    assert '<progress max="100" value="25">' in page and "150/600 (25%)" in visible_text(page)
    assert "다시 계산" in visible_text(page) and "실행 중" in visible_text(page)


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


def test_the_page_and_the_refusal_in_english(client):
    refused = visible_text(body(client.get("/admin/jobs", HTTP_ACCEPT_LANGUAGE="en")))
    assert "You may not manage the job queue. It needs one of these permissions: manage_jobs, admin." in refused
    Job.objects.create(kind="search_index", args={"document": 1})
    client.force_login(make_user("관리자", perms=["admin"]))
    page = visible_text(body(client.get("/admin/jobs", HTTP_ACCEPT_LANGUAGE="en")))
    body_ko = visible_text(body(client.get("/admin/jobs", HTTP_ACCEPT_LANGUAGE="ko")))  # last: the thread keeps its language
    assert "Job queue" in page and "Search index" in page and "Pending" in page and "작업" not in page
    assert "검색 색인" in body_ko
