"""PostgreSQL: an import into the partitioned search_entry (search/partitions.py) builds the
page-text index on each partition, attaches both to the parent index, and search finds pages of
both partitions; an import killed while one partition's index is being built finishes the job
when run again."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from serving_helpers import server_env

from seedwiki import cli, search
from seedwiki.documents.importing.run_record import ImportRun

pytestmark = [pytest.mark.storage, pytest.mark.django_db(transaction=True)]
CONTENT_INDEX = "search_entry_content_trgm"
PAGES = 1000  # the load lasts a few seconds: time to hold the second partition's name
SECRET = "import-partitions-test-key-0123456789abcdefghijklmn"


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("search_entry is partitioned on PostgreSQL only (SQLite keeps one table and its FTS5 index)")


def _write_dump(path: Path, pages: int = 200) -> Path:
    entries = [{"namespace": "0", "title": f"문서 {n}", "text": f"바람개비 {n}번 [[문서 {n + 1}]] 구름 사이로",
                "contributors": ["a"]} for n in range(pages)]
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return path


def _index_parts(cursor, parent: str) -> dict[str, tuple[str, bool]]:
    """{partition index: (its table, valid)} of the partitioned index ``parent``."""
    cursor.execute("SELECT c.relname, t.relname, x.indisvalid FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                   "JOIN pg_index x ON x.indexrelid = c.oid JOIN pg_class t ON t.oid = x.indrelid "
                   "WHERE i.inhparent = to_regclass(%s)", [parent])
    return {name: (table, valid) for name, table, valid in cursor.fetchall()}


def _parent_index_valid(cursor, name: str) -> bool:
    cursor.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)", [name])
    row = cursor.fetchone()
    return bool(row and row[0])


def test_an_import_builds_the_text_index_on_each_partition_and_search_finds_both(tmp_path):
    dump = _write_dump(tmp_path / "dump.json")
    assert cli.main(["import", str(dump), "--jobs", "1", "--quiet", "--indexes-after", "yes"]) == 0
    assert ImportRun.objects.get().dropped_indexes == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = 'search_entry'::regclass")
        assert cursor.fetchone()[0] == "p"
        assert _parent_index_valid(cursor, CONTENT_INDEX)
        assert _index_parts(cursor, CONTENT_INDEX) == {
            "search_entry_p0_content_trgm": ("search_entry_p0", True),
            "search_entry_p1_content_trgm": ("search_entry_p1", True),
        }
        cursor.execute("SELECT tableoid::regclass::text, count(*) FROM search_entry GROUP BY 1 ORDER BY 1")
        rows_per_partition = dict(cursor.fetchall())
        cursor.execute("SELECT document_id, tableoid::regclass::text FROM search_entry")
        partition_of = dict(cursor.fetchall())
    assert set(rows_per_partition) == {"search_entry_p0", "search_entry_p1"}
    assert sum(rows_per_partition.values()) == 200
    total, hits = search.query("바람개비", limit=100, target="content")
    hits += search.query("바람개비", limit=100, offset=100, target="content")[1]
    assert total == 200 and sorted(hit.document.pk for hit in hits) == sorted(partition_of)
    total, hits = search.query("바람개비 137번")
    assert (total, [hit.document.title for hit in hits]) == (1, ["문서 137"])


class _Wiki:
    """A data folder and a fresh database of its own (the import runs as a process, to be killed)."""

    def __init__(self, base_url: str):
        import psycopg

        self.folder = Path(tempfile.mkdtemp(prefix="seedwiki-partitions-"))
        self.env = server_env(self.folder, SECRET)
        parts = urlsplit(base_url)
        self.base_url, self.database = base_url, f"{parts.path.lstrip('/') or 'postgres'}_partitions_kill"
        with psycopg.connect(base_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{self.database}"')
        self.url = parts._replace(path="/" + self.database).geturl()
        self.env["SEEDWIKI_DATABASE_URL"] = self.url

    def seedwiki(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "seedwiki", *args], env=self.env, cwd=self.folder,
                              capture_output=True, text=True, timeout=600)

    def remove(self) -> None:
        import psycopg

        with psycopg.connect(self.base_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        shutil.rmtree(self.folder, ignore_errors=True)


def _wait_for(check, seconds: float = 120.0, pause: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(pause)
    raise AssertionError(f"still waiting after {seconds} s")


def test_an_import_killed_while_a_partition_index_builds_finishes_when_run_again(tmp_path):
    import psycopg

    wiki = _Wiki(os.environ["SEEDWIKI_DATABASE_URL"])
    importer = None
    try:
        assert wiki.seedwiki("init").returncode == 0
        dump = _write_dump(tmp_path / "dump.json", pages=PAGES)
        command = ["import", str(dump), "--jobs", "1", "--quiet", "--indexes-after", "yes"]
        with psycopg.connect(wiki.url, autocommit=True) as watch, psycopg.connect(wiki.url) as blocker:
            importer = subprocess.Popen([sys.executable, "-m", "seedwiki", *command], env=wiki.env,
                                        cwd=wiki.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _wait_for(lambda: watch.execute("SELECT 1 FROM documents_importrun "
                                            "WHERE jsonb_array_length(dropped_indexes) > 0").fetchone(), pause=0.02)
            # Once the load dropped the indexes, an uncommitted table of the name the second
            # partition's index gets: that build runs, then waits to write its name until this
            # transaction ends (the first partition's is not held).
            blocker.execute("CREATE TABLE search_entry_p1_content_trgm ()")
            assert watch.execute("SELECT phase FROM documents_importrun").fetchone()[0] == ImportRun.Phase.LOADING

            def held_build():
                return watch.execute("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                     "AND query LIKE 'CREATE INDEX IF NOT EXISTS search_entry_p1_content_trgm%'").fetchone()

            build_pid = _wait_for(held_build)[0]
            _wait_for(lambda: watch.execute("SELECT to_regclass('search_entry_p0_content_trgm')").fetchone()[0])
            assert importer.poll() is None
            os.kill(importer.pid, signal.SIGKILL)
            importer.wait(30)
            # Its server process notices the client is gone (client_connection_check_interval)
            # and stops, rather than finishing the build after the rerun started its own.
            _wait_for(lambda: not watch.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s",
                                                [build_pid]).fetchone(), seconds=60)
            assert watch.execute("SELECT phase FROM documents_importrun").fetchone()[0] == ImportRun.Phase.FINISHING
            blocker.rollback()

            again = wiki.seedwiki(*command)
            assert again.returncode == 0, again.stderr[-3000:]
            cursor = watch.cursor()
            assert cursor.execute("SELECT phase, dropped_indexes FROM documents_importrun").fetchone() == (
                ImportRun.Phase.DONE, [])
            assert _parent_index_valid(cursor, CONTENT_INDEX)
            assert _index_parts(cursor, CONTENT_INDEX) == {
                "search_entry_p0_content_trgm": ("search_entry_p0", True),
                "search_entry_p1_content_trgm": ("search_entry_p1", True),
            }
            # Every text index of a partition is the attached one: none was built twice.
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename LIKE 'search_entry_p_' "
                           "AND indexdef LIKE '%(content gin_trgm_ops)%'")
            assert cursor.fetchone()[0] == 2
            cursor.execute("SELECT count(*) FROM search_entry WHERE content LIKE '%바람개비%'")
            assert cursor.fetchone()[0] == PAGES
    finally:
        if importer is not None and importer.poll() is None:
            importer.kill()
            importer.wait(30)
        wiki.remove()
