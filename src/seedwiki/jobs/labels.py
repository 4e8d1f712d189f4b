"""What the jobs page calls each kind of job and each state, in the reader's language."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "fanout": _("틀·링크 갱신"),
    "search_index": _("검색 색인"),
    "rebuild": _("다시 계산"),
    "import": _("덤프 가져오기"),
    "special_lists": _("특수 문서 목록 갱신"),
}
STATE_LABELS = {"pending": _("대기 중"), "running": _("실행 중"), "done": _("완료"), "failed": _("실패")}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))
