"""The test database: SQLite as deployed (a WAL file), or PostgreSQL for the storage tests.

SQLite: pytest-django would make an in-memory shared-cache database, whose locking differs from
the deployed WAL file ("database table is locked" instead of waiting for the writer), so the
concurrency tests would test the wrong thing. The test database is a file in SEEDWIKI_DATA.

PostgreSQL: running the storage tests on PostgreSQL: `SEEDWIKI_TEST_DATABASE_URL=postgresql://… pytest -m storage`.

The URL names the server and the database pytest-django derives its test database from
(``…/test`` → ``test_test``, created and destroyed by pytest-django). It is copied into
SEEDWIKI_DATABASE_URL, the one database setting of seedwiki.settings, before Django loads.

When the URL is given but nothing answers there: with CI=true the run fails loudly (a CI machine
is supposed to have PostgreSQL); elsewhere the tests that need the database are skipped with
"PostgreSQL not reachable at …", so a laptop without PostgreSQL can still run `make test`.

A test is a storage test when it touches the database (the django_db marker or a database
fixture); those are marked ``storage`` automatically so `-m storage` selects them all.
"""
from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

import pytest

TEST_URL_ENV = "SEEDWIKI_TEST_DATABASE_URL"
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
                     "live_server", "admin_user", "admin_client", "django_user_model_instance"}


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


def _reachable(url: str, timeout: float = 3.0) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), timeout=timeout):
            return True
    except OSError:
        return False


def configure_database() -> str | None:
    """Point the settings at SEEDWIKI_TEST_DATABASE_URL (before Django loads).

    Returns the reason to skip the database tests, or None.
    """
    url = os.environ.get(TEST_URL_ENV, "").strip()
    if not url:
        return None
    if not url.startswith(("postgres://", "postgresql://")):
        raise pytest.UsageError(f"{TEST_URL_ENV} must be a postgresql:// URL, got {_safe(url)!r}")
    if not _reachable(url):
        message = f"PostgreSQL not reachable at {_safe(url)}"
        if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
            pytest.exit(message + " (CI=true: the storage tests must run on PostgreSQL)", returncode=3)
        return message + f" — start it or unset {TEST_URL_ENV}"
    os.environ["SEEDWIKI_DATABASE_URL"] = url
    return None


def uses_database(item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def mark_storage_tests(items, here, skip_reason: str | None) -> None:
    """Mark database tests under ``here`` as ``storage``; skip them when PostgreSQL is unreachable."""
    for item in items:
        if here not in item.path.parents:
            continue
        if uses_database(item):
            item.add_marker(pytest.mark.storage)
        if skip_reason and item.get_closest_marker("storage") is not None:
            item.add_marker(pytest.mark.skip(reason=skip_reason))


def use_sqlite_file(settings_databases, folder) -> None:
    """Give each SQLite database a test file under ``folder`` (pytest-django creates and drops it)."""
    from pathlib import Path

    for alias, config in settings_databases.items():
        if config.get("ENGINE") == "django.db.backends.sqlite3":
            test = config.setdefault("TEST", {})
            if not test.get("NAME"):
                test["NAME"] = str(Path(folder) / f"test-{alias}.sqlite3")
