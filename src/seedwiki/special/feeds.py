"""Atom feeds: /atom/RecentChanges (the whole wiki) and /atom/history/<title> (one page).

Each entry is a revision: who, what kind, the summary, and a link to its diff (or the page for a
first revision), so a feed reader can follow the wiki like RecentChanges.
"""
from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from seedwiki import titles

FEED_LENGTH = 50


def _entry_link(request, revision) -> str:
    full = revision.document.full_title
    if revision.number > 1:
        path = f"{titles.page_url(full, 'diff')}?rev={revision.number}&oldrev={revision.number - 1}"
    else:
        path = f"{titles.page_url(full)}?rev={revision.number}"
    return request.build_absolute_uri(path)


def _feed(request, title: str, link_path: str, revisions) -> HttpResponse:
    feed = Atom1Feed(title=title, link=request.build_absolute_uri(link_path),
                     description=title, language=settings.LANGUAGE_CODE,
                     feed_url=request.build_absolute_uri())
    for revision in revisions:
        full = revision.document.full_title
        kind = _(revision.get_kind_display())
        feed.add_item(
            title=f"{full} r{revision.number} ({kind})",
            link=_entry_link(request, revision),
            description=revision.summary or kind,
            author_name=revision.author_name,
            pubdate=revision.created_at,
            updateddate=revision.created_at,
            unique_id=request.build_absolute_uri(f"{titles.page_url(full)}?rev={revision.number}"),
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


@require_safe
def recent_changes_feed(request):
    from seedwiki.documents.models import Revision

    revisions = Revision.objects.select_related("document").order_by("-created_at", "-id")[:FEED_LENGTH]
    return _feed(request, f"{settings.SITE_NAME} - {_('최근 변경')}", "/RecentChanges", revisions)


@require_safe
def history_feed(request, title: str):
    from seedwiki.documents.models import Document

    try:
        namespace, name = titles.parse_title(title)
    except titles.TitleError as error:
        raise Http404(str(error)) from error
    document = Document.objects.filter(namespace=namespace, title=name).first()
    if document is None or document.latest_id is None:
        raise Http404(_("해당 문서를 찾을 수 없습니다."))
    revisions = document.revisions.select_related("document").order_by("-number")[:FEED_LENGTH]
    full = document.full_title
    return _feed(request, f"{full} - {_('역사')}", titles.page_url(full, "history"), revisions)
