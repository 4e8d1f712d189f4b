"""Helpers of the job tests: pages including a template, their render stamps, and `seedwiki`
commands run as another process against the test database."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

from seedwiki.documents.models import Document

from pages_helpers import save

SRC = Path(__file__).resolve().parents[2] / "src"

# Runs `seedwiki ARGS…` on the test database (argv[1] is its name); SEEDWIKI_TEST_CHUNK_PAUSE makes
# every fan-out chunk take that long, SEEDWIKI_TEST_CHECKPOINT_PAUSE every checkpoint of any job, so a
# test can kill the runner in the middle of a job.
_ON_TEST_DB = """
import os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
from django.conf import settings
settings.DATABASES["default"]["NAME"] = sys.argv[1]
import django
django.setup()
pause = float(os.environ.get("SEEDWIKI_TEST_CHUNK_PAUSE", "0"))
if pause:
    from seedwiki.jobs import fanout
    advance = fanout.advance
    def slow(state, chunk):
        time.sleep(pause)
        return advance(state, chunk)
    fanout.advance = slow
checkpoint_pause = float(os.environ.get("SEEDWIKI_TEST_CHECKPOINT_PAUSE", "0"))
if checkpoint_pause:
    from seedwiki.jobs.core import Step
    checkpoint = Step.checkpoint
    def slow_checkpoint(self, progress):
        checkpoint(self, progress)
        time.sleep(checkpoint_pause)
    Step.checkpoint = slow_checkpoint
from seedwiki.cli import main
sys.exit(main(sys.argv[2:]))
"""


def seedwiki_on_test_db(args: list[str], env: dict | None = None, log=None) -> subprocess.Popen:
    environment = {**os.environ, **(env or {}),
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH", "")]))}
    # Its own process group: a test can kill the command with all its children (Celery's pool).
    return subprocess.Popen([sys.executable, "-c", _ON_TEST_DB, str(connection.settings_dict["NAME"]), *args],
                            env=environment, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT,
                            start_new_session=True)


def make_includers(template: str, count: int, prefix: str = "포함 문서") -> list[int]:
    """``count`` pages including ``template``; their ids."""
    return [save(f"{prefix} {n}", f"[include({template})] 본문 {n}").document.pk for n in range(count)]


def stamps(ids: list[int]) -> dict[int, int]:
    return dict(Document.objects.filter(id__in=ids).values_list("id", "render_stamp"))


def database_runner(monkeypatch, **settings: str) -> None:
    """No broker, no eager mode: jobs wait in the table until a test drains them; plus ``settings``
    (SEEDWIKI_FANOUT_INLINE="5" …)."""
    monkeypatch.delenv("SEEDWIKI_BROKER_URL", raising=False)
    monkeypatch.delenv("SEEDWIKI_JOBS_EAGER", raising=False)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)


def kill_worker_when(ready, log_path: Path, timeout: float = 60.0):
    """Start `seedwiki worker` (with the caller's environment: its SEEDWIKI_TEST_* pauses), SIGKILL it
    as soon as ``ready()`` returns something true, and return that value."""
    log = open(log_path, "w")
    worker = seedwiki_on_test_db(["worker"], log=log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            assert worker.poll() is None, "the runner exited"
            assert time.monotonic() < deadline, "timed out waiting"
            value = ready()
            if value:
                break
            time.sleep(0.05)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        return value
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)
        log.close()
        print(log_path.read_text()[-3000:])
