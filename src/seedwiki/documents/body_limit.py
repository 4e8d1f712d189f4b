"""Refuse a form body too big to read with 413 and a message, instead of Django's bare 400.

Django stops reading a URL-encoded body over DATA_UPLOAD_MAX_MEMORY_SIZE (RequestDataTooBig) the
first time anything touches request.POST — the CSRF check, before any view. This middleware runs
before that check and answers from the declared Content-Length, without reading the body. The
editor's own size check (editor.js) stops such a save in the browser first, so the text stays in
the textarea; this is the server's answer to clients without it.
"""
from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and _too_big(request):
            limit_mb = settings.SEEDWIKI_MAX_TEXT_BYTES / (1024 * 1024)
            message = _("보낸 내용이 너무 큽니다. 문서는 %(mb)s MB까지 저장할 수 있습니다. 보낸 글은 받지 못했으니 "
                        "브라우저의 '뒤로'로 편집 화면에 돌아가 내용을 줄여 주세요.") % {"mb": f"{limit_mb:g}"}
            return render(request, "documents/error.html", {"message": message}, status=413)
        return self.get_response(request)


def _too_big(request) -> bool:
    # Multipart bodies (uploads) have their own streaming limit (files/limits.py).
    if request.content_type != "application/x-www-form-urlencoded":
        return False
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return limit is not None and length > limit
