"""Document services: edit, merge/conflict, move (+redirect, swap), delete, revert, restore, links."""
from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seedwiki.documents.models import Blob, Document, PageLink, Revision
from seedwiki.documents.services import (
    ConflictError, EditError, NoChangeError, PageExistsError, PageNotFoundError, RevisionNotFoundError,
    TitleError, TooLargeError, delete_page, edit_page, get_text, move_page, restore_page, revert_page,
)

pytestmark = pytest.mark.django_db

IP = "198.51.100.4"


def texts(title):
    document = Document.objects.get(title=title)
    return [(r.number, r.kind, get_text(r)) for r in document.revisions.order_by("number")]


def test_edit_creates_r1_then_r2():
    first = edit_page("사과", "빨갛다.", ip=IP, summary="새 문서")
    second = edit_page("사과", "빨갛고 달다.", ip=IP, base_rev=1)
    assert (first.revision.number, first.revision.kind) == (1, "create")
    assert (second.revision.number, second.revision.kind) == (2, "edit")
    assert second.revision.author_name == IP and second.revision.ip == IP
    assert second.revision.size == len("빨갛고 달다.".encode())
    assert second.revision.size_delta == len("빨갛고 달다.".encode()) - len("빨갛다.".encode())
    document = Document.objects.get(namespace="문서", title="사과")
    assert document.latest_id == second.revision.pk and document.length == second.revision.size
    assert texts("사과") == [(1, "create", "빨갛다."), (2, "edit", "빨갛고 달다.")]


def test_crlf_is_stored_as_lf():
    result = edit_page("줄바꿈", "가\r\n나\r\n", ip=IP)
    assert get_text(result.revision) == "가\n나\n"


def test_identical_text_is_refused():
    edit_page("같음", "내용", ip=IP)
    with pytest.raises(NoChangeError):
        edit_page("같음", "내용", ip=IP, base_rev=1)
    assert Revision.objects.filter(document__title="같음").count() == 1


def test_blobs_are_shared_by_content():
    edit_page("가", "같은 내용", ip=IP)
    edit_page("나", "같은 내용", ip=IP)
    edit_page("가", "다른 내용", ip=IP)
    edit_page("가", "같은 내용", ip=IP)
    assert Blob.objects.count() == 2
    blob = Blob.objects.get(hash=Blob.hash_of("같은 내용".encode()))
    assert bytes(blob.data) != "같은 내용".encode()  # stored compressed
    assert blob.text == "같은 내용"


def test_non_overlapping_concurrent_edits_are_merged():
    edit_page("병합", "하나\n둘\n셋\n", ip=IP)
    edit_page("병합", "하나!\n둘\n셋\n", ip=IP, base_rev=1)          # someone else, from r1
    result = edit_page("병합", "하나\n둘\n셋!\n", ip=IP, base_rev=1)  # me, also from r1
    assert result.merged
    assert get_text(result.revision) == "하나!\n둘\n셋!\n"
    assert result.revision.number == 3


def test_overlapping_edits_raise_conflict_keeping_my_text():
    edit_page("충돌", "a\nb\nc\n", ip=IP)
    edit_page("충돌", "a\nTHEIRS\nc\n", ip=IP, base_rev=1)
    with pytest.raises(ConflictError) as info:
        edit_page("충돌", "a\nMINE\nc\n", ip=IP, base_rev=1)
    assert info.value.your_text == "a\nMINE\nc\n"
    assert info.value.their_text == "a\nTHEIRS\nc\n"
    assert info.value.latest_number == 2
    assert "<<<<<<<" in info.value.merged_with_markers
    assert Document.objects.get(title="충돌").latest.number == 2


def test_two_creations_of_one_page_conflict():
    edit_page("동시 생성", "먼저\n", ip=IP, base_rev=0)
    with pytest.raises(ConflictError):
        edit_page("동시 생성", "나중\n", ip=IP, base_rev=0)


def test_unknown_base_revision():
    edit_page("기준", "x", ip=IP)
    edit_page("기준", "y", ip=IP)
    with pytest.raises(RevisionNotFoundError):
        edit_page("기준", "z", ip=IP, base_rev=9)


def test_oversized_text_is_refused(settings):
    settings.SEEDWIKI_MAX_TEXT_BYTES = 100
    with pytest.raises(TooLargeError) as info:
        edit_page("큼", "가" * 40, ip=IP)
    assert info.value.status == 413
    assert not Document.objects.filter(title="큼").exists()


def test_default_limit_is_two_megabytes():
    with pytest.raises(TooLargeError):
        edit_page("큼", "x" * (2 * 1024 * 1024 + 1), ip=IP)


def test_invalid_title_is_refused():
    with pytest.raises(TitleError):
        edit_page("a\x01b", "x", ip=IP)


def test_edit_time_and_author_name():
    at = dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    result = edit_page("시각", "x", author_name="봇", at=at, summary="요약")
    assert result.revision.created_at == at and result.revision.author_name == "봇"
    assert result.revision.summary == "요약"
    assert Document.objects.get(title="시각").updated_at == at


def test_summary_control_characters_are_dropped():
    # PostgreSQL text cannot hold NUL: a summary with control characters must still save.
    result = edit_page("요약 제어문자", "x", author_name="봇", summary="a\x00b\nc\td")
    assert result.revision.summary == "a b c d"


def test_link_rows_follow_the_latest_text():
    edit_page("링크", "[[사과]] [[틀:없는 틀]]\n[include(틀:정보, a=1)]\n[[파일:그림.png]]\n[[분류:과일]]", ip=IP)
    rows = set(PageLink.objects.filter(source__title="링크").values_list("target", "kind"))
    assert ("사과", "link") in rows
    assert ("틀:정보", "include") in rows
    assert ("파일:그림.png", "file") in rows
    assert ("분류:과일", "category") in rows
    edit_page("링크", "[[배]]", ip=IP)
    rows = set(PageLink.objects.filter(source__title="링크").values_list("target", "kind"))
    assert rows == {("배", "link")}


def test_redirect_page_is_flagged():
    edit_page("넘김", "#redirect 사과\n", ip=IP)
    document = Document.objects.get(title="넘김")
    assert document.is_redirect and document.redirect_target == "사과"
    assert PageLink.objects.filter(source=document, kind="redirect", target="사과").exists()
    edit_page("넘김", "이제 보통 문서", ip=IP)
    document.refresh_from_db()
    assert not document.is_redirect and document.redirect_target == ""


def test_move_keeps_history_and_can_leave_a_redirect():
    edit_page("옛 이름", "내용", ip=IP)
    edit_page("옛 이름", "내용 2", ip=IP)
    moved = move_page("옛 이름", "새 이름", leave_redirect=True, ip=IP, summary="이름 바꿈")
    moved.refresh_from_db()
    assert moved.full_title == "새 이름"
    assert [(r.number, r.kind) for r in moved.revisions.order_by("number")] == [(1, "create"), (2, "edit"), (3, "move")]
    move_rev = moved.latest
    assert move_rev.extra == {"from": "옛 이름", "to": "새 이름"} and get_text(move_rev) == "내용 2"
    assert move_rev.size_delta == 0
    left = Document.objects.get(title="옛 이름")
    assert left.is_redirect and left.redirect_target == "새 이름"
    assert get_text(left.latest).startswith("#redirect 새 이름")


def test_move_without_redirect_and_onto_an_existing_page():
    edit_page("A", "a", ip=IP)
    edit_page("B", "b", ip=IP)
    with pytest.raises(PageExistsError):
        move_page("A", "B", ip=IP)
    move_page("A", "C", ip=IP)
    assert not Document.objects.filter(title="A").exists()
    with pytest.raises(PageNotFoundError):
        move_page("없는 문서", "D", ip=IP)


def test_move_across_namespaces():
    edit_page("정보 상자", "틀 내용", ip=IP)
    move_page("정보 상자", "틀:정보 상자", ip=IP)
    document = Document.objects.get(namespace="틀", title="정보 상자")
    assert document.full_title == "틀:정보 상자"


def test_swap_exchanges_titles_and_histories():
    edit_page("X", "x 내용", ip=IP)
    edit_page("Y", "y 내용", ip=IP)
    edit_page("Y", "y 내용 2", ip=IP)
    move_page("X", "Y", swap=True, ip=IP)
    x, y = Document.objects.get(title="X"), Document.objects.get(title="Y")
    assert get_text(y.latest) == "x 내용" and y.latest.number == 2
    assert get_text(x.latest) == "y 내용 2" and x.latest.number == 3
    assert x.latest.kind == y.latest.kind == "move"


def test_delete_keeps_history_and_allows_recreation():
    edit_page("지울 문서", "[[사과]]", ip=IP)
    delete_page("지울 문서", ip=IP, summary="정리")
    document = Document.objects.get(title="지울 문서")
    assert document.deleted and not document.exists and document.length == 0
    assert document.latest.kind == "delete" and get_text(document.latest) == ""
    assert document.latest.size_delta == -len("[[사과]]".encode())
    assert not PageLink.objects.filter(source=document).exists()
    with pytest.raises(PageNotFoundError):
        delete_page("지울 문서", ip=IP)
    again = edit_page("지울 문서", "다시", ip=IP)
    assert again.revision.kind == "create" and again.revision.number == 3


def test_revert_and_restore():
    edit_page("되돌림", "첫째", ip=IP)
    edit_page("되돌림", "둘째", ip=IP)
    revert_page("되돌림", 1, ip=IP)
    document = Document.objects.get(title="되돌림")
    assert document.latest.kind == "revert" and document.latest.extra == {"rev": 1}
    assert get_text(document.latest) == "첫째" and document.latest.number == 3
    with pytest.raises(NoChangeError):
        revert_page("되돌림", 1, ip=IP)
    with pytest.raises(RevisionNotFoundError):
        revert_page("되돌림", 99, ip=IP)
    delete_page("되돌림", ip=IP)
    with pytest.raises(EditError):
        revert_page("되돌림", 4, ip=IP)  # r4 is the deletion
    restore_page("되돌림", ip=IP)
    document.refresh_from_db()
    assert document.exists and document.latest.kind == "restore" and get_text(document.latest) == "첫째"


def test_failed_edit_leaves_nothing_behind():
    edit_page("원자성", "a\nb\n", ip=IP)
    edit_page("원자성", "a\nX\n", ip=IP, base_rev=1)
    before = (Revision.objects.count(), Blob.objects.count(), PageLink.objects.count())
    with pytest.raises(ConflictError):
        edit_page("원자성", "a\nY\n[[새 링크]]\n", ip=IP, base_rev=1)
    assert (Revision.objects.count(), Blob.objects.count(), PageLink.objects.count()) == before


def test_edit_query_count_is_bounded():
    edit_page("쿼리", "[[a]] [[b]] [[c]] [[d]]", ip=IP)
    with CaptureQueriesContext(connection) as queries:
        edit_page("쿼리", "[[a]] [[b]] [[c]] [[d]] [[e]] [[f]]", ip=IP)
    assert len(queries) < 20


def test_relative_links_resolve_against_the_page_title():
    edit_page("상위/중간", "[[/하위]] [[../]]", ip=IP)
    targets = set(PageLink.objects.filter(source__title="상위/중간").values_list("target", flat=True))
    assert targets == {"상위/중간/하위", "상위"}
