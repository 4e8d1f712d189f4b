"""Reading aids in Chromium: footnote preview on hover, keyboard focus and tap; title suggestions
while typing in the search box."""
from __future__ import annotations

from urllib.parse import quote, unquote

import pytest
from test_wiki_browser import all_css, by_css, wait_for, write_and_save

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def wiki_server(shared_wiki):
    return shared_wiki  # one server for the modules that only add their own pages


@pytest.fixture(scope="module")
def footnote_page(browser, wiki_server):
    write_and_save(browser, wiki_server, "각주 미리보기",
                   "첫 문장이다.[* 첫 각주는 '''굵은''' 설명이다.]\n" + "채우는 줄\n" * 40 + "끝 문장[* 둘째 설명]")
    return f"{wiki_server}/w/{quote('각주 미리보기')}"


def test_hover_shows_the_footnote(browser, footnote_page):
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(footnote_page)
    mark = by_css(browser, "article .wiki-fn-content")
    wait_for(browser, lambda d: mark.get_dom_attribute("title") is None)  # the plain tooltip gives way
    ActionChains(browser).move_to_element(mark).perform()
    popup = wait_for(browser, lambda d: d.find_element("id", "sw-fn-popup"))
    assert popup.is_displayed() and popup.get_attribute("role") == "tooltip"
    assert "첫 각주는 굵은 설명이다." in popup.text and "[1]" not in popup.text
    assert popup.find_element("tag name", "strong").text == "굵은"
    assert mark.get_attribute("aria-describedby") == "sw-fn-popup"
    ActionChains(browser).move_to_element(by_css(browser, "h1")).perform()
    wait_for(browser, lambda d: not d.find_elements("id", "sw-fn-popup"))


def test_keyboard_focus_shows_and_escape_hides(browser, footnote_page):
    from selenium.webdriver.common.keys import Keys

    browser.get(footnote_page)
    marks = all_css(browser, "article .wiki-fn-content")
    browser.execute_script("arguments[0].focus();", marks[1])
    popup = wait_for(browser, lambda d: d.find_element("id", "sw-fn-popup"))
    assert "둘째 설명" in popup.text
    marks[1].send_keys(Keys.ESCAPE)
    wait_for(browser, lambda d: not d.find_elements("id", "sw-fn-popup"))


def test_tap_previews_instead_of_jumping(browser, footnote_page):
    browser.get(footnote_page)
    mark = by_css(browser, "article .wiki-fn-content")
    wait_for(browser, lambda d: mark.get_dom_attribute("title") is None)
    tap = ("const el = arguments[0];"
           "el.dispatchEvent(new TouchEvent('touchstart', {bubbles: true, touches: []}));"
           "el.click();")
    browser.execute_script(tap, mark)
    popup = wait_for(browser, lambda d: d.find_element("id", "sw-fn-popup"))
    assert "첫 각주" in popup.text
    assert "#fn-1" not in browser.current_url  # the first tap did not jump to the footnote
    browser.execute_script(tap, mark)  # a second tap on the same mark follows the link
    wait_for(browser, lambda d: d.current_url.endswith("#fn-1"))


def test_search_box_suggests_titles(browser, wiki_server):
    from selenium.webdriver.common.keys import Keys

    for title in ("제안 사과", "제안 사과나무", "다른 제안 사과"):
        write_and_save(browser, wiki_server, title, "본문")
    browser.get(wiki_server + "/RecentChanges")
    box = by_css(browser, ".sw-search input[name=q]")
    assert box.get_attribute("role") == "combobox"
    box.send_keys("제안 사")
    listbox = by_css(browser, "#sw-suggestions")
    wanted = {"제안 사과", "제안 사과나무", "다른 제안 사과"}
    shown = "return Array.from(document.querySelectorAll('#sw-suggestions [role=option]')).map(o => o.textContent)"
    wait_for(browser, lambda d: listbox.is_displayed() and wanted <= set(d.execute_script(shown)))
    texts = browser.execute_script(shown)
    assert texts[:2] == ["제안 사과", "제안 사과나무"] and "다른 제안 사과" in texts  # prefix, then infix
    assert box.get_attribute("aria-expanded") == "true"
    box.send_keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == "sw-suggestion-1"
    box.send_keys(Keys.ENTER)
    wait_for(browser, lambda d: unquote(d.current_url).endswith("/w/제안 사과나무"))
