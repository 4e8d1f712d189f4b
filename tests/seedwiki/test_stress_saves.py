"""Stress: 24 writers saving different pages and 24 readers reading them, at once, through a real
`seedwiki serve` with two worker processes (threads in each), for a fixed number of operations.

Every save answered as saved must be in the history and read back as the text that was sent; no
answer may be a 5xx; no server process may die; `seedwiki check` must find every blob readable.
Runs on SQLite, and on PostgreSQL in the `-m storage` run (SEEDWIKI_TEST_DATABASE_URL), where the
server gets a database of its own.
"""
from __future__ import annotations

import http.cookiejar
import os
import random
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from serving_helpers import DATA_DIRS, running_wiki, server_database

pytestmark = pytest.mark.storage

WRITERS, READERS = 24, 24
SAVES_PER_WRITER, READS_PER_READER = 4, 12
SECRET = "stress-test-key-0123456789abcdefghijklmnopqrstuvwxyz"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BASE_REV = re.compile(r'name="base_rev" value="(\d+)"')


def _quoted(title: str) -> str:
    return urllib.parse.quote(title, safe="/:()!,'*")


class Client:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.statuses: list[int] = []

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=120) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
        self.statuses.append(status)
        return status, text


def _text(writer: int, save: int) -> str:
    rng = random.Random(writer * 100 + save)
    lines = [f"== 작성자 {writer}의 {save}번째 저장 ==", f"[[스트레스 {(writer + 1) % WRITERS}]]"]
    lines += ["".join(chr(rng.randrange(0xAC00, 0xD7A4)) for _ in range(40)) for _ in range(rng.randint(5, 60))]
    return "\n".join(lines)


def _writer(base: str, index: int, saved: list, errors: list, barrier) -> None:
    client = Client(base)
    title = f"스트레스 {index}"
    try:
        barrier.wait(timeout=60)
        for number in range(SAVES_PER_WRITER):
            status, form = client.request(f"/edit/{_quoted(title)}")
            assert status == 200, (status, form[:300])
            text = _text(index, number)
            status, _ = client.request(f"/edit/{_quoted(title)}", {
                "csrfmiddlewaretoken": CSRF.search(form).group(1), "base_rev": BASE_REV.search(form).group(1),
                "text": text, "summary": f"저장 {number}"})
            if status == 200:  # followed the redirect to the page: saved
                saved.append((title, number + 1, text))
    except Exception as error:  # noqa: BLE001 — reported by the test
        errors.append(f"writer {index}: {error!r}")
    finally:
        errors.extend(f"writer {index}: HTTP {s}" for s in client.statuses if s >= 500)


def _reader(base: str, index: int, errors: list, barrier) -> None:
    client = Client(base)
    rng = random.Random(index)
    try:
        barrier.wait(timeout=60)
        for _ in range(READS_PER_READER):
            title = _quoted(f"스트레스 {rng.randrange(WRITERS)}")
            client.request(f"/{rng.choice(['w', 'raw', 'history'])}/{title}")
    except Exception as error:  # noqa: BLE001
        errors.append(f"reader {index}: {error!r}")
    finally:
        errors.extend(f"reader {index}: HTTP {s}" for s in client.statuses if s >= 500)


def test_concurrent_writers_and_readers_lose_nothing_and_never_fail():
    # 24 anonymous writers share 127.0.0.1: the per-IP edit rate limit is not what this test is about.
    with server_database("seedwiki_stress") as database, running_wiki("seedwiki-stress-", SECRET, "/License", ("--workers", "2"),
                                                      {**database, "SEEDWIKI_RATE_LIMITS": "edit.ip=off"}) as base:
        saved: list = []
        errors: list = []
        barrier = threading.Barrier(WRITERS + READERS)
        threads = [threading.Thread(target=_writer, args=(base, i, saved, errors, barrier)) for i in range(WRITERS)]
        threads += [threading.Thread(target=_reader, args=(base, i, errors, barrier)) for i in range(READERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(600)
            assert not thread.is_alive(), "a client hung"
        assert errors == []
        # Each writer saves its own page, so every save must have gone through.
        assert len(saved) == WRITERS * SAVES_PER_WRITER

        checker = Client(base)
        for title, number, text in saved:
            status, raw = checker.request(f"/raw/{_quoted(title)}?rev={number}")
            assert status == 200 and raw == text, (title, number)

        data_dir = DATA_DIRS[base]
        env = {k: v for k, v in os.environ.items() if not k.startswith("SEEDWIKI_")}
        env.update({"SEEDWIKI_DATA": str(data_dir), "SEEDWIKI_SECRET_KEY": SECRET, **database,
                    "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[2] / "src"),
                                                                env.get("PYTHONPATH", "")]))})
        check = subprocess.run([sys.executable, "-m", "seedwiki", "check"], env=env, cwd=data_dir,
                               capture_output=True, text=True, timeout=300)
        assert check.returncode == 0, check.stderr[-3000:]
        assert "손상된 판 0개" in check.stderr

        log = (data_dir / "server.log").read_text(errors="replace")
        for sign in ("died", "Traceback", "ZstdError", "malloc", "Segmentation"):
            assert sign not in log, log[-3000:]

