"""History in Chromium: pick any two revisions with the radio buttons and compare them; an old
revision shows the 이전 버전 banner."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from test_wiki_browser import by_css, open_page, wait_for, write_and_save

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def wiki_server(shared_wiki):
    return shared_wiki  # one server for the modules that only add their own pages


def test_compare_two_chosen_revisions(browser, wiki_server):
    for i in range(1, 4):
        write_and_save(browser, wiki_server, "고른 판 비교", f"줄 하나\n{i}번째 판의 줄\n")
    open_page(browser, wiki_server, "history", "고른 판 비교")
    by_css(browser, "input[name=oldrev][value='1']").click()
    by_css(browser, "input[name=rev][value='3']").click()
    old = browser.find_element("tag name", "html")
    by_css(browser, ".sw-history-compare button[type=submit]").click()
    wait_for(browser, lambda d: old.id != d.find_element("tag name", "html").id)
    query = parse_qs(urlparse(browser.current_url).query)
    assert query["oldrev"] == ["1"] and query["rev"] == ["3"]
    assert "r1 → r3" in by_css(browser, ".sw-meta").text
    assert by_css(browser, ".sw-diff del").text == "1" and by_css(browser, ".sw-diff ins").text == "3"


def test_old_revision_banner_is_prominent(browser, wiki_server):
    write_and_save(browser, wiki_server, "옛 판 배너", "처음 글")
    write_and_save(browser, wiki_server, "옛 판 배너", "나중 글")
    open_page(browser, wiki_server, "w", "옛 판 배너", "rev=1")
    banner = by_css(browser, ".sw-old-revision")
    assert banner.is_displayed() and "이전 버전" in banner.text
    article = by_css(browser, "article")
    assert banner.location["y"] < article.location["y"]  # above the text, not in the fine print
