"""Page content cannot cover the site's controls (issue 6, finding 11): an attacker's page tries
to lay invisible links over the header, the search box and the page tabs; every control must
still be the element under its own centre (document.elementFromPoint)."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from test_wiki_browser import write_and_save

pytestmark = pytest.mark.browser

ATTACK = "\n".join([
    # each box may move only 50px, but nested boxes add up: only the article's clip stops this
    '{{{#!wiki style="display: flow-root; margin-top: -50px"\n' * 40
    + "[[https://evil.example/4|{{{#!wiki style=\"width: 300vw; height: 300vh; opacity: 0.01\"\n덮개 4}}}]]"
    + "}}}" * 40,
    # the largest offsets the style allowlist lets through, on a huge transparent link box
    '{{{#!wiki style="position: relative; margin: -50px -50px 0 -50px; width: 300vw; '
    'height: 300vh; opacity: 0.01"',
    "[[https://evil.example/|{{{#!wiki style=\"width: 300vw; height: 300vh\"\n덮개}}}]]}}}",
    # offsets the allowlist refuses (they must not reach the page at all)
    '{{{#!wiki style="position: fixed; top: 0; left: 0; margin-top: -100vh; z-index: 99999; '
    'width: 100vw; height: 100vh"',
    "[[https://evil.example/2|덮개 2]]}}}",
    '{{{#!html <div style="margin-top: -2000px; width: 3000px; height: 3000px">'
    '<a href="https://evil.example/3">덮개 3</a></div>}}}',
])

CONTROLS = ("header a, header button, header input, .sw-tabs a, .sw-page-head a, "
            ".sw-page-head button")

WHO_IS_ON_TOP = """
const out = [];
for (const el of document.querySelectorAll(arguments[0])) {
  // A closed <details> menu keeps layout boxes for its links (content-visibility), unseen: skip them.
  if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) continue;
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) continue;
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  out.push([el.outerHTML.slice(0, 80), top === el || el.contains(top),
            top ? top.outerHTML.slice(0, 80) : null]);
}
return out;
"""


def test_page_content_cannot_cover_the_site_controls(browser, wiki_server):
    write_and_save(browser, wiki_server, "덮개 시험", ATTACK)
    browser.get(f"{wiki_server}/w/{quote('덮개 시험')}")
    assert browser.find_elements("css selector", "article a[href^='https://evil.example/']")
    html = browser.page_source
    assert "position: fixed" not in html and "z-index: 99999" not in html
    assert "-2000px" not in html and "-100vh" not in html
    browser.execute_script("window.scrollTo(0, 0)")
    checked = browser.execute_script(WHO_IS_ON_TOP, CONTROLS)
    assert len(checked) >= 5, checked  # brand, nav links, search field and buttons, tabs
    covered = [c for c in checked if not c[1]]
    assert covered == [], covered
