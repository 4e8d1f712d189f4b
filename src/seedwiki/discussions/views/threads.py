"""/discuss/<title> (a page's threads and the form to open one) and /thread/<slug> (read, post,
blocks of 30, the polling endpoint, one comment's source)."""
from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from seedwiki.discussions.models import DiscussNotice, Thread
from seedwiki.discussions.services import listing
from seedwiki.discussions.services.errors import DiscussionError, require
from seedwiki.discussions.services.moderation import thread_by_slug
from seedwiki.discussions.services.posting import create_thread, page_title, post_comment
from seedwiki.discussions.views.common import (
    handles_discussion_errors, shown, throttle, wants_json, with_retry_after,
)
from seedwiki.documents.views.common import authorize, int_param, target_of
from seedwiki.permissions.decide import can
from seedwiki.permissions.subject import subject_of


@require_http_methods(["GET", "HEAD", "POST"])
@handles_discussion_errors
def discuss(request, title):
    target = target_of(title)
    authorize(request, "read", target)
    form = {"topic": "", "text": ""}
    error = None
    if request.method == "POST":
        form = {"topic": request.POST.get("topic", ""), "text": request.POST.get("text", "")}
        try:
            throttle(request, "thread")
            thread = create_thread(subject_of(request), target.full_title, form["topic"], form["text"])
        except DiscussionError as refusal:
            error = refusal  # shown above the form, which keeps what the user typed
        else:
            return HttpResponseRedirect(reverse("thread", args=[thread.slug]))
    state = request.GET.get("state", "")
    context = {
        "full_title": target.full_title, "document": target.document, "tab": "discuss", "state": state,
        "form": form, "error": error,
        "may_create": can(subject_of(request), "create_thread", target).allowed,
    }
    if state == "closed_edit_requests":
        context["edit_requests"] = _edit_requests(target.document, closed=True)
    else:
        threads = listing.document_threads(target.document, closed=state == "close")
        for thread in threads:
            thread.shown = shown(thread.preview, target.full_title, reveal=False)
        context["threads"] = threads
        if state != "close":
            context["edit_requests"] = _edit_requests(target.document, closed=False)
    response = render(request, "discussions/discuss.html", context, status=error.status if error else 200)
    return with_retry_after(response, error) if error else response


def _edit_requests(document, *, closed: bool):
    try:
        from seedwiki.editrequests.services.listing import document_requests
    except ImportError:
        return []
    return document_requests(document, closed=closed)


def _readable_thread(request, slug: str) -> Thread:
    thread = thread_by_slug(slug)
    require(subject_of(request), "read", thread.document)
    return thread


@require_http_methods(["GET", "HEAD", "POST"])
@handles_discussion_errors
def thread(request, slug, start=None):
    if request.method == "POST":
        return _post(request, slug)
    return _thread_page(request, slug, start)


def _thread_page(request, slug, start=None, *, error: DiscussionError | None = None, typed: str = ""):
    """The thread's page; after a refused comment, with the refusal and the typed text kept."""
    thread = _readable_thread(request, slug)
    subject = subject_of(request)
    full_title = page_title(thread)
    start = max(1, start or 1)
    if start > max(1, thread.comment_count):
        raise Http404()
    manager = subject.holds("manage_thread")
    rows = listing.comment_block(thread, start)
    comments_html = _comments_html(request, thread, rows, full_title, manager)
    if subject.user is not None:
        DiscussNotice.objects.filter(user=subject.user, thread=thread).delete()
    blocks = _pager(start, thread.comment_count)
    last_shown = rows[-1].number if rows else 0
    response = render(request, "discussions/thread.html", {
        "error": error, "typed": typed, "thread": thread, "full_title": full_title, "document": thread.document, "tab": "discuss",
        "comments_html": comments_html, "start_text": str(start), "blocks": blocks, "last_shown": last_shown,
        "at_end": last_shown >= thread.comment_count, "manager": manager,
        "may_delete": subject.holds("delete_thread"),
        "may_comment": thread.status == Thread.Status.NORMAL
        and can(subject, "write_thread_comment", thread.document).allowed,
    }, status=error.status if error else 200)
    return with_retry_after(response, error) if error else response


def _comments_html(request, thread, rows, full_title: str, manager: bool) -> str:
    """The block's comments as HTML. For readers without the hide permission the fragment depends
    only on the rows (a comment's text never changes; hiding changes the key), so it is cached: the
    template engine spent most of a long thread's page time on 30 comment includes."""
    def render():
        return render_to_string("discussions/_comments.html", {
            "comments": shown(rows, full_title, reveal=manager), "thread": thread, "manager": manager}, request)

    if manager:  # carries CSRF tokens: never shared
        return mark_safe(render())
    state = [(row.pk, row.hidden, row.hidden_by) for row in rows]
    digest = hashlib.sha1(repr((get_language(), thread.document_id, state)).encode()).hexdigest()
    key = f"sw:thread-html:{thread.pk}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, 3600)
    return mark_safe(html)


def _pager(start: int, count: int, around: int = 3) -> list[str]:
    """Block starts to link: the first, the last, and a few around the current one (as strings: a
    5,000-comment thread has 167 blocks, and localising that many numbers was most of the page's time)."""
    last = (max(count, 1) - 1) // listing.BLOCK
    current = (start - 1) // listing.BLOCK
    indexes = sorted({0, last, *range(max(0, current - around), min(last, current + around) + 1)})
    return [str(index * listing.BLOCK + 1) for index in indexes]


def _post(request, slug):
    text = request.POST.get("text", "")
    try:
        throttle(request, "comment")
        comment = post_comment(subject_of(request), slug, text)
    except DiscussionError as error:
        if wants_json(request) or error.status == 404:
            raise
        return _thread_page(request, slug, _block_start(thread_by_slug(slug).comment_count), error=error, typed=text)
    # Rendered now, once, so the readers polling this thread find it in the cache.
    listing.comment_html(comment, page_title(comment.thread))
    if wants_json(request):
        return JsonResponse({"status": "success", "number": comment.number})
    start = _block_start(comment.number)
    block = "" if start == 1 else f"/{start}"
    return HttpResponseRedirect(reverse("thread", args=[slug]) + block + f"#{comment.number}")


def _block_start(number: int) -> int:
    """The first comment number of the block of 30 holding comment ``number`` (1 for none)."""
    return (max(number, 1) - 1) // listing.BLOCK * listing.BLOCK + 1


@require_safe
@handles_discussion_errors
def poll(request, slug):
    """New comments after ?after=N, as HTML fragments, for the page's script."""
    thread = _readable_thread(request, slug)
    after = int_param(request, "after", 0)
    manager = subject_of(request).holds("manage_thread")
    comments = shown(listing.comments_after(thread, after), page_title(thread), reveal=manager)
    return JsonResponse({
        "count": thread.comment_count, "status": thread.status,
        "comments": [{"number": c.number, "html": render_to_string("discussions/_comment.html",
                                                                   {"comment": c, "thread": thread,
                                                                    "manager": manager}, request)}
                     for c in comments],
    })


@require_safe
@handles_discussion_errors
def raw(request, slug, number):
    thread = _readable_thread(request, slug)
    comment = thread.comments.filter(number=number).first()
    if comment is None:
        raise DiscussionError(_("댓글을 찾을 수 없습니다."), 404)
    if comment.hidden and not subject_of(request).holds("manage_thread"):
        raise DiscussionError(_("숨겨진 댓글입니다."), 403, "permission_hide")
    return HttpResponse(comment.text, content_type="text/plain; charset=utf-8")
