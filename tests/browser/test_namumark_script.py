"""static/namumark.js in a real browser (issue 11, today's syntax): a <sortable> table sorts by a
click, an onclick="toggle-class,…" box toggles the class on its targets, and {{{#!style}}} rules
apply inside the article only — never to the site around it."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from test_wiki_browser import write_and_save

pytestmark = pytest.mark.browser

PAGE = "\n".join([
    "{{{#!style",
    ".숨김 { display: none }",
    ".열림 .숨김 { display: block }",
    ".강조 { color: rgb(255, 0, 0) }",
    "}}}",
    "||<sortable><thead> 이름 || 수 ||",
    "|| 나 || 10 ||",
    "|| 가 || 9 ||",
    "|| 다 || 100 ||",
    '{{{#!wiki class="단추" onclick="toggle-class,.상자,열림"',
    "펼치기}}}",
    '{{{#!wiki class="상자"',
    '{{{#!wiki class="숨김 강조"',
    "숨은 내용}}}}}}",
])

COLUMN = "return Array.from(document.querySelectorAll('table.wiki-table-sortable tbody tr'))" \
         ".map(r => r.cells[arguments[0]].textContent.trim())"


def test_sortable_table_toggles_and_scoped_style(browser, wiki_server):
    write_and_save(browser, wiki_server, "스크립트 시험", PAGE)
    browser.get(f"{wiki_server}/w/{quote('스크립트 시험')}")
    find = browser.find_element
    assert browser.execute_script(COLUMN, 1) == ["10", "9", "100"]  # as written
    number_head = find("css selector", "table.wiki-table-sortable thead td:nth-child(2)")
    number_head.click()
    assert browser.execute_script(COLUMN, 1) == ["9", "10", "100"]  # numbers as numbers
    number_head.click()
    assert browser.execute_script(COLUMN, 1) == ["100", "10", "9"]
    find("css selector", "table.wiki-table-sortable thead td:nth-child(1)").click()
    assert browser.execute_script(COLUMN, 0) == ["가", "나", "다"]

    hidden = find("css selector", "article .wiki-uc-숨김")
    assert not hidden.is_displayed()  # the article's own rule applies
    assert hidden.value_of_css_property("color") in ("rgba(255, 0, 0, 1)", "rgb(255, 0, 0)")
    find("css selector", "article .wiki-uc-단추").click()
    assert hidden.is_displayed()  # toggled: .열림 .숨김 wins
    assert "wiki-uc-열림" in find("css selector", "article .wiki-uc-상자").get_attribute("class")
    find("css selector", "article .wiki-uc-단추").click()
    assert not hidden.is_displayed()

    # the rules are scoped to the article: the same class outside it is untouched
    outside = browser.execute_script(
        "const d = document.createElement('div'); d.className = 'wiki-uc-숨김'; d.textContent = 'x';"
        "document.body.appendChild(d); return getComputedStyle(d).display;")
    assert outside == "block"
    assert "onclick" not in browser.page_source
