"""When the database refuses a write or a stored revision cannot be read: a clear page, never a
bare 500.

``describe(error)`` names what happened (read-only, full, busy, unreachable) from the error the
driver raised (SQLite's message, PostgreSQL's SQLSTATE); the editor uses it to show the text again
with that message (HTTP 503). ``StorageFailureMiddleware`` does the same for every other view,
and turns a damaged revision (compression.DamagedBlobError) into a page that links to the history.
"""
from __future__ import annotations

import logging

from django.db import DatabaseError
from django.shortcuts import render
from django.utils.translation import gettext as _

from seedwiki.documents.compression import DamagedBlobError

log = logging.getLogger(__name__)

READ_ONLY, FULL, BUSY, UNREACHABLE, OTHER = "read-only", "full", "busy", "unreachable", "other"

_SQLSTATE_KINDS = {"25006": READ_ONLY, "53100": FULL, "53200": FULL, "53300": BUSY, "55P03": BUSY,
                   "40001": BUSY, "40P01": BUSY, "57014": BUSY, "57P01": UNREACHABLE, "57P03": UNREACHABLE}
_SQLITE_WORDS = ((READ_ONLY, ("readonly", "read-only", "read only")),
                 (FULL, ("disk is full", "database or disk is full", "no space left")),
                 (BUSY, ("database is locked", "table is locked", "database is busy")),
                 (UNREACHABLE, ("unable to open database", "disk i/o error")))


def failure_kind(error: BaseException) -> str:
    """READ_ONLY, FULL, BUSY, UNREACHABLE or OTHER for a database error."""
    cause = error.__cause__ or error
    state = getattr(cause, "sqlstate", None) or getattr(getattr(cause, "diag", None), "sqlstate", None)
    if state:
        if state in _SQLSTATE_KINDS:
            return _SQLSTATE_KINDS[state]
        if state.startswith("08"):
            return UNREACHABLE
    text = str(error).lower()
    for kind, words in _SQLITE_WORDS:
        if any(word in text for word in words):
            return kind
    return OTHER


def failure_message(kind: str) -> str:
    if kind == READ_ONLY:
        return _("데이터베이스가 읽기 전용 상태여서 저장하지 못했습니다. 위키 관리자에게 알려 주세요.")
    if kind == FULL:
        return _("저장 공간이 가득 차서 저장하지 못했습니다. 위키 관리자에게 알려 주세요.")
    if kind == BUSY:
        return _("데이터베이스가 다른 작업으로 바빠서 저장하지 못했습니다. 잠시 후 다시 시도해 주세요.")
    if kind == UNREACHABLE:
        return _("데이터베이스에 연결할 수 없어 저장하지 못했습니다. 잠시 후 다시 시도해 주세요.")
    return _("데이터베이스 오류로 저장하지 못했습니다. 잠시 후 다시 시도해 주세요.")


def describe(error: BaseException) -> str:
    """The user's message for a failed write (logged for the operator as well)."""
    if isinstance(error, DamagedBlobError):
        log.error("a save was refused: its text did not read back: %s", error)
        return _("저장한 내용을 다시 읽어 확인하지 못해 저장을 취소했습니다. 잠시 후 다시 시도해 주세요.")
    kind = failure_kind(error)
    log.error("a write failed (%s): %s", kind, error)
    return failure_message(kind)


class StorageFailureMiddleware:
    """Database refusals → 503 with the reason; a damaged revision → a page that says so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        title = (getattr(request, "resolver_match", None) and request.resolver_match.kwargs.get("title")) or None
        if isinstance(exception, DamagedBlobError):
            log.error("damaged revision read at %s: %s", request.path, exception)
            return render(request, "documents/damaged.html", {"full_title": title, "damaged_number": None},
                          status=500)
        if isinstance(exception, DatabaseError):
            if request.method in ("GET", "HEAD"):
                log.error("a read failed at %s: %s", request.path, exception)
                message = _("데이터베이스가 응답하지 않아 요청을 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.")
            else:
                message = describe(exception)
            response = render(request, "documents/error.html", {"message": message, "full_title": None},
                              status=503)
            response["Retry-After"] = "5"
            return response
        return None
