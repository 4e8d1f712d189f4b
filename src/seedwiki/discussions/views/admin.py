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


def _setting(change, field: str):
    """A view that passes the POSTed ``field`` to ``change(subject, slug, value)``."""
    @require_POST
    @handles_discussion_errors
    def view(request, slug):
        change(subject_of(request), slug, request.POST.get(field, ""))
        return _done(request, slug)

    return view


def _hiding(hidden: bool):
    @require_POST
    @handles_discussion_errors
    def view(request, slug, number):
        moderation.set_hidden(subject_of(request), slug, number, hidden)
        return _done(request, slug, f"#{number}")

    return view


status = _setting(moderation.set_status, "status")
topic = _setting(moderation.set_topic, "topic")
document = _setting(moderation.move_thread, "document")
hide = _hiding(True)
show = _hiding(False)


@require_POST
@handles_discussion_errors
def delete(request, slug):
    thread = moderation.delete_thread(subject_of(request), slug)
    if wants_json(request):
        return JsonResponse({"status": "success"})
    from seedwiki.titles import page_url

    return HttpResponseRedirect(page_url(thread.document.full_title, "discuss"))
