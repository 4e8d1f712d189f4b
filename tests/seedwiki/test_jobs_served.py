"""The one-machine default: `seedwiki serve` runs the jobs itself; `--no-jobs` leaves them to a worker."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from serving_helpers import DATA_DIRS, running_wiki, server_env

SECRET = "jobs-served-test-key-0123456789abcdefghijklmnop"
SETTINGS = {"SEEDWIKI_FANOUT_INLINE": "1", "SEEDWIKI_SPECIAL_LISTS_EVERY": "0"}  # only fan-out jobs here
INCLUDERS = 4


def _page(base: str, title: str) -> str:
    with urllib.request.urlopen(base + "/w/" + urllib.parse.quote(title), timeout=20) as response:
        return response.read().decode("utf-8")


def _seedwiki(base: str, *args: str) -> str:
    data_dir = DATA_DIRS[base]
    env = {**server_env(data_dir, SECRET), **SETTINGS}
    done = subprocess.run([sys.executable, "-m", "seedwiki", *args], env=env, cwd=data_dir, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def pages(tmp_path):
    """`seedwiki edit` commands making 틀:서버틀 and pages including it."""
    (tmp_path / "old").write_text("옛 서버 틀", encoding="utf-8")
    (tmp_path / "new").write_text("새 서버 틀", encoding="utf-8")
    commands = [["edit", "틀:서버틀", "--file", str(tmp_path / "old")]]
    for n in range(INCLUDERS):
        (tmp_path / f"page{n}").write_text(f"[include(틀:서버틀)] 서버 문서 {n}", encoding="utf-8")
        commands.append(["edit", f"서버 문서 {n}", "--file", str(tmp_path / f"page{n}")])
    commands.append(["jobs", "--run-pending"])  # what init and these edits left: none is waiting now
    return tmp_path, commands


def _save_template_elsewhere(base: str, folder) -> None:
    """Edit the template from another process (as a script would): the job waits in the table."""
    _seedwiki(base, "edit", "틀:서버틀", "--file", str(folder / "new"))


def test_serve_runs_the_fanout_job_itself(pages):
    folder, commands = pages
    with running_wiki("seedwiki-jobs-", SECRET, "/License", ("--workers", "1"), SETTINGS, commands) as base:
        for n in range(INCLUDERS):
            assert "옛 서버 틀" in _page(base, f"서버 문서 {n}")  # cached with the old template
        _save_template_elsewhere(base, folder)
        deadline = time.monotonic() + 60
        while "새 서버 틀" not in _page(base, f"서버 문서 {INCLUDERS - 1}"):
            assert time.monotonic() < deadline, _seedwiki(base, "jobs")
            time.sleep(0.3)
        assert all("새 서버 틀" in _page(base, f"서버 문서 {n}") for n in range(INCLUDERS))
        assert "pending: 0  running: 0" in _seedwiki(base, "jobs")


def test_serve_with_no_jobs_leaves_them_pending(pages):
    folder, commands = pages
    with running_wiki("seedwiki-nojobs-", SECRET, "/License", ("--workers", "1", "--no-jobs"), SETTINGS,
                      commands) as base:
        assert "옛 서버 틀" in _page(base, f"서버 문서 {INCLUDERS - 1}")
        _save_template_elsewhere(base, folder)
        time.sleep(3)  # several polls of a runner, had there been one
        assert "옛 서버 틀" in _page(base, f"서버 문서 {INCLUDERS - 1}")
        assert "pending: 1" in _seedwiki(base, "jobs")
        assert "처리한 작업: 1" in _seedwiki(base, "jobs", "--run-pending")
        assert "새 서버 틀" in _page(base, f"서버 문서 {INCLUDERS - 1}")
