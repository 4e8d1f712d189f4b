"""Concurrent writers on real threads with real transactions: no edit is ever silently lost.

Each thread has its own database connection (Django's are per thread), so these run the same
locking the server relies on: BEGIN IMMEDIATE on SQLite, SELECT … FOR UPDATE on PostgreSQL
(`SEEDWIKI_TEST_DATABASE_URL=… pytest -m storage`).
"""
from __future__ import annotations

import threading

import pytest
from django.db import connection

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import ConflictError, EditError, edit_page, get_text, move_page

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.storage]

JOIN_TIMEOUT = 120


def run_together(*jobs):
    """Run each job on its own thread, released at the same moment; returns (results, errors)."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)
    errors: list = [None] * len(jobs)

    def runner(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except BaseException as error:  # noqa: BLE001 — handed back to the test
            errors[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
        assert not thread.is_alive(), "a writer hung (deadlock?)"
    return results, errors


def text_of(title: str) -> str:
    return get_text(Document.objects.get(title=title).latest)


def numbers_of(title: str) -> list[int]:
    return list(Revision.objects.filter(document__title=title).order_by("number").values_list("number", flat=True))


def test_two_edits_of_different_lines_from_one_base_are_both_kept():
    edit_page("동시 편집", "첫 줄\n가운데\n끝 줄\n", author_name="처음")
    results, errors = run_together(
        lambda: edit_page("동시 편집", "첫 줄 (갑)\n가운데\n끝 줄\n", author_name="갑", base_rev=1),
        lambda: edit_page("동시 편집", "첫 줄\n가운데\n끝 줄 (을)\n", author_name="을", base_rev=1),
    )
    assert errors == [None, None]
    assert text_of("동시 편집") == "첫 줄 (갑)\n가운데\n끝 줄 (을)\n"
    assert sorted(r.merged for r in results) == [False, True]  # the later one was merged
    assert numbers_of("동시 편집") == [1, 2, 3]


def test_two_edits_of_the_same_line_give_one_save_and_one_conflict():
    edit_page("다툰 줄", "원래 문장\n", author_name="처음")
    results, errors = run_together(
        lambda: edit_page("다툰 줄", "갑의 문장\n", author_name="갑", base_rev=1),
        lambda: edit_page("다툰 줄", "을의 문장\n", author_name="을", base_rev=1),
    )
    conflicts = [e for e in errors if isinstance(e, ConflictError)]
    saved = [r for r in results if r is not None]
    assert len(conflicts) == 1 and len(saved) == 1, errors
    winner_text = get_text(saved[0].revision)
    assert text_of("다툰 줄") == winner_text
    loser = conflicts[0]
    assert loser.your_text in ("갑의 문장\n", "을의 문장\n") and loser.your_text != winner_text
    assert loser.their_text == winner_text  # the conflict screen shows what won
    assert numbers_of("다툰 줄") == [1, 2]


def test_two_creations_of_one_new_page():
    results, errors = run_together(
        lambda: edit_page("새로 만든 곳", "갑이 만듦\n", author_name="갑", base_rev=0),
        lambda: edit_page("새로 만든 곳", "을이 만듦\n", author_name="을", base_rev=0),
    )
    assert sum(r is not None for r in results) == 1
    assert sum(isinstance(e, ConflictError) for e in errors) == 1
    assert Document.objects.filter(title="새로 만든 곳").count() == 1
    assert numbers_of("새로 만든 곳") == [1]


def test_many_writers_retrying_on_conflict_lose_nothing():
    writers, rounds = 4, 4
    edit_page("공용 문서", "".join(f"줄 {w}: 0\n" for w in range(writers)), author_name="처음")
    conflicts = [0] * writers

    def writer(w):
        def job():
            for round_number in range(1, rounds + 1):
                while True:
                    document = Document.objects.select_related("latest__blob").get(title="공용 문서")
                    lines = get_text(document.latest).split("\n")
                    lines[w] = f"줄 {w}: {round_number}"
                    try:
                        edit_page("공용 문서", "\n".join(lines), author_name=f"writer{w}",
                                  base_rev=document.latest.number)
                        break
                    except ConflictError:
                        conflicts[w] += 1
        return job

    results, errors = run_together(*(writer(w) for w in range(writers)))
    assert errors == [None] * writers
    assert text_of("공용 문서") == "".join(f"줄 {w}: {rounds}\n" for w in range(writers))
    assert numbers_of("공용 문서") == list(range(1, writers * rounds + 2))
    # Every revision keeps every earlier change of the others: the rounds never go backwards.
    seen = [0] * writers
    for revision in Revision.objects.filter(document__title="공용 문서").order_by("number").select_related("blob"):
        for w, line in enumerate(get_text(revision).split("\n")[:writers]):
            value = int(line.rsplit(" ", 1)[1])
            assert value >= seen[w], (revision.number, w)
            seen[w] = value


def test_an_edit_racing_a_move_lands_on_the_moved_page_or_is_refused():
    edit_page("달리는 문서", "처음\n", author_name="처음")
    results, errors = run_together(
        lambda: move_page("달리는 문서", "도착한 문서", author_name="이사"),
        lambda: edit_page("달리는 문서", "처음\n덧붙임\n", author_name="편집", base_rev=1),
    )
    assert errors[0] is None, errors[0]
    moved = Document.objects.get(title="도착한 문서")
    if errors[1] is None:
        edited = results[1].document
        if edited.pk == moved.pk:  # the edit went first, then the move carried it along
            assert get_text(moved.latest) == "처음\n덧붙임\n"
        else:  # the move went first: the edit created a new page at the free old title
            assert get_text(edited.latest) == "처음\n덧붙임\n"
            assert get_text(moved.latest) == "처음\n"
    else:
        assert isinstance(errors[1], EditError)
    assert sorted(numbers_of("도착한 문서")) == list(range(1, len(numbers_of("도착한 문서")) + 1))


def test_two_browsers_saving_from_one_base_through_the_editor():
    """The same race through POST /edit: the later save is merged (302) or shown as a conflict (409)."""
    from urllib.parse import quote

    from django.test import Client

    edit_page("편집기 경쟁", "위\n가운데\n아래\n", author_name="처음")
    path = "/edit/" + quote("편집기 경쟁")

    def post(text, base):
        return lambda: Client().post(path, {"text": text, "base_rev": str(base)}).status_code

    statuses, errors = run_together(post("위 (갑)\n가운데\n아래\n", 1), post("위\n가운데\n아래 (을)\n", 1))
    assert errors == [None, None] and statuses == [302, 302]
    assert text_of("편집기 경쟁") == "위 (갑)\n가운데\n아래 (을)\n"

    statuses, errors = run_together(post("갑의 위\n가운데\n아래 (을)\n", 3), post("을의 위\n가운데\n아래 (을)\n", 3))
    assert errors == [None, None] and sorted(statuses) == [302, 409]
    assert text_of("편집기 경쟁") in ("갑의 위\n가운데\n아래 (을)\n", "을의 위\n가운데\n아래 (을)\n")
    assert numbers_of("편집기 경쟁") == [1, 2, 3, 4]
