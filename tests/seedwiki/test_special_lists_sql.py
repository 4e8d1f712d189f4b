"""The stored lists computed in SQL (stored_lists.py) split a link target back into namespace and
title exactly as join_title joins them: prefixed targets, main-namespace titles holding a colon,
redirects that exist, deleted pages that do not, self-links. Runs on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from pages_helpers import save
from seedwiki.documents.services import delete_page
from seedwiki.special.models import ListEntry, ListRefresh
from seedwiki.special.stored_lists import rebuild_special_lists

pytestmark = [pytest.mark.django_db, pytest.mark.storage]


def rows(name: str) -> set[tuple]:
    return set(ListEntry.objects.filter(list=name).values_list("namespace", "title", "rank", "count"))


def test_lists_match_join_title_in_every_namespace():
    save("틀:있는 틀", "틀 본문")
    save("가: 콜론 제목", "본문")  # "가" is no namespace: a main-namespace title with a colon
    save("넘김", "#redirect 틀:있는 틀")
    save("지운 문서", "곧 지움")
    delete_page("지운 문서", ip="192.0.2.1")
    save("자기 링크", "[[자기 링크]]")
    save("분류된 쪽", "[[분류:시험]] [[분류된 쪽]]")
    save("링크하는 쪽", "[[틀:있는 틀]] [[틀:없는 틀]] [[가: 콜론 제목]] [[넘김]] [[지운 문서]] [[없는 제목]]")
    save("틀:링크 틀", "[[없는 제목]]")

    stored = rebuild_special_lists()

    # Per linking namespace, and over all of them ("").
    assert rows(ListEntry.NEEDED) == {
        ("", "틀:없는 틀", -1, 1), ("", "지운 문서", -1, 1), ("", "없는 제목", -2, 2),
        ("문서", "틀:없는 틀", -1, 1), ("문서", "지운 문서", -1, 1), ("문서", "없는 제목", -1, 1), ("틀", "없는 제목", -1, 1)}
    assert stored[ListEntry.NEEDED] == 3
    assert ListRefresh.objects.get(list=ListEntry.NEEDED).namespaces == ["문서", "틀"]
    # Nobody else links to them (a page linking only to itself is an orphan); redirects are left out.
    assert rows(ListEntry.ORPHANED) == {("문서", "링크하는 쪽", 0, 0), ("틀", "링크 틀", 0, 0),
                                        ("문서", "분류된 쪽", 0, 0), ("문서", "자기 링크", 0, 0)}
    assert {title for _, title, _, _ in rows(ListEntry.UNCATEGORIZED)} == {
        "있는 틀", "가: 콜론 제목", "자기 링크", "링크하는 쪽", "링크 틀"}
    assert stored[ListEntry.ORPHANED] == 4 and stored[ListEntry.UNCATEGORIZED] == 5


def test_rebuild_replaces_the_rows_and_leaves_no_stage():
    save("가", "[[없음 하나]]")
    rebuild_special_lists()
    save("가", "[[없음 둘]]")
    rebuild_special_lists()
    rebuild_special_lists([ListEntry.NEEDED])  # twice in one connection: the stage table is dropped each time
    assert {title for _, title, _, _ in rows(ListEntry.NEEDED)} == {"없음 둘"}
    with pytest.raises(ValueError):
        rebuild_special_lists(["unknown"])
