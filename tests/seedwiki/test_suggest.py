"""Request level: /complete, the search box's title suggestions (prefix first, then infix)."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seedwiki.documents.services import delete_page

from pages_helpers import IP, save

pytestmark = [pytest.mark.django_db, pytest.mark.storage]


@pytest.fixture
def pages():
    for title in ("사과", "사과나무", "사과 주스", "풋사과 농장", "배", "틀:사과 상자", "지운 사과"):
        save(title, "본문 " + title)
    delete_page("지운 사과", ip=IP)


def test_prefix_matches_come_first_in_order(client, pages):
    titles = client.get("/complete", {"q": "사과"}).json()
    assert titles[:3] == ["사과", "사과 주스", "사과나무"]


def test_infix_matches_follow_for_three_characters(client, pages):
    assert client.get("/complete", {"q": "풋사과"}).json() == ["풋사과 농장"]
    assert "풋사과 농장" in client.get("/complete", {"q": "사과 농"}).json()  # inside the title


def test_deleted_pages_and_other_namespaces(client, pages):
    titles = client.get("/complete", {"q": "지운"}).json()
    assert "지운 사과" not in titles
    assert client.get("/complete", {"q": "틀:사과"}).json() == ["틀:사과 상자"]


def test_empty_bad_and_long_input(client, pages):
    assert client.get("/complete").json() == []
    assert client.get("/complete", {"q": "   "}).json() == []
    assert client.get("/complete", {"q": "\x01"}).json() == []
    assert client.get("/complete", {"q": "가" * 5000}).status_code == 200


def test_prefix_lookup_is_a_bounded_range_query(client, pages):
    """The prefix part reads an index range with a LIMIT, never every title."""
    with CaptureQueriesContext(connection) as queries:
        client.get("/complete", {"q": "배"})
    sql = [q["sql"] for q in queries.captured_queries if "documents_document" in q["sql"]][0]
    assert "LIMIT 10" in sql and ">=" in sql and "<" in sql and "LIKE" not in sql.upper()
