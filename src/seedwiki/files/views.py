"""/Upload, /file/<sha256>, and the image header of 파일: pages."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseNotModified, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from seedwiki import titles
from seedwiki.accounts.identity import request_identity
from seedwiki.permissions.decide import can
from seedwiki.permissions.ratelimit import RateLimited, check_request, count_request
from seedwiki.permissions.subject import subject_of

from . import storage
from .description import description_text
from .forms import UploadForm, max_upload_bytes
from .limits import UploadSizeLimitHandler
from .info import file_info  # noqa: F401  (the renderer's entry point, also reachable from here)
from .models import Upload
from .sniff import NotAnImage, sniff_image

SNIFF_BYTES = 1024 * 1024  # JPEG frame headers can sit after large EXIF/ICC segments
ONE_YEAR = 365 * 24 * 3600
# Stored in the revision, so in the wiki's language rather than the uploader's interface language.
UPLOAD_SUMMARY = "파일 올림"


class UploadRefused(Exception):
    """A reason to show next to the form (the request is answered with 400/409)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _read_head(uploaded) -> bytes:
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    return head


def _live_page_exists(namespace: str, title: str) -> bool:
    from seedwiki.documents.models import Document

    document = Document.objects.filter(namespace=namespace, title=title).first()
    return document is not None and document.exists


def _save_upload(request, form) -> str:
    from seedwiki.documents.services import EditError, edit_page

    uploaded = form.cleaned_data["file"]
    full_title = form.cleaned_data["title"]
    try:
        image = sniff_image(_read_head(uploaded))
    except NotAnImage as error:
        raise UploadRefused(_("PNG, JPEG, GIF, WebP 이미지만 올릴 수 있습니다.")) from error
    extension = "." + full_title.rsplit(".", 1)[-1].lower()
    if extension not in image.extensions:
        raise UploadRefused(
            _("파일 이름의 확장자가 실제 파일 형식(%(mime)s)과 다릅니다. (%(expected)s)")
            % {"mime": image.mime, "expected": ", ".join(image.extensions)}
        )
    namespace, title = titles.parse_title(full_title)
    decision = can(subject_of(request), "edit", full_title)  # uploading creates the 파일: page
    if not decision.allowed:
        raise UploadRefused(decision.message, status=403)
    if _live_page_exists(namespace, title):  # cheap early answer; checked again in the transaction
        raise UploadRefused(_("이미 존재하는 파일 이름입니다."), status=409)
    # Content-addressed and written before the transaction: a rolled-back upload leaves at
    # most an unreferenced file, never a row pointing at nothing.
    sha, size = storage.store(uploaded.chunks())
    user, ip = request_identity(request)
    text = description_text(summary=form.cleaned_data["summary"], license=form.cleaned_data["license"],
                            category=form.cleaned_data["category"])
    with transaction.atomic():
        if _live_page_exists(namespace, title):
            raise UploadRefused(_("이미 존재하는 파일 이름입니다."), status=409)
        try:
            # base_rev=0 ("the page did not exist"): a concurrent upload of the same name that
            # won the race makes this one a conflict instead of a silent second version.
            result = edit_page(full_title, text, user=user, ip=ip, base_rev=0,
                               summary=UPLOAD_SUMMARY + " " + form.cleaned_data["summary"].splitlines()[0][:200])
        except EditError as error:
            raise UploadRefused(str(error), getattr(error, "status", 400)) from error
        Upload.objects.create(
            document=result.document, sha256=sha, mime=image.mime, size=size,
            width=image.width, height=image.height, license=form.cleaned_data["license"],
            summary=form.cleaned_data["summary"], user=user, ip=ip if user is None else None,
            created_at=timezone.now(),
        )
    return result.document.full_title


@csrf_exempt  # only so the size guard can be installed before the body is read; see below
@require_http_methods(["GET", "POST"])
def upload(request):
    if request.method == "POST":
        # (``_dont_enforce_csrf_checks``: Django's test client, as CsrfViewMiddleware honours it.)
        if settings.CSRF_COOKIE_NAME not in request.COOKIES and not getattr(request, "_dont_enforce_csrf_checks", False):
            # Bound to fail the CSRF check: refuse before reading (or buffering) a large body.
            return import_string(settings.CSRF_FAILURE_VIEW)(request, reason="CSRF cookie not set.")
        try:  # a client with no uploads left is refused before its body is read
            check_request(request, "upload")
        except RateLimited as limited:
            return limited.apply(render(request, "files/upload.html", {
                "form": UploadForm(), "max_bytes": max_upload_bytes(), "refusal": limited.message}))
        request.upload_handlers.insert(0, UploadSizeLimitHandler(request, max_upload_bytes()))
        request.POST  # noqa: B018  (parse now, through the guard)
        if request.upload_too_large:
            # Refused before anything is stored or changed, so the CSRF check is not needed.
            refusal = _("파일이 너무 큽니다. (최대 %(limit)s바이트)") % {"limit": f"{max_upload_bytes():,}"}
            return render(request, "files/upload.html",
                          {"form": UploadForm(), "max_bytes": max_upload_bytes(), "refusal": refusal}, status=413)
    return _upload_form(request)


@csrf_protect
def _upload_form(request):
    # ?title=파일:X (a red link to a missing file) fills in the name
    initial = {"title": request.GET.get("title", "")[:titles.MAX_TITLE_LENGTH]}
    form = UploadForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                count_request(request, "upload")
                full_title = _save_upload(request, form)
            except RateLimited as limited:
                form.add_error(None, limited.message)
                status = limited.status
            except UploadRefused as refusal:
                form.add_error(None, str(refusal))
                status = refusal.status
            else:
                messages.success(request, _("파일을 올렸습니다."))
                return HttpResponseRedirect(titles.page_url(full_title))
        else:
            status = 413 if form.has_error("file", code="too_large") else 400
    return render(request, "files/upload.html", {"form": form, "max_bytes": max_upload_bytes()}, status=status)


def _safe_filename(document) -> str:
    # Only the title's last path segment, with characters that could break the header removed.
    name = document.title.rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"\\;\r\n')
    return name or "file"


@require_safe
def serve(request, sha256: str):
    if not storage.SHA256_RE.match(sha256):
        raise Http404(_("파일을 찾을 수 없습니다."))
    # Only bytes some live 파일: page points at; a deleted file page stops serving its image.
    upload_row = (Upload.objects.filter(sha256=sha256, document__deleted=False)
                  .select_related("document").order_by("-id").first())
    if upload_row is None:
        raise Http404(_("파일을 찾을 수 없습니다."))
    if not can(subject_of(request), "read", upload_row.document).allowed:
        raise PermissionDenied(_("읽기 권한이 부족합니다."))
    etag = f'"{sha256}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        try:
            handle = open(storage.path_of(sha256), "rb")
        except (OSError, ValueError) as error:
            raise Http404(_("파일을 찾을 수 없습니다.")) from error
        # The type we sniffed at upload, never a guess from the name or the bytes again.
        response = FileResponse(handle, content_type=upload_row.mime)
        response["Content-Length"] = str(upload_row.size)
        response["Content-Disposition"] = content_disposition_header(
            False, _safe_filename(upload_row.document))
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # The URL names the content: it can never change, so caches may keep it.
    response["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response


def latest_upload(document):
    if document is None or getattr(document, "pk", None) is None:
        return None
    return Upload.objects.filter(document_id=document.pk).order_by("-created_at", "-id").first()


def file_header_context(document) -> dict:
    """Context for files/file_header.html on a 파일: page ({} when nothing was uploaded)."""
    upload_row = latest_upload(document)
    if upload_row is None:
        return {}
    return {
        "upload": upload_row,
        "file_url": upload_row.url,
        "file_alt": document.title,
    }
