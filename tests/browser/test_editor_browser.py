"""The editor in Chromium: the notice when the page moved while editing (and saving onto the new
title), the in-page size check that keeps the text, the toolbar, the RAW / 미리보기 tabs, focus."""
from __future__ import annotations

from urllib.parse import unquote

import pytest
from test_wiki_browser import by_css, open_page, wait_for, write_and_save

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def wiki_server(shared_wiki):
    return shared_wiki  # one server for the modules that only add their own pages


def submit(driver, button="save"):
    old = driver.find_element("tag name", "html")
    by_css(driver, f"button[name={button}]").click()
    wait_for(driver, lambda d: old.id != d.find_element("tag name", "html").id)


def sign_up(driver, base, name, password="browser-pass-0123456789"):
    driver.get(f"{base}/member/signup")
    by_css(driver, "input[name=username]").send_keys(name)
    by_css(driver, "input[name=password1]").send_keys(password)
    by_css(driver, "input[name=password2]").send_keys(password)
    submit_button = by_css(driver, "form.member-form button[type=submit]")
    old = driver.find_element("tag name", "html")
    submit_button.click()
    wait_for(driver, lambda d: old.id != d.find_element("tag name", "html").id)
    assert name in by_css(driver, ".sw-user").text


def test_saving_after_someone_moved_the_page(browser, wiki_server):
    sign_up(browser, wiki_server, "이사도우미")  # moving a page takes an account
    write_and_save(browser, wiki_server, "이사 갈 문서", "원래 본문\n")
    open_page(browser, wiki_server, "edit", "이사 갈 문서")
    editor_window = browser.current_window_handle
    # Someone else moves the page while this editor is open.
    browser.switch_to.new_window("tab")
    open_page(browser, wiki_server, "move", "이사 갈 문서")
    by_css(browser, "input[name=new_title]").send_keys("이사 온 문서")
    by_css(browser, ".sw-form button[type=submit]").click()
    wait_for(browser, lambda d: "이사 온 문서" in unquote(d.current_url))
    browser.close()
    browser.switch_to.window(editor_window)

    textarea = by_css(browser, "textarea[name=text]")
    browser.execute_script("arguments[0].value = arguments[1];", textarea, "고친 본문\n")
    submit(browser)
    error = by_css(browser, "#sw-editor-error")
    assert error.is_displayed() and "이동되었습니다" in error.text and "이사 온 문서" in error.text
    assert by_css(browser, "textarea[name=text]").get_attribute("value") == "고친 본문\n"
    submit(browser)  # the offered save: onto the new title
    assert unquote(browser.current_url).endswith("/w/이사 온 문서")
    assert "고친 본문" in by_css(browser, "article").text
    open_page(browser, wiki_server, "w", "이사 갈 문서")
    assert "해당 문서를 찾을 수 없습니다." in browser.page_source  # no fork at the old title


def test_too_big_text_is_stopped_in_the_page_with_the_text_kept(browser, wiki_server):
    open_page(browser, wiki_server, "edit", "너무 큰 문서")
    limit = int(by_css(browser, ".sw-editor").get_attribute("data-max-bytes"))
    textarea = by_css(browser, "textarea[name=text]")
    big = "가" * (limit // 3 + 10)  # over the limit in UTF-8 bytes
    browser.execute_script("arguments[0].value = arguments[1];", textarea, big)
    url = browser.current_url
    by_css(browser, "button[name=save]").click()
    error = by_css(browser, "#sw-editor-error")
    wait_for(browser, lambda d: error.is_displayed())
    assert "너무 큽니다" in error.text
    assert browser.current_url == url
    assert browser.execute_script("return arguments[0].value.length", textarea) == len(big)
    assert textarea.get_attribute("aria-invalid") == "true"


def test_toolbar_tabs_and_focus(browser, wiki_server):
    open_page(browser, wiki_server, "edit", "도구 시험")
    textarea = by_css(browser, "textarea[name=text]")
    wait_for(browser, lambda d: d.switch_to.active_element == textarea)  # the cursor starts in the text
    textarea.send_keys("앞 ")
    by_css(browser, ".sw-toolbar button[data-before=\"'''\"]").click()
    value = textarea.get_attribute("value")
    assert value.startswith("앞 '''") and value.endswith("'''")
    by_css(browser, "#sw-tab-preview").click()
    preview = by_css(browser, "#sw-editor-preview article")
    wait_for(browser, lambda d: preview.find_elements("css selector", "strong"))
    assert not textarea.is_displayed()
    assert by_css(browser, "#sw-tab-preview").get_attribute("aria-selected") == "true"
    by_css(browser, "#sw-tab-raw").click()
    assert textarea.is_displayed() and textarea.get_attribute("value") == value
    # leaving with unsaved text asks first (the page cancels beforeunload: the browser then asks)
    leaving = ("const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e);"
               "return e.defaultPrevented;")
    assert browser.execute_script(leaving) is True
    browser.execute_script("arguments[0].value = '';", textarea)  # back to the text it opened with
    assert browser.execute_script(leaving) is False


def test_license_line_above_the_save_button(browser, wiki_server):
    open_page(browser, wiki_server, "edit", "라이선스 줄")
    line = by_css(browser, ".sw-edit-license")
    save = by_css(browser, "button[name=save]")
    assert "CC BY-NC-SA" in line.text
    assert line.location["y"] < save.location["y"]


def test_front_page_instructions_work_as_written(browser, wiki_server):
    """The 처음 시작하기 steps of the front page, followed literally."""
    from selenium.webdriver.common.by import By

    browser.get(wiki_server + "/")
    steps = by_css(browser, "article ol").text
    assert "이동" in steps and "문서를 새로 작성하기" in steps and "새 문서 만들기" in steps
    box = by_css(browser, ".sw-search input[name=q]")
    box.send_keys("처음 만드는 문서")
    by_css(browser, ".sw-search button[formaction='/Go']").click()
    link = wait_for(browser, lambda d: d.find_element(By.PARTIAL_LINK_TEXT, "문서를 새로 작성하기"))
    link.click()
    wait_for(browser, lambda d: d.find_element(By.LINK_TEXT, "새 문서 만들기")).click()
    textarea = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, "textarea[name=text]"))
    textarea.send_keys("첫 문서의 내용")
    submit(browser)
    assert unquote(browser.current_url).endswith("/w/처음 만드는 문서")
    assert "첫 문서의 내용" in by_css(browser, "article").text
