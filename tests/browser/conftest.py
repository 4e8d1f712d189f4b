"""Browser tests: Debian's Chromium, driven through chromedriver by Selenium, against the production
server — `seedwiki serve` (uvicorn) started on a free port with a fresh data folder (SQLite).

Chromium or chromedriver missing: with CI=true the tests fail (CI installs them: `make browser-deps`),
elsewhere they are skipped with a message saying what to install.
"""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest
from serving_helpers import running_wiki

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMEDRIVER_CANDIDATES = ("/usr/bin/chromedriver", "chromedriver")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,1000", "--lang=ko-KR")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _find(candidates) -> str | None:
    for candidate in candidates:
        found = candidate if os.path.isabs(candidate) and os.access(candidate, os.X_OK) else shutil.which(candidate)
        if found:
            return found
    return None


def _unavailable(message: str):
    if _in_ci():
        pytest.fail(message + " (CI=true: browser tests must run; `make browser-deps` installs them)", pytrace=False)
    pytest.skip(message + " — install Debian's chromium and chromium-driver to run the browser tests")


@pytest.fixture(scope="session")
def browser_binaries():
    chromium, driver = _find(CHROMIUM_CANDIDATES), _find(CHROMEDRIVER_CANDIDATES)
    if chromium is None:
        _unavailable("chromium not found")
    if driver is None:
        _unavailable("chromedriver not found")
    try:
        import selenium  # noqa: F401
    except ImportError:
        _unavailable("selenium is not installed")
    return chromium, driver


@pytest.fixture(scope="module")
def wiki_server(browser_binaries):
    """Base URL of a running `seedwiki serve` on a temporary wiki (init'ed: 대문 and help pages)."""
    with running_wiki("seedwiki-browser-", "browser-test-secret-key-not-for-production-0123456789",
                      "/w/%EB%8C%80%EB%AC%B8") as base:
        yield base


@pytest.fixture(scope="session")
def shared_wiki(browser_binaries):
    """One `seedwiki serve` for the modules that only add pages of their own (distinct titles): each
    server start costs seconds, and CI has a time budget. A module opts in with
    ``wiki_server = shared_wiki_server`` (its browser, cookies included, stays its own)."""
    # Many modules save pages from 127.0.0.1 within a minute: the per-client edit limits are off here.
    with running_wiki("seedwiki-browser-shared-", "browser-test-secret-key-not-for-production-shared",
                      "/w/%EB%8C%80%EB%AC%B8",
                      extra_env={"SEEDWIKI_RATE_LIMITS": "edit.ip=off,edit.member=off"}) as base:
        yield base


@pytest.fixture(scope="module")
def browser(browser_binaries):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = browser_binaries
    profile = tempfile.mkdtemp(prefix="seedwiki-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    # Korean first, like namu.wiki's readers (headless Chromium otherwise asks for en-US).
    options.add_argument("--accept-lang=ko-KR,ko")
    options.add_experimental_option("prefs", {"intl.accept_languages": "ko-KR,ko"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
