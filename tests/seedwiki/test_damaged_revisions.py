"""A revision whose stored bytes were damaged (before the thread-safety fix) never takes a page
down: the page names the damaged revision, `seedwiki check` finds it, `--repair` marks it, and the
newest readable revision is served; saving the same text again heals the blob."""
from __future__ import annotations

from django.db import connection
from pages_helpers import body, save, url

from seedwiki import cli
from seedwiki.documents.models import Blob, Document, Revision
from seedwiki.documents.services import integrity
from seedwiki.documents.services.storage import readable_text

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def _damage(revision: Revision) -> None:
    """Overwrite the revision's blob with bytes that are not a zstd frame (as the race left them)."""
    table = connection.ops.quote_name(Blob._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET data = %s WHERE hash = %s", [b"\x28\xb5\x2f\xfd\x00broken", revision.blob_id])


@pytest.fixture
def damaged_page():
    save("손상 문서", "첫 판의 내용")
    save("손상 문서", "둘째 판의 내용")
    latest = Document.objects.get(title="손상 문서").latest
    _damage(latest)
    return latest


def test_a_damaged_latest_revision_gives_a_page_that_names_it_and_offers_the_readable_one(client, damaged_page):
    response = client.get(url("w", "손상 문서"))
    assert response.status_code == 200
    html = body(response)
    assert "r2 판이 손상되어" in html
    assert "?rev=1" in html and url("history", "손상 문서") in html
    assert client.get(url("w", "손상 문서", "rev=1")).status_code == 200
    assert "첫 판의 내용" in body(client.get(url("w", "손상 문서", "rev=1")))


def test_other_views_of_a_damaged_revision_answer_with_a_page_not_a_crash(client, damaged_page):
    response = client.get(url("raw", "손상 문서"))
    assert response.status_code == 500 and "손상" in body(response)
    assert url("history", "손상 문서") in body(response)
    assert client.get(url("history", "손상 문서")).status_code == 200


def test_the_editor_of_a_damaged_page_starts_from_the_newest_readable_text(client, damaged_page):
    response = client.get(url("edit", "손상 문서"))
    assert response.status_code == 200 and "첫 판의 내용" in body(response)


def test_check_reports_then_repair_marks_and_the_readable_revision_is_served(client, damaged_page, capsys):
    assert cli.main(["check"]) == 1
    out = capsys.readouterr().err
    assert "손상 문서 r2" in out
    report = integrity.scan()
    assert [(r.full_title, r.number) for r in report.revisions] == [("손상 문서", 2)]

    assert cli.main(["check", "--repair"]) == 0
    assert Revision.objects.get(document__title="손상 문서", number=2).damaged
    page = client.get(url("w", "손상 문서"))
    assert page.status_code == 200
    assert "첫 판의 내용" in body(page) and "r2 판이 손상되어" in body(page)
    history = body(client.get(url("history", "손상 문서")))
    assert "손상됨" in history
    assert readable_text(Document.objects.get(title="손상 문서").latest) == "첫 판의 내용"


def test_a_new_save_of_the_damaged_text_heals_the_blob_and_check_unmarks_it(client, damaged_page):
    integrity.repair(integrity.scan())
    save("손상 문서", "첫 판의 내용 고침")
    save("손상 문서", "둘째 판의 내용")  # the same text as the damaged blob: its bytes are rewritten
    assert integrity.scan().clean
    assert integrity.repair(integrity.scan()) == (0, 1)
    assert not Revision.objects.filter(damaged=True).exists()
    assert "둘째 판의 내용" in body(client.get(url("w", "손상 문서", "rev=2")))


def test_blob_with_wrong_content_for_its_hash_is_damaged():
    raw = "원래 글".encode("utf-8")
    other = Blob.compress("다른 글".encode("utf-8"))
    assert integrity.blob_problem(Blob.hash_of(raw), other) == "내용이 해시와 다름"
    assert integrity.blob_problem(Blob.hash_of(raw), Blob.compress(raw)) is None
