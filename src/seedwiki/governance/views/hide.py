"""POST /admin/hide_revision: hide or show again one revision of a page (hide_revision)."""
from __future__ import annotations

from django.http import HttpResponseRedirect
from django.views.decorators.http import require_POST

from seedwiki.governance import hiding
from seedwiki.governance.views.common import actor, field, handles_refused
from seedwiki.titles import page_url


@require_POST
@handles_refused
def hide_revision(request):
    revision = hiding.find_revision(field(request.POST, "title", 300), field(request.POST, "rev", 10))
    hiding.set_hidden(actor(request), revision, request.POST.get("hidden") == "1")
    return HttpResponseRedirect(page_url(revision.document.full_title, "history"))
