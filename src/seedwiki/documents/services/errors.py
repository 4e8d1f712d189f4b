"""What the document services refuse, each with a Korean message for the reader."""
from __future__ import annotations

from django.utils.translation import gettext as _

from seedwiki.titles import TitleError  # noqa: F401  (re-exported: services raise it too)


class EditError(Exception):
    """Base of the refusals; ``str(error)`` is shown to the reader. ``status`` is the HTTP code."""

    status = 400


class TooLargeError(EditError):
    status = 413

    def __init__(self, size: int, limit: int):
        super().__init__(_("문서 크기가 너무 큽니다. (%(size)s바이트, 최대 %(limit)s바이트)") % {"size": f"{size:,}", "limit": f"{limit:,}"})
        self.size, self.limit = size, limit


class SummaryTooLongError(EditError):
    def __init__(self, length: int, limit: int):
        super().__init__(_("요약이 너무 깁니다. (%(length)s자, 최대 %(limit)s자)") % {"length": length, "limit": limit})


class EmptyPageError(EditError):
    def __init__(self):
        super().__init__(_("빈 문서는 만들 수 없습니다. 내용을 입력해 주세요."))


class NoChangeError(EditError):
    def __init__(self):
        super().__init__(_("문서 내용이 같습니다."))


class PageNotFoundError(EditError):
    status = 404

    def __init__(self, title: str):
        super().__init__(_("'%(title)s' 문서를 찾을 수 없습니다.") % {"title": title})
        self.title = title


class RevisionNotFoundError(EditError):
    status = 404

    def __init__(self, title: str, number):
        super().__init__(_("'%(title)s' 문서에 r%(number)s 판이 없습니다.") % {"title": title, "number": number})
        self.title, self.number = title, number


class PageExistsError(EditError):
    status = 409

    def __init__(self, title: str):
        super().__init__(_("'%(title)s' 문서가 이미 존재합니다. 맞바꾸기를 선택하세요.") % {"title": title})
        self.title = title


class ConflictError(EditError):
    """The page changed since the editor's base revision and the changes overlap."""

    status = 409

    def __init__(self, base_text: str, their_text: str, your_text: str, merged_with_markers: str,
                 latest_number: int = 0):
        super().__init__(_("편집 도중에 다른 사용자가 먼저 편집을 했습니다. 충돌한 부분을 고친 뒤 다시 저장하세요."))
        self.base_text = base_text
        self.their_text = their_text
        self.your_text = your_text
        self.merged_with_markers = merged_with_markers
        self.latest_number = latest_number


class RenderLimitError(EditError):
    """The text could not be analysed within the render worker's time or memory limit."""

    status = 503

    def __init__(self, message: str):
        super().__init__(message)
