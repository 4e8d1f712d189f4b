"""Helpers of the request-level page tests (test_pages_*.py, test_scenario_article.py)."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

from seedwiki.documents.models import Document
from seedwiki.documents.services import edit_page, get_text

IP = "192.0.2.44"
URL_SAFE = "/:()!,'*"  # what seedwiki.titles leaves unquoted


def url(action: str, title: str, query: str = "") -> str:
    """The seed's URL for ``action`` on ``title`` (quoted the way the wiki quotes it)."""
    return f"/{action}/{quote(title, safe=URL_SAFE)}" + (f"?{query}" if query else "")


def save(title: str, text: str, **kwargs):
    kwargs.setdefault("ip", IP)
    return edit_page(title, text, **kwargs)


def latest_text(title: str, namespace: str = "문서") -> str:
    return get_text(Document.objects.get(namespace=namespace, title=title).latest)


def body(response) -> str:
    return response.content.decode("utf-8")


def visible_text(html: str) -> str:
    """The page's text as a reader sees it: tags and scripts removed, entities decoded, spaces collapsed."""
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return " ".join(unescape(re.sub(r"(?s)<[^>]+>", " ", html)).split())


def article_of(html: str) -> str:
    """The rendered article body of a /w page (the <article> element)."""
    match = re.search(r'(?s)<article class="sw-article[^"]*">(.*)</article>', html)
    assert match, "no <article> in the page"
    return match.group(1)
