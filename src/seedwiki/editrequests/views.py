"""/new_edit_request/<title>, /edit_request/<slug> (view, edit, accept, close) and
/contribution/<name>/edit_request."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from seedwiki.discussions.services.errors import DiscussionError, require
from seedwiki.discussions.views.common import handles_discussion_errors, throttle, with_retry_after
from seedwiki.documents.diffs import line_diff
from seedwiki.documents.views.common import authorize, int_param, target_of
from seedwiki.editrequests.services import requests as service
from seedwiki.editrequests.services.listing import user_requests
from seedwiki.permissions.decide import can
from seedwiki.permissions.listing import readable_namespaces
from seedwiki.permissions.subject import subject_of


def _form(request, *, full_title, document, text, log, base_rev, edit_request=None, error=None, status=200):
    redirected = request.GET.get("redirected") == "1"
    edit_denied = can(subject_of(request), "edit", document) if redirected else None
    response = render(request, "editrequests/form.html", {
        "full_title": full_title, "document": document, "tab": "edit", "text": text, "log": log,
        "base_rev": base_rev, "edit_request": edit_request, "error": error,
        "redirected": redirected, "edit_denied_html": edit_denied.html if edit_denied is not None and not edit_denied.allowed else "",
    }, status=status)
    return with_retry_after(response, error) if error else response


@require_http_methods(["GET", "HEAD", "POST"])
@handles_discussion_errors
def new_request(request, title):
    target = target_of(title)
    if not target.exists:
        raise DiscussionError(_("문서를 찾을 수 없습니다."), 404, "document_not_found")
    require(subject_of(request), "edit_request", target)
    latest = target.document.latest
    if request.method == "GET" or request.method == "HEAD":
        return _form(request, full_title=target.full_title, document=target.document, text=latest.text, log="",
                     base_rev=latest.number)
    text, log = request.POST.get("text", ""), request.POST.get("log", "")
    base_rev = int_param(request, "base_rev", source=request.POST)
    try:
        throttle(request, "edit_request")
        created = service.create_request(subject_of(request), target.full_title, text, log, base_rev)
    except DiscussionError as error:  # keep what the requester typed
        return _form(request, full_title=target.full_title, document=target.document, text=text, log=log,
                     base_rev=base_rev or latest.number, error=error, status=error.status)
    return HttpResponseRedirect(reverse("edit_request", args=[created.slug]))


@require_safe
@handles_discussion_errors
def view(request, slug):
    edit_request = service.by_slug(slug)
    authorize(request, "read", edit_request.document)
    subject = subject_of(request)
    state = service.merge_state(edit_request) if edit_request.status == "open" else None
    diff_base = state.base_text if state else ""
    return render(request, "editrequests/view.html", {
        "edit_request": edit_request, "full_title": edit_request.document.full_title,
        "document": edit_request.document, "tab": "discuss",
        "diff": line_diff(diff_base, edit_request.content) if state else None,
        "conflicted": state.conflicted if state else False,
        "is_own": service.is_requester(subject, edit_request),
        "acceptable": bool(state) and can(subject, "edit", edit_request.document).allowed,
        "closable": bool(state) and service.may_close(subject, edit_request),
    })


@require_http_methods(["GET", "HEAD", "POST"])
@handles_discussion_errors
def edit(request, slug):
    edit_request = service.by_slug(slug)
    subject = subject_of(request)
    if not service.is_requester(subject, edit_request):
        raise DiscussionError(_("자신의 편집 요청만 수정할 수 있습니다."), 403, "not_own_edit_request")
    document = edit_request.document
    if request.method != "POST":
        # Rebase onto the current text: the form starts from the merge (or the request when it conflicts).
        state = service.merge_state(edit_request)
        text = edit_request.content if state.conflicted else state.merged_text
        return _form(request, full_title=document.full_title, document=document, text=text, log=edit_request.log,
                     base_rev=document.latest.number, edit_request=edit_request)
    text, log = request.POST.get("text", ""), request.POST.get("log", "")
    base_rev = int_param(request, "base_rev", source=request.POST)
    try:
        throttle(request, "edit_request")
        service.update_request(subject, slug, text, log, base_rev)
    except DiscussionError as error:
        return _form(request, full_title=document.full_title, document=document, text=text, log=log,
                     base_rev=base_rev, edit_request=edit_request, error=error, status=error.status)
    return HttpResponseRedirect(reverse("edit_request", args=[slug]))


@require_POST
@handles_discussion_errors
def accept(request, slug):
    service.accept_request(subject_of(request), slug)
    return HttpResponseRedirect(reverse("edit_request", args=[slug]))


@require_POST
@handles_discussion_errors
def close(request, slug):
    service.close_request(subject_of(request), slug, request.POST.get("close_reason", ""))
    return HttpResponseRedirect(reverse("edit_request", args=[slug]))


@require_safe
def contribution(request, name):
    page = Paginator(user_requests(name, readable_namespaces(request)), 50).get_page(request.GET.get("page"))
    return render(request, "editrequests/contribution.html", {"name": name, "page": page, "kind": "edit_request"})
