"""/edit/<title>: the editor (whole page or one section), preview, save, conflicts."""
from __future__ import annotations

from django.contrib import messages
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from seedwiki.documents.compression import DamagedBlobError
from seedwiki.documents.diffs import line_diff
from seedwiki.documents.services import ConflictError, EditError, edit_page
from seedwiki.documents.services.moved_while_editing import changed_under_editor
from seedwiki.documents.services.sections import section_text, splice_section
from seedwiki.documents.services.storage import readable_text
from seedwiki.documents.storage_failures import describe
from seedwiki.documents.views.common import (
    RequestError, authorize, handles_refusals, identity, int_param, revision_of, target_of,
)
from seedwiki.permissions.ratelimit import RateLimited, count_request
from seedwiki.render_pool import RenderUnavailable
from seedwiki.rendering import render_source
from seedwiki.titles import page_url


def _form(request, target, *, text, base_rev, section, summary="", status=200, **extra):
    context = {
        "full_title": target.full_title, "namespace": target.namespace, "document": target.document,
        "text": text, "base_rev": base_rev, "section": section, "summary": summary,
        "creating": not target.exists, "document_id": target.document.pk if target.exists else "",
        "save_title": target.full_title, **extra,
    }
    return render(request, "documents/edit.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@handles_refusals
def edit(request, title):
    target = target_of(title)
    if request.method == "POST":
        return _save(request, target)
    try:
        authorize(request, "edit", target)
    except RequestError as denied:
        redirect_url = _edit_request_instead(request, target) if denied.status == 403 else None
        if redirect_url is None:
            raise
        return redirect(redirect_url)
    section = int_param(request, "section")
    latest = target.document.latest if target.document is not None else None
    base_rev = latest.number if latest is not None else 0
    text = readable_text(latest) if target.exists else ""
    if section is not None:
        text = section_text(text, section)
        if text is None:
            raise RequestError(_("해당 문단을 찾을 수 없습니다."), 404, target.full_title)
    return _form(request, target, text=text, base_rev=base_rev, section=section)


def _changed_under_editor(request, target, changed, form):
    """The page moved or was deleted since the editor opened it: say so and keep the text.

    Moved: the form now saves onto the new title, from the same base revision (the document and
    its revision numbers moved with it), so the next save merges as usual. Deleted: the next save
    recreates the page with the editor's whole text.
    """
    if changed.kind == "moved":
        return _form(request, target, **form, status=409, error=changed.message,
                     moved_to=changed.current_title, save_title=changed.current_title)
    text = form["text"]
    if form["section"] is not None:
        base_text = readable_text(revision_of(target, form["base_rev"]))
        text = splice_section(base_text, form["section"], text) or text
    return _form(request, target, **{**form, "text": text, "section": None, "base_rev": changed.latest_number},
                 status=409, error=changed.message)


def _save(request, target):
    post = request.POST
    text = post.get("text", "")
    summary = post.get("summary", "")
    base_rev = int_param(request, "base_rev", source=post)
    section = int_param(request, "section", source=post)
    document_id = int_param(request, "document", source=post)
    if base_rev is None:
        raise RequestError(_("기준 판(base_rev)이 없습니다. 편집 화면을 다시 여세요."), 400)
    form = {"text": text, "base_rev": base_rev, "section": section, "summary": summary,
            "document_id": document_id or (target.document.pk if target.exists else "")}
    try:
        authorize(request, "edit", target)  # preview too: it is part of editing
    except RequestError as denied:  # keep what the editor typed
        return _form(request, target, error=denied.message, error_html=denied.html, status=403, **form)

    if "preview" in post:
        try:
            preview = render_source(text, target.full_title)
        except RenderUnavailable as error:  # past the hard limit: say so, keep the text
            return _form(request, target, error=error.message, status=503, **form)
        return _form(request, target, preview=preview, **form)

    changed = changed_under_editor(target.full_title, document_id, base_rev)
    if changed is not None:
        return _changed_under_editor(request, target, changed, form)
    full_text = text
    if section is not None:
        base_text = readable_text(revision_of(target, base_rev)) if base_rev else ""
        full_text = splice_section(base_text, section, text)
        if full_text is None:
            raise RequestError(_("해당 문단을 찾을 수 없습니다."), 404, target.full_title)
    try:
        count_request(request, "edit")
        result = edit_page(target.full_title, full_text, summary=summary, base_rev=base_rev,
                           refuse_empty_new=True, **identity(request))
    except ConflictError as conflict:
        # Keep the editor's whole text; the base moves to the current revision so the next save
        # only has to resolve what the editor sees in the diff.
        return _form(request, target, text=conflict.your_text, base_rev=conflict.latest_number, section=None,
                     summary=summary, status=409, error=str(conflict),
                     conflict_diff=line_diff(conflict.their_text, conflict.your_text))
    except RateLimited as limited:  # the editor's text stays in the form
        return limited.apply(_form(request, target, error=limited.message, **form))
    except EditError as error:
        return _form(request, target, error=str(error), status=error.status, **form)
    except (DatabaseError, DamagedBlobError) as error:
        # The database refused the write (read-only, full, busy): nothing was saved, so the
        # editor comes back with the text and summary as sent, and the reason.
        response = _form(request, target, error=describe(error), status=503, **form)
        response["Retry-After"] = "5"
        return response
    if result.merged:
        messages.info(request, _("편집하는 동안 다른 사람이 이 문서를 고쳤습니다. 겹치지 않는 변경이어서 두 편집을 합쳐 저장했습니다."))
    return redirect(page_url(target.full_title))


def _edit_request_instead(request, target) -> str | None:
    """Where the seed sends a reader who may not edit but may request an edit (when edit requests
    exist in this wiki): /new_edit_request/<title>?redirected=1."""
    from django.urls import NoReverseMatch, reverse

    from seedwiki.permissions.decide import can
    from seedwiki.permissions.subject import subject_of

    try:
        url = reverse("new_edit_request", args=[target.full_title])
    except NoReverseMatch:
        return None
    if not can(subject_of(request), "edit_request", target).allowed:
        return None
    return url + "?redirected=1"
