"""The 특수 기능 menu (in every page's header) and /Special: the wiki's tools and special pages.

Entries belong to several apps; an entry is listed only when its path is served (the discussions
app brings /RecentDiscuss, the files app /Upload), so the menu never links to a missing page.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SpecialPage:
    path: str
    label: str
    group: str


SPECIAL_PAGES = (
    SpecialPage("/RecentChanges", _("최근 변경"), _("최근 활동")),
    SpecialPage("/RecentDiscuss", _("최근 토론"), _("최근 활동")),
    SpecialPage("/random", _("임의 문서"), _("문서 찾기")),
    SpecialPage("/Search", _("검색"), _("문서 찾기")),
    SpecialPage("/Upload", _("파일 올리기"), _("도구")),
    SpecialPage("/NeededPages", _("작성이 필요한 문서"), _("문서 목록")),
    SpecialPage("/OrphanedPages", _("고립된 문서"), _("문서 목록")),
    SpecialPage("/UncategorizedPages", _("분류가 되지 않은 문서"), _("문서 목록")),
    SpecialPage("/OldPages", _("편집된 지 오래된 문서"), _("문서 목록")),
    SpecialPage("/ShortestPages", _("내용이 짧은 문서"), _("문서 목록")),
    SpecialPage("/LongestPages", _("내용이 긴 문서"), _("문서 목록")),
    SpecialPage("/License", _("라이선스"), _("도구")),
)


def _served(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


@lru_cache(maxsize=1)
def available_special_pages() -> tuple[SpecialPage, ...]:
    """The entries whose page this wiki serves (URLs are fixed at start-up, so computed once)."""
    return tuple(page for page in SPECIAL_PAGES if _served(page.path))
