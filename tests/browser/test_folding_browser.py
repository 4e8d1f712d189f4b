"""Section folding in Chromium: a fold closes the whole subtree, ==# #== sections start closed with
their subsections, and the toggle is a real button (keyboard, aria-expanded)."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from test_wiki_browser import all_css, by_css, wait_for, write_and_save

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def wiki_server(shared_wiki):
    return shared_wiki  # one server for the modules that only add their own pages

SOURCE = """== 하나 ==
하나 본문
== 둘 ==
둘 본문
=== 둘의 첫째 ===
둘 첫째 본문
==== 더 깊은 ====
깊은 본문
=== 둘의 둘째 ===
둘 둘째 본문
== 셋 ==
셋 본문
==# 접힌 넷 #==
넷 본문
=== 넷의 하위 ===
넷 하위 본문
== 다섯 ==
다섯 본문
"""


def visible_texts(driver):
    return [el.text for el in all_css(driver, "article .wiki-heading-content") if el.is_displayed()]


def heading(driver, text):
    return [h for h in all_css(driver, "article .wiki-heading") if text in h.get_attribute("textContent")][0]


@pytest.fixture(scope="module")
def folding_page(browser, wiki_server):
    write_and_save(browser, wiki_server, "접기 시험", SOURCE)
    return f"{wiki_server}/w/{quote('접기 시험')}"


def test_folded_section_starts_closed_with_its_subsections(browser, folding_page):
    browser.get(folding_page)
    wait_for(browser, lambda d: by_css(d, ".sw-fold-toggle"))
    texts = visible_texts(browser)
    assert "넷 본문" not in texts and "넷 하위 본문" not in texts
    assert not heading(browser, "넷의 하위").is_displayed()  # the subsection's heading is closed too
    assert "다섯 본문" in texts and "셋 본문" in texts
    button = by_css(heading(browser, "접힌 넷"), ".sw-fold-toggle")
    assert button.get_attribute("aria-expanded") == "false"


def test_click_folds_the_whole_subtree(browser, folding_page):
    browser.get(folding_page)
    wait_for(browser, lambda d: by_css(d, ".sw-fold-toggle"))
    by_css(heading(browser, "둘"), "span[id]").click()  # a click on the heading's title
    texts = visible_texts(browser)
    for hidden in ("둘 본문", "둘 첫째 본문", "깊은 본문", "둘 둘째 본문"):
        assert hidden not in texts
    assert not heading(browser, "둘의 첫째").is_displayed() and not heading(browser, "더 깊은").is_displayed()
    assert "하나 본문" in texts and "셋 본문" in texts
    by_css(heading(browser, "둘"), "span[id]").click()
    texts = visible_texts(browser)
    assert {"둘 본문", "둘 첫째 본문", "깊은 본문", "둘 둘째 본문"} <= set(texts)


def test_keyboard_operates_the_toggle(browser, folding_page):
    from selenium.webdriver.common.keys import Keys

    browser.get(folding_page)
    wait_for(browser, lambda d: by_css(d, ".sw-fold-toggle"))
    button = by_css(heading(browser, "접힌 넷"), ".sw-fold-toggle")
    assert button.tag_name == "button" and button.get_attribute("aria-label") == "접힌 넷"
    # reach it with Tab like a keyboard user (from the previous section's toggle), then open it with Enter
    browser.execute_script("arguments[0].focus();", by_css(heading(browser, "셋"), ".sw-fold-toggle"))
    for _ in range(5):
        active = browser.switch_to.active_element
        if active == button:
            break
        active.send_keys(Keys.TAB)
    assert browser.switch_to.active_element == button
    button.send_keys(Keys.ENTER)
    assert button.get_attribute("aria-expanded") == "true"
    assert {"넷 본문", "넷 하위 본문"} <= set(visible_texts(browser))
    button.send_keys(Keys.SPACE)
    assert button.get_attribute("aria-expanded") == "false"
    assert "넷 본문" not in visible_texts(browser)


def test_link_to_a_heading_inside_a_folded_section_opens_it(browser, folding_page):
    browser.get(folding_page + "#s-4.1")
    wait_for(browser, lambda d: by_css(d, ".sw-fold-toggle"))
    assert "넷 하위 본문" in visible_texts(browser)
    assert heading(browser, "넷의 하위").is_displayed()
