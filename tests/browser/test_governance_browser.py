"""An admin blocks an IP range in a real browser; an anonymous edit from it is refused with the
group's message; the admin lifts the block; the edit goes through (issue 7, the browser check).

The browser and the server talk over 127.0.0.1, so the range blocked is 127.0.0.0/8.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest
from serving_helpers import running_wiki

from test_wiki_browser import by_css, wait_for

pytestmark = pytest.mark.browser

ADMIN, PASSWORD = "관리자", "browser-admin-password-1234"
BLOCKED = "차단된 사용자"


@pytest.fixture(scope="module")
def governed_wiki(browser_binaries):
    with running_wiki("seedwiki-governance-", "governance-browser-secret-key-0123456789abcdef",
                      "/w/%EB%8C%80%EB%AC%B8",
                      prepare=[["createsuperuser", "--username", ADMIN, "--email", "admin@example.org", "--noinput"]],
                      extra_env={"DJANGO_SUPERUSER_PASSWORD": PASSWORD}) as base:
        yield base


def submit(driver, button):
    old = driver.find_element("tag name", "html")
    button.click()
    wait_for(driver, lambda d: old.id != d.find_element("tag name", "html").id)


def log_in(driver, base):
    driver.get(f"{base}/member/login")
    by_css(driver, "input[name=username]").send_keys(ADMIN)
    by_css(driver, "input[name=password]").send_keys(PASSWORD)
    submit(driver, by_css(driver, "form.member-form button[type=submit]"))
    assert ADMIN in by_css(driver, ".sw-user").text


def log_out(driver):
    submit(driver, by_css(driver, ".sw-user form button"))


def try_edit(driver, base, title, text):
    """Open the editor as the current reader; save when a form is offered. Returns the page source."""
    driver.get(f"{base}/edit/{quote(title)}")
    textareas = driver.find_elements("css selector", "textarea[name=text]")
    if textareas:
        driver.execute_script("arguments[0].value = arguments[1];", textareas[0], text)
        submit(driver, by_css(driver, "button[name=save]"))
    return driver.page_source


def test_block_an_ip_range_refuse_the_edit_then_unblock(browser, governed_wiki):
    base = governed_wiki
    log_in(browser, base)
    browser.get(f"{base}/aclgroup?group={quote(BLOCKED)}")
    by_css(browser, "#ag-ip").send_keys("127.0.0.0/8")
    by_css(browser, "#ag-note").send_keys("브라우저 시험 차단")
    submit(browser, by_css(browser, ".sw-aclgroup-add button[type=submit]"))
    row = by_css(browser, ".sw-aclgroup-items tbody tr")
    assert "127.0.0.0/8" in row.text and "브라우저 시험 차단" in row.text
    item_id = row.text.split()[0]  # "#N"
    log_out(browser)

    page = try_edit(browser, base, "차단 시험 문서", "막혀야 하는 글")
    assert f"ACL그룹 {BLOCKED} {item_id}에 있기 때문에 편집 권한이 부족합니다." in page
    assert "브라우저 시험 차단" in page
    browser.get(f"{base}/w/{quote('차단 시험 문서')}")
    assert "막혀야 하는 글" not in browser.page_source

    log_in(browser, base)
    browser.get(f"{base}/aclgroup?group={quote(BLOCKED)}")
    by_css(browser, ".sw-aclgroup-items input[name=note]").send_keys("시험 끝")
    submit(browser, by_css(browser, ".sw-aclgroup-items button[type=submit]"))
    assert "127.0.0.0/8" not in by_css(browser, ".sw-aclgroup-items").text
    browser.get(f"{base}/BlockHistory")
    assert f"({BLOCKED} ACL 그룹에서 제거) {item_id} (시험 끝)" in by_css(browser, ".sw-block-history").text
    log_out(browser)

    try_edit(browser, base, "차단 시험 문서", "이제 되는 글")
    assert browser.current_url.endswith("/w/" + quote("차단 시험 문서"))
    assert "이제 되는 글" in by_css(browser, "article").text


def test_the_jobs_page_fits_a_375_px_phone(browser, governed_wiki):
    """/admin/jobs on a phone: the page itself never scrolls sideways; the wide tables scroll in their
    own boxes, and their cells keep words whole (no one-syllable-per-line columns)."""
    log_in(browser, governed_wiki)
    try:
        browser.set_window_size(375, 900)
        browser.get(f"{governed_wiki}/admin/jobs")
        sizes = browser.execute_script("""
            const page = document.documentElement, box = document.querySelector('.sw-table-scroll:last-of-type');
            const heads = [...document.querySelectorAll('.sw-jobs thead th')].map(th => th.getBoundingClientRect().height);
            return {page: page.scrollWidth, view: page.clientWidth, box: box.scrollWidth, boxView: box.clientWidth,
                    tallest: Math.max(...heads), lowest: Math.min(...heads)};""")
        assert sizes["page"] <= sizes["view"], sizes
        assert sizes["box"] > sizes["boxView"], sizes  # the table of recent jobs scrolls inside its box
        assert sizes["tallest"] == sizes["lowest"], sizes  # every header on one line
        assert "작업 대기열" in by_css(browser, "h1").text
    finally:
        browser.set_window_size(1280, 1000)
        log_out(browser)
