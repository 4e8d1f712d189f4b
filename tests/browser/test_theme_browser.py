"""The theme setting (light / dark / follow the system) and the dark colours, in Chromium.

Contrast: on every kind of page of the wiki, in both themes, each visible piece of text is measured
against the background it is drawn on; the site's own colours must meet WCAG AA (4.5:1, 3:1 for
large text). Authors' colours are the author's choice in light mode and are left out there; in dark
mode they are adapted by theme.js, and a page of typical author colours is checked too.
"""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from test_wiki_browser import by_css, wait_for, write_and_save

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def wiki_server(shared_wiki):
    return shared_wiki  # one server for the modules that only add their own pages

COLOURED_SOURCE = """{{{#!wiki style="background-color: #fafafa; border: 1px solid #ccc"
상자 안의 글과 [[대문]] 링크.}}}
||<bgcolor=#fafafa,#222> 어두운 색 지정 ||<bgcolor=#ffeeaa> 밝은 색만 지정 ||
||<tablebgcolor=#ffffff> 머리 칸 || 보통 칸 ||
{{{#f00,#faa 빨강 또는 분홍}}} 그리고 {{{#000080 남색 글자}}} 그리고 {{{인라인 코드}}}.
{{{
코드 블록
}}}
== 문단 ==
본문 [[없는 문서]] 와 [[https://example.com|바깥 링크]].[* 각주]
"""

# Measures every visible text node: its colour, the background it sits on (the first opaque
# background among its ancestors, semi-transparent ones blended over it) and its size.
MEASURE_JS = r"""
const skipAuthor = arguments[0];
function rgba(s) { const m = s.match(/[\d.]+/g) || [0, 0, 0, 0]; return m.map(Number).concat([1]).slice(0, 4); }
function blend(top, under) { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]); }
function background(el) {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  let colour = [255, 255, 255, 1];
  for (let i = layers.length - 1; i >= 0; i--) colour = blend(layers[i], colour);
  return colour;
}
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.textContent.trim();
  const el = node.parentElement;
  if (!text || !el || el.closest("script, style, select, option, noscript, textarea, [hidden]")) continue;
  if (skipAuthor && el.closest(".wiki-content [style]")) continue;
  const range = document.createRange(); range.selectNodeContents(node);
  const box = range.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) continue;
  const st = getComputedStyle(el);
  if (st.visibility !== "visible" || parseFloat(st.opacity) < 0.5) continue;
  out.push({text: text.slice(0, 30), tag: el.tagName, cls: el.className, fg: rgba(st.color),
            bg: background(el), size: parseFloat(st.fontSize), bold: parseInt(st.fontWeight, 10) >= 700});
}
return out;
"""


def luminance(rgb) -> float:
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg) -> float:
    fg = [fg[i] * fg[3] + bg[i] * (1 - fg[3]) for i in range(3)]
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def set_theme(driver, base, choice):
    driver.get(base + "/RecentChanges")
    driver.execute_script("localStorage.setItem('theseed_settings', arguments[0]);",
                          json.dumps({"wiki.theme": choice}))


def low_contrast(driver, skip_author=True):
    bad = []
    for item in driver.execute_script(MEASURE_JS, skip_author):
        ratio = contrast(item["fg"], item["bg"])
        large = item["size"] >= 24 or (item["size"] >= 18.66 and item["bold"])
        if ratio < (3.0 if large else 4.5):
            bad.append((round(ratio, 2), item["text"], item["tag"], item["cls"]))
    return bad


@pytest.fixture(scope="module")
def coloured_page(browser, wiki_server):
    write_and_save(browser, wiki_server, "색 시험", COLOURED_SOURCE, summary="색")
    write_and_save(browser, wiki_server, "색 시험", COLOURED_SOURCE + "\n고침.", summary="고침")
    return "색 시험"


def pages(base, title):
    q = quote(title)
    return [f"/w/{quote('대문')}", f"/w/{q}", f"/edit/{q}", f"/history/{q}", f"/diff/{q}?rev=2",
            f"/backlink/{quote('대문')}", "/RecentChanges", f"/Search?q={quote('시험')}",
            "/member/login", "/member/signup", f"/w/{quote('없는 문서 하나')}", "/License", "/Special",
            "/Upload", f"/w/{q}?rev=1", f"/w/{quote('seedwiki:문법 도움말')}", f"/blame/{q}"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_meets_contrast_in_both_themes(browser, wiki_server, coloured_page, theme):
    set_theme(browser, wiki_server, theme)
    failures = {}
    for path in pages(wiki_server, coloured_page):
        browser.get(wiki_server + path)
        assert ("theme-" + theme) in browser.find_element("tag name", "html").get_attribute("class"), path
        bad = low_contrast(browser, skip_author=(theme == "light"))
        if bad:
            failures[path] = bad[:5]
    assert not failures, failures


def test_theme_choice_is_stored_as_the_seed_does_and_applied(browser, wiki_server, coloured_page):
    set_theme(browser, wiki_server, "light")
    browser.get(f"{wiki_server}/w/{quote(coloured_page)}")
    html = browser.find_element("tag name", "html")
    assert "theme-light" in html.get_attribute("class")
    red = by_css(browser, ".wiki-content span[data-dark-style]")
    assert red.value_of_css_property("color") == "rgba(255, 0, 0, 1)"

    from selenium.webdriver.support.ui import Select
    Select(by_css(browser, "#sw-theme")).select_by_value("dark")
    assert "theme-dark" in html.get_attribute("class")
    assert "theseed-dark-mode" in by_css(browser, "body").get_attribute("class")
    stored = json.loads(browser.execute_script("return localStorage.getItem('theseed_settings')"))
    assert stored["wiki.theme"] == "dark"
    # the author's dark alternative replaces the light colour, without reloading
    assert red.value_of_css_property("color") == "rgba(255, 170, 170, 1)"
    assert browser.execute_script("return getComputedStyle(document.documentElement).colorScheme") == "dark"

    browser.refresh()  # the choice survives a reload and is applied before the page is shown
    assert "theme-dark" in browser.find_element("tag name", "html").get_attribute("class")
    assert by_css(browser, "#sw-theme").get_attribute("value") == "dark"
    cell = by_css(browser, ".wiki-content td[data-dark-style]")
    assert cell.value_of_css_property("background-color") == "rgba(34, 34, 34, 1)"

    Select(by_css(browser, "#sw-theme")).select_by_value("light")
    assert by_css(browser, ".wiki-content span[data-dark-style]").value_of_css_property("color") == "rgba(255, 0, 0, 1)"
    assert "theseed-light-mode" in by_css(browser, "body").get_attribute("class")


def test_theme_script_runs_before_the_body_is_painted(browser, wiki_server):
    browser.get(wiki_server + "/RecentChanges")
    # a synchronous script (not deferred, not async) first in <body>: it runs before anything is painted
    found = browser.execute_script(
        "const s = document.body.firstElementChild;"
        "return [s.tagName, (s.getAttribute('src') || '').endsWith('theme.js'), s.defer, s.async];")
    assert found == ["SCRIPT", True, False, False]
    assert "theseed-" in by_css(browser, "body").get_attribute("class")


def test_follow_the_system(browser, wiki_server, coloured_page):
    set_theme(browser, wiki_server, "auto")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        browser.get(f"{wiki_server}/w/{quote(coloured_page)}")
        assert "theme-dark" in browser.find_element("tag name", "html").get_attribute("class")
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
        # a change of the system setting is followed without reloading
        wait_for(browser, lambda d: "theme-light" in d.find_element("tag name", "html").get_attribute("class"), 5)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_dark_mode_adapts_author_colours_without_dark_alternative(browser, wiki_server, coloured_page):
    set_theme(browser, wiki_server, "dark")
    browser.get(f"{wiki_server}/w/{quote(coloured_page)}")
    # with the authors' colours included, every text in the article is readable on dark
    bad = [b for b in low_contrast(browser, skip_author=False)]
    assert not bad, bad
    light_only = [td for td in browser.find_elements("css selector", ".wiki-content td")
                  if "밝은 색만" in td.text][0]
    bg = light_only.value_of_css_property("background-color")
    rgb = [int(v) for v in bg[bg.index("(") + 1:bg.index(")")].split(",")[:3]]
    assert luminance(rgb) < 0.1  # the pale yellow became a dark one
