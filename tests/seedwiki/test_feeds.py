"""Request level: Atom feeds of RecentChanges and of a page's history."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from pages_helpers import body, save, url

pytestmark = [pytest.mark.django_db, pytest.mark.storage]
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == ATOM + "feed"
    return [(e.findtext(ATOM + "title"), e.find(ATOM + "link").get("href"), e.findtext(f"{ATOM}author/{ATOM}name"),
             e.findtext(ATOM + "summary")) for e in root.findall(ATOM + "entry")]


def test_recent_changes_feed(client):
    save("피드 문서", "처음", summary="첫 편집")
    save("피드 문서", "둘째", summary="고침")
    found = entries(client.get("/atom/RecentChanges"))
    assert found[0][0] == "피드 문서 r2 (편집)" and found[0][3] == "고침"
    assert found[0][1].endswith(url("diff", "피드 문서", "rev=2&oldrev=1"))
    assert found[1][0] == "피드 문서 r1 (새 문서)"
    assert '/atom/RecentChanges' in body(client.get("/RecentChanges"))


def test_history_feed_of_one_page(client):
    save("역사 피드", "하나")
    save("다른 문서", "무관")
    save("역사 피드", "둘", summary="두 번째")
    found = entries(client.get("/atom" + url("history", "역사 피드")))
    assert [t for t, *_ in found] == ["역사 피드 r2 (편집)", "역사 피드 r1 (새 문서)"]
    assert f'href="/atom{url("history", "역사 피드")}"' in body(client.get(url("history", "역사 피드")))


def test_history_feed_of_a_missing_page_is_404(client):
    assert client.get("/atom" + url("history", "없는 피드")).status_code == 404
