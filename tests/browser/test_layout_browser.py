"""Layout in Chromium: floats stay inside the article card, and on a 375 px screen no text column
next to a float is narrower than 150 px (floated tables take the whole width)."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from test_wiki_browser import by_css, write_and_save

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def wiki_server(shared_wiki):
    return shared_wiki  # one server for the modules that only add their own pages

SOURCE = """||<tablealign=right><tablewidth=300><bgcolor=#dde7ff> '''정보 상자''' ||
|| 이름 || 값이 조금 긴 칸 ||
|| 다른 이름 || 다른 값 ||
[[파일:없는 그림.png|width=240&align=right]]
본문은 떠 있는 표 옆으로 흐르는 짧은 글이다.
"""

# For every floated box in the article: its width, the width left beside it, and whether the card
# (the article) still encloses it.
FLOATS_JS = """
const article = document.querySelector('article.sw-article');
const box = article.getBoundingClientRect();
return Array.from(article.querySelectorAll('*')).filter(el => getComputedStyle(el).float !== 'none')
  .map(el => { const r = el.getBoundingClientRect();
               return {cls: el.className, width: r.width, beside: box.width - r.width,
                       inside: r.bottom <= box.bottom + 0.5}; });
"""


@pytest.fixture(scope="module")
def float_page(browser, wiki_server):
    write_and_save(browser, wiki_server, "떠 있는 표", SOURCE)
    return f"{wiki_server}/w/{quote('떠 있는 표')}"


def test_floats_stay_inside_the_card_on_a_wide_screen(browser, float_page):
    browser.set_window_size(1280, 1000)
    browser.get(float_page)
    floats = browser.execute_script(FLOATS_JS)
    assert any("table-right" in f["cls"] for f in floats)
    assert all(f["inside"] for f in floats), floats


def test_no_narrow_column_beside_a_float_at_375_px(browser, float_page):
    browser.set_window_size(375, 900)
    try:
        browser.get(float_page)
        assert browser.execute_script("return window.innerWidth") <= 400
        floats = browser.execute_script(FLOATS_JS)
        for f in floats:
            assert f["beside"] < 1 or f["beside"] >= 150, f
        table = by_css(browser, ".wiki-table-wrap.table-right")
        article = by_css(browser, "article.sw-article")
        assert table.size["width"] >= article.size["width"] - 1  # the infobox takes the whole width
        # no horizontal scrolling of the page
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        browser.set_window_size(1280, 1000)


def test_percentage_width_images_scale_with_the_article(browser, float_page):
    """width=50% makes the image half the article's width (the renderer's own markup, with a
    file the standalone renderer knows, shown inside a real page with the wiki's styles)."""
    import namumark
    from namumark.context import FileInfo, MemoryContext

    svg = "data:image/svg+xml," + quote('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>')
    context = MemoryContext(files={"파일:작은 그림.svg": FileInfo(svg, 40, 20)})
    html = namumark.render_html(namumark.parse("[[파일:작은 그림.svg|width=50%]]"), context).html
    browser.set_window_size(1280, 1000)
    browser.get(float_page)
    width = browser.execute_script(
        "const a = document.querySelector('article.sw-article'); a.innerHTML = arguments[0];"
        "const img = a.querySelector('img'); return [img.getBoundingClientRect().width, a.clientWidth];", html)
    image, article = width
    assert abs(image - article / 2) < article * 0.03, (image, article)
