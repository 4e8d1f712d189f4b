"""/admin/thread/<slug>/…: status, topic, document, hide/show a comment, delete (POST only)."""
from __future__ import annotations

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from seedwiki.discussions.services import moderation
from seedwiki.discussions.views.common import handles_discussion_errors, wants_json
from seedwiki.permissions.subject import subject_of


def _done(request, slug: str, anchor: str = ""):
    if wants_json(request):
        return JsonResponse({"status": "success"})
    return HttpResponseRedirect(reverse("thread", args=[slug]) + anchor)


@require_POST
@handles_discussion_errors
def status(request, slug):
    moderation.set_status(subject_of(request), slug, request.POST.get("status", ""))
    return _done(request, slug)


@require_POST
@handles_discussion_errors
def topic(request, slug):
    moderation.set_topic(subject_of(request), slug, request.POST.get("topic", ""))
    return _done(request, slug)


@require_POST
@handles_discussion_errors
def document(request, slug):
    moderation.move_thread(subject_of(request), slug, request.POST.get("document", ""))
    return _done(request, slug)


@require_POST
@handles_discussion_errors
def hide(request, slug, number):
    moderation.set_hidden(subject_of(request), slug, number, True)
    return _done(request, slug, f"#{number}")


@require_POST
@handles_discussion_errors
def show(request, slug, number):
    moderation.set_hidden(subject_of(request), slug, number, False)
    return _done(request, slug, f"#{number}")


@require_POST
@handles_discussion_errors
def delete(request, slug):
    thread = moderation.delete_thread(subject_of(request), slug)
    if wants_json(request):
        return JsonResponse({"status": "success"})
    from seedwiki.titles import page_url

    return HttpResponseRedirect(page_url(thread.document.full_title, "discuss"))
