"""`seedwiki import` killed with SIGKILL in the middle, then run again with the same command,
leaves exactly what one uninterrupted import of the dump leaves: every page once, the right number
of revisions, and the same link rows and search index.

Runs on the database the suite runs on: SQLite files, or (SEEDWIKI_DATABASE_URL, the `-m storage`
PostgreSQL run) two fresh databases on that server, created and dropped here.
"""
from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from serving_helpers import server_env

pytestmark = pytest.mark.storage

HERE = Path(__file__).resolve().parent
SECRET = "import-resume-test-key-0123456789abcdefghijklmnop"
PAGES = 3000
REPEATED = ["문서 7", "문서 1500", "문서 2990"]  # each appears a second time, later, with new text
SYLLABLES = "가나다라마바사아자차카타파하바람구름하늘별빛"


def _text(rng: random.Random, n: int) -> str:
    words = " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(40))
    links = " ".join(f"[[문서 {rng.randrange(PAGES + 500)}]]" for _ in range(rng.randint(2, 12)))
    include = "[include(틀:공통, 이름=값)]\n" if n % 3 == 0 else ""
    return f"{include}== 문단 {n} ==\n{words} {links}\n[[분류:묶음 {n % 7}]]\n"


def _write_dump(path: Path) -> None:
    rng = random.Random(5)
    entries = [{"namespace": "1", "title": "공통", "text": "'''@이름@''' 공통 상자", "contributors": ["a"]}]
    for n in range(PAGES):
        text = f"#redirect 문서 {rng.randrange(PAGES)}\n" if n % 10 == 9 else _text(rng, n)
        entries.append({"namespace": "0", "title": f"문서 {n}", "text": text, "contributors": [f"기여자{n % 13}"]})
    for title in REPEATED:
        entries.append({"namespace": "0", "title": title, "text": f"다시 쓴 {title} [[문서 1]] 바람", "contributors": []})
    entries.append({"namespace": "7", "title": "토론", "text": "건너뜀", "contributors": []})
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")


class Wiki:
    """A data folder and its database (a SQLite file, or a fresh PostgreSQL database)."""

    def __init__(self, name: str, base_url: str):
        self.folder = Path(tempfile.mkdtemp(prefix=f"seedwiki-resume-{name}-"))
        self.env = server_env(self.folder, SECRET)
        self.base_url, self.database = base_url, None
        if base_url:
            import psycopg

            parts = urlsplit(base_url)
            self.database = f"{parts.path.lstrip('/') or 'postgres'}_resume_{name}"
            with psycopg.connect(base_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{self.database}"')
            self.env["SEEDWIKI_DATABASE_URL"] = parts._replace(path="/" + self.database).geturl()

    def seedwiki(self, *args, timeout=600) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "seedwiki", *args], env=self.env, cwd=self.folder,
                              capture_output=True, text=True, timeout=timeout)

    def position(self) -> int:
        """The import run's committed checkpoint (0 before its first batch)."""
        return self.scalar("SELECT coalesce(max(position), 0) FROM documents_importrun")

    def has_index(self, name: str) -> bool:
        if self.database:
            return bool(self.scalar(f"SELECT count(*) FROM pg_indexes WHERE indexname = '{name}'"))
        return bool(self.scalar(f"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '{name}'"))

    def scalar(self, sql: str):
        try:
            if self.database:
                import psycopg

                with psycopg.connect(self.env["SEEDWIKI_DATABASE_URL"]) as conn:
                    return conn.execute(sql).fetchone()[0]
            with contextlib.closing(sqlite3.connect(self.folder / "seedwiki.sqlite3", timeout=30)) as conn:
                return conn.execute(sql).fetchone()[0]
        except Exception:  # the table is not there yet
            return 0

    def fingerprint(self) -> dict:
        done = subprocess.run([sys.executable, str(HERE / "import_fingerprint.py")], env=self.env,
                              cwd=self.folder, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout)

    def remove(self) -> None:
        if self.database:
            import psycopg

            with psycopg.connect(self.base_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        shutil.rmtree(self.folder, ignore_errors=True)


def _database_url() -> str:
    url = os.environ.get("SEEDWIKI_DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def test_killed_import_then_rerun_equals_one_clean_import():
    base_url = _database_url()
    clean, killed = Wiki("clean", base_url), Wiki("killed", base_url)
    importer = None
    try:
        dump = clean.folder / "dump.json"
        _write_dump(dump)
        command = ["import", str(dump), "--batch", "100", "--jobs", "2", "--indexes-after", "yes", "--quiet"]
        for wiki in (clean, killed):
            assert wiki.seedwiki("init").returncode == 0

        done = clean.seedwiki(*command)
        assert done.returncode == 0, done.stderr[-3000:]

        importer = subprocess.Popen([sys.executable, "-m", "seedwiki", *command], env=killed.env,
                                    cwd=killed.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while killed.position() < 500 and importer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert importer.poll() is None, "the import ended before it could be killed in the middle"
        os.kill(importer.pid, signal.SIGKILL)
        importer.wait(30)
        at_kill = killed.position()
        assert 500 <= at_kill < PAGES, at_kill
        assert not killed.has_index("pagelink_target_kind_source")  # left out during the load

        again = killed.seedwiki(*command)
        assert again.returncode == 0, again.stderr[-3000:]
        assert "이어서" in again.stdout + again.stderr  # it went on from the checkpoint

        expected, got = clean.fingerprint(), killed.fingerprint()
        titles = [page[0] for page in got["pages"]]
        assert len(titles) == len(set(titles))
        for n in range(PAGES):
            assert f"문서 {n}" in titles
        numbers = {(rev[0], rev[1]) for rev in got["revisions"]}
        assert len(numbers) == len(got["revisions"])  # no revision twice
        for title in REPEATED:
            assert (title, 2) in numbers and (title, 3) not in numbers
        assert len(got["revisions"]) == len(expected["revisions"])
        assert got["links"] and got["search_rows"] and got["found"]["바람"][0] > 0
        assert "pagelink_target_kind_source" in got["indexes"]["documents_pagelink"]  # built again after the load
        for part in ("indexes", "pages", "revisions", "links", "search_rows", "found", "fts_ok"):
            assert got[part] == expected[part], part

        third = killed.seedwiki(*command)  # the same command once more: nothing left to do
        assert third.returncode == 0 and "이미 가져온" in third.stdout + third.stderr
        assert killed.fingerprint()["revisions"] == expected["revisions"]
    finally:
        if importer is not None and importer.poll() is None:
            importer.kill()
            importer.wait(30)
        clean.remove()
        killed.remove()
