"""Discussions, edit requests and the theme in a real browser against `seedwiki serve`:
- two readers of one thread: one posts, the other sees the comment appear without reloading;
- an anonymous reader's edit request, accepted by an administrator: the history credits the requester;
- the seed's theme setting (localStorage["theseed_settings"]["wiki.theme"]) before first paint (check 68)."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from serving_helpers import running_wiki
from test_wiki_browser import all_css, by_css, wait_for, write_and_save

pytestmark = pytest.mark.browser

ADMIN, ADMIN_PASSWORD = "관리자", "browser-admin-pass-123"
PROTECTED = "요청 받을 문서"  # only admins may edit it (document ACL)


@pytest.fixture(scope="module")
def community_wiki(browser_binaries, tmp_path_factory):
    source = tmp_path_factory.mktemp("community") / "protected.namu"
    source.write_text("원래 내용\n", encoding="utf-8")
    prepare = [["createsuperuser", "--username", ADMIN, "--email", "", "--noinput"],
               ["edit", PROTECTED, "--file", str(source)],
               ["acl", PROTECTED, "add", "edit", "perm:admin", "allow"]]
    with running_wiki("seedwiki-community-browser-", "browser-community-secret-key-not-for-production-0123",
                      "/w/%EB%8C%80%EB%AC%B8", prepare=prepare,
                      extra_env={"DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD}) as base:
        yield base


def submit(driver, form_selector):
    old = driver.find_element("tag name", "html")
    by_css(driver, form_selector + " button[type=submit]").click()
    wait_for(driver, lambda d: old.id != d.find_element("tag name", "html").id)


def test_a_comment_appears_for_the_other_reader_without_reload(browser, community_wiki):
    browser.get(f"{community_wiki}/discuss/{quote('브라우저 토론')}")
    by_css(browser, "input[name=topic]").send_keys("실시간 주제")
    by_css(browser, "textarea[name=text]").send_keys("첫 댓글입니다")
    submit(browser, ".sw-new-thread form")
    thread_url = browser.current_url
    assert "/thread/" in thread_url
    reader = browser.current_window_handle
    browser.execute_script("window.__notReloaded = true;")

    browser.switch_to.new_window("window")
    browser.get(thread_url)
    by_css(browser, "#comment-form textarea").send_keys("다른 독자가 씁니다")
    by_css(browser, "#comment-form button[type=submit]").click()
    wait_for(browser, lambda d: any("다른 독자가 씁니다" in c.text for c in all_css(d, ".sw-comment")))
    browser.close()

    browser.switch_to.window(reader)
    wait_for(browser, lambda d: any("다른 독자가 씁니다" in c.text for c in all_css(d, ".sw-comment")))
    assert browser.execute_script("return window.__notReloaded === true;")
    numbers = [c.get_attribute("data-number") for c in all_css(browser, ".sw-comment")]
    assert numbers == ["1", "2"]


def test_anonymous_edit_request_accepted_by_an_admin_credits_the_requester(browser, community_wiki):
    browser.delete_all_cookies()
    browser.get(f"{community_wiki}/edit/{quote(PROTECTED)}")  # may not edit: sent to the request form
    assert "/new_edit_request/" in browser.current_url
    assert "편집 요청으로 이동되었습니다" in by_css(browser, "main").text
    textarea = by_css(browser, "textarea[name=text]")
    textarea.clear()
    textarea.send_keys("원래 내용\n요청한 줄")
    by_css(browser, "input[name=log]").send_keys("익명 요청")
    submit(browser, ".sw-edit-form")
    request_url = browser.current_url
    assert "/edit_request/" in request_url
    assert not all_css(browser, "form[action$='/accept']")  # the requester may not edit, so not accept

    browser.get(f"{community_wiki}/member/login")
    by_css(browser, "input[name=username]").send_keys(ADMIN)
    by_css(browser, "input[name=password]").send_keys(ADMIN_PASSWORD)
    submit(browser, "form.member-form")
    browser.get(request_url)
    old = browser.find_element("tag name", "html")
    by_css(browser, "form[action$='/accept'] button").click()
    wait_for(browser, lambda d: old.id != d.find_element("tag name", "html").id)
    assert by_css(browser, ".sw-edit-request-status").get_attribute("data-status") == "accepted"
    assert f"{ADMIN}님이" in by_css(browser, "main").text

    browser.get(f"{community_wiki}/history/{quote(PROTECTED)}")
    history = by_css(browser, "main").text
    assert "익명 요청" in history and "127.0.0.1" in history and "(편집 요청)" in history
    browser.get(f"{community_wiki}/raw/{quote(PROTECTED)}")
    assert "요청한 줄" in by_css(browser, "body").text
    browser.delete_all_cookies()


def _theme_state(driver):
    return driver.execute_script(
        "return [document.body.className, document.documentElement.className,"
        " getComputedStyle(document.querySelector('article span[data-dark-style]')).color];")


def test_68_theme_setting_before_first_paint(browser, community_wiki):
    browser.delete_all_cookies()
    title = "색 문서"
    write_and_save(browser, community_wiki, title, "{{{#ff0000,#00ff00 색 글자}}}")
    page = f"{community_wiki}/w/{quote(title)}"

    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    browser.execute_script("localStorage.removeItem('theseed_settings');")
    browser.get(page)
    body, root, colour = _theme_state(browser)
    assert "theseed-light-mode" in body and "theme-light" in root and colour == "rgb(255, 0, 0)"

    browser.execute_script("localStorage.setItem('theseed_settings', arguments[0]);", json.dumps({"wiki.theme": "dark"}))
    browser.get(page)
    body, root, colour = _theme_state(browser)
    assert "theseed-dark-mode" in body and "theme-dark" in root and colour == "rgb(0, 255, 0)"
    # The classes were set by the script at the top of <body>, before the page's content was parsed.
    first = browser.execute_script("return document.body.firstElementChild.getAttribute('src');")
    assert first.endswith("theme.js")

    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    browser.execute_script("localStorage.removeItem('theseed_settings');")
    browser.get(page)
    assert "theseed-dark-mode" in _theme_state(browser)[0]  # auto follows the OS
    browser.execute_script("localStorage.setItem('theseed_settings', arguments[0]);", json.dumps({"wiki.theme": "light"}))
    browser.get(page)
    body, root, colour = _theme_state(browser)
    assert "theseed-light-mode" in body and "theme-light" in root and colour == "rgb(255, 0, 0)"
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
