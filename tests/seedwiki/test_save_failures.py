"""When the database refuses a save (read-only, full, busy) the editor comes back with the text and
summary as sent, a message that says what happened, and HTTP 503 — never a bare 500 page, never a
lost text. Run on SQLite and (with SEEDWIKI_TEST_DATABASE_URL) on PostgreSQL."""
from __future__ import annotations

import random
import shutil
import sqlite3
import threading
from contextlib import contextmanager
from html import unescape

import pytest
from django.db import connection
from pages_helpers import body, latest_text, save, url
from tmpfs_helpers import fill, small_tmpfs

pytestmark = pytest.mark.django_db(transaction=True)

# Random syllables: the text stays large after compression, so storing it must grow the database.
_RANDOM = random.Random(7)
TEXT = "지켜야 할 편집 내용 <b>그대로</b>\n" + "\n".join(
    "".join(chr(_RANDOM.randrange(0xAC00, 0xD7A4)) for _ in range(60)) for _ in range(1000))
SUMMARY = "요약도 그대로"


def _post(client):
    return client.post(url("edit", "실패 문서"), {"text": TEXT, "summary": SUMMARY, "base_rev": "1"})


def _assert_editor_kept_the_text(response, words: str):
    assert response.status_code == 503
    assert response["Retry-After"]
    html = body(response)
    assert words in html
    assert "<textarea" in html
    textarea = html.split("<textarea", 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
    assert unescape(textarea).replace("\r\n", "\n").strip("\n") == TEXT.strip("\n")
    assert f'value="{SUMMARY}"' in html


@contextmanager
def _read_only():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = 1")
        else:
            cursor.execute("SET default_transaction_read_only = on")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA query_only = 0")
            else:
                cursor.execute("SET default_transaction_read_only = off")


@contextmanager
def _busy():
    """Another connection holds the write lock (SQLite) or the page's row (PostgreSQL)."""
    held, release, done = threading.Event(), threading.Event(), threading.Event()
    if connection.vendor == "sqlite":
        other = sqlite3.connect(str(connection.settings_dict["NAME"]), isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 200")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA busy_timeout = 20000")
        return
    import psycopg
    from django.db import connections

    settings = connections["default"].get_connection_params()

    def hold():
        with psycopg.connect(**{k: v for k, v in settings.items() if k != "cursor_factory"}) as other:
            with other.transaction():
                other.execute("SELECT id FROM documents_document WHERE title = %s FOR UPDATE", ["실패 문서"])
                held.set()
                release.wait(30)
        done.set()

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(30)
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '200ms'")
    try:
        yield
    finally:
        release.set()
        thread.join(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")


@contextmanager
def _full():
    """SQLite: the database may not grow past its current size (SQLITE_FULL, as on a full disk).
    PostgreSQL: the blob table moves to a tablespace on a tiny tmpfs that is then filled up."""
    if connection.vendor != "sqlite":
        with _full_postgres_tablespace():
            yield
        return
    with connection.cursor() as cursor:
        # Free pages left by earlier tests' flushes would take the save without growing the file.
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA max_page_count = 1073741823")


def test_read_only_database_keeps_the_text(client):
    save("실패 문서", "처음 내용")
    with _read_only():
        response = _post(client)
    _assert_editor_kept_the_text(response, "읽기 전용")
    assert latest_text("실패 문서") == "처음 내용"


def test_busy_database_keeps_the_text_and_says_try_again(client):
    save("실패 문서", "처음 내용")
    with _busy():
        response = _post(client)
    _assert_editor_kept_the_text(response, "잠시 후 다시 시도해 주세요")
    assert latest_text("실패 문서") == "처음 내용"
    assert _post(client).status_code == 302  # once the lock is gone the same form saves


@contextmanager
def _full_postgres_tablespace():
    with small_tmpfs("2m") as disk:
        location = disk / "pg"
        location.mkdir()
        shutil.chown(location, "postgres", "postgres")
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLESPACE IF EXISTS seedwiki_full_test")
            cursor.execute(f"CREATE TABLESPACE seedwiki_full_test LOCATION '{location}'")
            cursor.execute("ALTER TABLE documents_blob SET TABLESPACE seedwiki_full_test")
        try:
            fill(disk)
            yield
        finally:
            (disk / "filler").unlink(missing_ok=True)
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE documents_blob SET TABLESPACE pg_default")
                cursor.execute("DROP TABLESPACE seedwiki_full_test")


def test_full_database_keeps_the_text(client):
    save("실패 문서", "처음 내용")
    with _full():
        response = _post(client)
    _assert_editor_kept_the_text(response, "저장 공간이 가득 차서")
    assert latest_text("실패 문서") == "처음 내용"


def test_other_writes_refused_by_the_database_answer_503_with_the_reason(client):
    with _read_only():
        response = client.post("/member/signup", {"username": "읽기전용가입", "password1": "a-long-pass-phrase-9",
                                                  "password2": "a-long-pass-phrase-9"})
    assert response.status_code == 503
    assert "읽기 전용" in body(response) and response["Retry-After"]


def test_a_failed_read_answers_503_with_a_message_not_a_bare_500(client, monkeypatch):
    from django.db import OperationalError

    from seedwiki.documents.views import read

    def refuse(*args, **kwargs):
        raise OperationalError("database is locked")

    save("실패 문서", "처음 내용")
    monkeypatch.setattr(read, "target_of", refuse)
    response = client.get(url("raw", "실패 문서"))
    assert response.status_code == 503 and "잠시 후 다시 시도해 주세요" in body(response)
