"""POST /admin/hide_revision: hide or show again one revision of a page (hide_revision)."""
from __future__ import annotations

from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seedwiki.documents.models import Revision
from seedwiki.governance import hiding
from seedwiki.governance.errors import Refused
from seedwiki.governance.views.common import actor, field, handles_refused
from seedwiki.titles import TitleError, page_url, parse_title


@require_POST
@handles_refused
def hide_revision(request):
    try:
        namespace, title = parse_title(field(request.POST, "title", 300))
    except TitleError as error:
        raise Refused(str(error)) from error
    number = field(request.POST, "rev", 10)
    revision = (Revision.objects.select_related("document")
                .filter(document__namespace=namespace, document__title=title,
                        number=int(number) if number.isascii() and number.isdigit() else -1).first())
    if revision is None:
        raise Refused(_("해당 리비전을 찾을 수 없습니다."), 404)
    hiding.set_hidden(actor(request), revision, request.POST.get("hidden") == "1")
    return HttpResponseRedirect(page_url(revision.document.full_title, "history"))
