"""Test set-up for the wiki (pytest-django).

- ``src/`` is put on sys.path, so the tests run without installing the package.
- DJANGO_SETTINGS_MODULE defaults to seedwiki.settings, and SEEDWIKI_DATA to a fresh temporary
  folder (the secret key and uploads go there; the test database is pytest-django's own: a SQLite
  WAL file in that folder, or PostgreSQL's ``test_<name>`` when SEEDWIKI_TEST_DATABASE_URL (or
  SEEDWIKI_DATABASE_URL) is set — see database_setup.py).
- Database tests are marked ``storage`` automatically; `-m storage` selects them for PostgreSQL.
- Tests that touch the database use ``pytestmark = pytest.mark.django_db`` (add
  ``transaction=True`` where on_commit hooks or real transactions matter).
- The Django cache is cleared before every test so cached renders never leak between tests.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
os.environ.setdefault("SEEDWIKI_DATA", tempfile.mkdtemp(prefix="seedwiki-test-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
# The stored special lists are refreshed by a job after edits (special/list_refresh.py); only the
# tests of that job turn it on, so the job tests counting jobs see only their own.
os.environ.setdefault("SEEDWIKI_SPECIAL_LISTS_EVERY", "0")

# PostgreSQL dual run (W-tests): SEEDWIKI_TEST_DATABASE_URL → SEEDWIKI_DATABASE_URL before Django loads.
from database_setup import configure_database, mark_storage_tests, use_sqlite_file  # noqa: E402

_DATABASE_SKIP_REASON = configure_database()

import django  # noqa: E402
import pytest  # noqa: E402
from django.conf import settings  # noqa: E402

# pytest-django only sets Django up itself when DJANGO_SETTINGS_MODULE is known before conftests
# load (environment, --ds or ini); when it comes from here, set up now.
if not settings.configured or not django.apps.apps.ready:
    django.setup()


@pytest.fixture(autouse=True)
def _clear_cache():
    try:
        from django.core.cache import cache

        cache.clear()
    except Exception:  # settings not configured (a test that needs no Django)
        pass
    yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """SQLite tests use a WAL file like the deployed wiki (see database_setup.py)."""
    use_sqlite_file(settings.DATABASES, settings.DATA_DIR)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Every database test is a ``storage`` test (selected by `-m storage` for the PostgreSQL run)."""
    mark_storage_tests(items, Path(__file__).resolve().parent, _DATABASE_SKIP_REASON)


@pytest.fixture(scope="session", autouse=True)
def _stop_render_workers():
    """Request renders start worker processes (seedwiki/render_pool.py): stop them after the run."""
    yield
    from seedwiki import render_pool

    render_pool.shutdown()


@pytest.fixture
def member_login(client, django_user_model):
    """Logs ``client`` in as a member (the default ACL lets only members move and delete)."""
    user = django_user_model.objects.create_user("이사하는 회원")  # force_login needs no password
    client.force_login(user)
    return user
