"""A reader and an editor in a real browser against `seedwiki serve`: create, edit, preview, redirect
notice, history and diff — through the site's own forms (CSRF tokens, cookies, redirects)."""
from __future__ import annotations

import os
from urllib.parse import quote, unquote

import pytest

pytestmark = pytest.mark.browser

SCREENSHOT = os.environ.get("SEEDWIKI_SCREENSHOT", "/tmp/seedwiki-article.png")


def by_css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def all_css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def wait_for(driver, condition, timeout=20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def open_page(driver, base, action, title, query=""):
    driver.get(f"{base}/{action}/{quote(title)}" + (f"?{query}" if query else ""))


def write_and_save(driver, base, title, text, summary="", button="save"):
    """Open the editor, replace the text, press 저장 (or 미리보기) and wait for the next page."""
    open_page(driver, base, "edit", title)
    textarea = by_css(driver, "textarea[name=text]")
    # Typed text goes through the real form; long text is set at once to keep the test quick.
    driver.execute_script("arguments[0].value = arguments[1];", textarea, text)
    textarea.send_keys(" ")  # a real keystroke too (the editor is an ordinary textarea)
    if summary:
        field = by_css(driver, "input[name=summary]")
        field.clear()
        field.send_keys(summary)
    old = driver.find_element("tag name", "html")
    by_css(driver, f"button[name={button}]").click()
    wait_for(driver, lambda d: old.id != d.find_element("tag name", "html").id)


def test_create_then_edit_a_page(browser, wiki_server):
    write_and_save(browser, wiki_server, "브라우저 문서", "'''굵은 첫 문장'''이다.\n[[대문]]으로 가는 링크.", summary="처음")
    assert unquote(browser.current_url) == f"{wiki_server}/w/브라우저 문서"
    assert "브라우저 문서" in by_css(browser, "h1").text
    article = by_css(browser, "article")
    assert by_css(browser, "article strong").text == "굵은 첫 문장"
    link = by_css(browser, "article a.wiki-link-internal")
    assert link.text == "대문" and "not-exist" not in (link.get_attribute("class") or "")
    assert "최근 수정 시각" in browser.page_source

    write_and_save(browser, wiki_server, "브라우저 문서", "고친 문장이다.", summary="고침")
    article = by_css(browser, "article")
    assert "고친 문장이다." in article.text and "굵은 첫 문장" not in article.text


def test_preview_shows_without_saving(browser, wiki_server):
    write_and_save(browser, wiki_server, "미리보기 문서", "== 제목 ==\n미리 보는 ''기울임''", button="preview")
    preview = by_css(browser, ".sw-preview article")
    assert by_css(browser, ".sw-preview article em").text == "기울임"
    assert "미리 보는" in preview.text
    open_page(browser, wiki_server, "w", "미리보기 문서")
    assert "해당 문서를 찾을 수 없습니다." in browser.page_source


def test_redirect_shows_the_notice_and_leads_back(browser, wiki_server):
    write_and_save(browser, wiki_server, "넘겨받는 문서", "목적지 본문")
    write_and_save(browser, wiki_server, "넘겨주는 문서", "#redirect 넘겨받는 문서")
    open_page(browser, wiki_server, "w", "넘겨주는 문서")
    assert unquote(browser.current_url).startswith(f"{wiki_server}/w/넘겨받는 문서?from=")
    notice = by_css(browser, ".sw-redirected a")
    assert notice.text == "넘겨주는 문서에서 넘어옴"
    assert "목적지 본문" in by_css(browser, "article").text
    notice.click()
    wait_for(browser, lambda d: "noredirect=1" in d.current_url)
    assert unquote(browser.current_url).startswith(f"{wiki_server}/w/넘겨주는 문서")
    assert "넘겨받는 문서" in by_css(browser, ".sw-notice").text


def test_history_and_diff(browser, wiki_server):
    write_and_save(browser, wiki_server, "역사 문서", "첫째 줄\n둘째 줄\n", summary="처음 씀")
    write_and_save(browser, wiki_server, "역사 문서", "첫째 줄\n바뀐 둘째 줄\n셋째 줄\n", summary="고쳐 씀")
    open_page(browser, wiki_server, "history", "역사 문서")
    entries = all_css(browser, "ul.sw-history > li")
    assert [e.find_element("css selector", ".sw-rev").text for e in entries] == ["r2", "r1"]
    assert "고쳐 씀" in entries[0].text and "127.0.0.1" in entries[0].text
    compare = [a for a in entries[0].find_elements("css selector", "a") if a.text == "비교"][0]
    compare.click()
    wait_for(browser, lambda d: "/diff/" in d.current_url)
    inserted = " ".join(row.text for row in all_css(browser, "tr.sw-diff-insert"))
    deleted = " ".join(row.text for row in all_css(browser, "tr.sw-diff-delete"))
    assert "바뀐" in inserted and "셋째 줄" in inserted
    assert "둘째 줄" in deleted


def test_screenshot_of_a_rendered_article(browser, wiki_server):
    write_and_save(browser, wiki_server, "틀:출처 상자",
                   "{{{#!wiki style=\"border:1px solid #bbb; padding:6px\"\n'''출처''': @출처@ · '''정리''': @정리@\n}}}")
    write_and_save(browser, wiki_server, "스크린샷 문서", "\n".join([
        "[include(틀:출처 상자, 출처=직접 작성, 정리=seedwiki 시험)]",
        "[목차]",
        "== 개요 ==",
        "'''스크린샷 문서'''는 렌더링을 눈으로 확인하려고 만든 문서이다.[* 브라우저 시험이 만든다.] [[대문]] 참고.",
        "== 표 ==",
        "|| '''항목''' || '''값''' ||",
        "|| 사과 || {{{#red 빨강}}} ||",
        "|| 하늘 || {{{#blue 파랑}}} ||",
        "=== 목록 ===",
        " * 첫째\n * 둘째\n  * 둘째의 하위",
        "== 각주 ==",
        "[각주]",
        "[[분류:시험 문서]]",
    ]))
    assert by_css(browser, ".wiki-macro-toc").is_displayed()
    assert len(all_css(browser, "h2.wiki-heading")) == 3
    assert "seedwiki 시험" in by_css(browser, ".wiki-include").text
    # The site's stylesheet was served and applied (whitenoise under uvicorn).
    sheets = browser.execute_script("return document.styleSheets.length")
    assert sheets >= 1
    # The whole article in one picture (headless windows can be as tall as the page).
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max(height + 200, 800), 4000))  # + the window frame
    try:
        assert browser.save_screenshot(SCREENSHOT)
    finally:
        browser.set_window_size(1280, 1000)
    assert os.path.getsize(SCREENSHOT) > 10_000


def test_folded_section_opens_on_click(browser, wiki_server):
    write_and_save(browser, wiki_server, "접힌 문단 문서", "==# 접힌 문단 #==\n숨은 내용\n== 열린 문단 ==\n보이는 내용")
    folded, opened = all_css(browser, "article .wiki-heading-content")
    # folding.js closes the folded section; the other one is open.
    wait_for(browser, lambda d: not folded.is_displayed())
    assert opened.is_displayed() and "보이는 내용" in opened.text
    headings = all_css(browser, "article h2.wiki-heading")
    headings[0].click()
    wait_for(browser, lambda d: folded.is_displayed())
    assert "숨은 내용" in folded.text
    headings[1].click()
    wait_for(browser, lambda d: not opened.is_displayed())
