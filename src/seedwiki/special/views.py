"""The seed's special pages (each a top-level route, as on namu.wiki)."""
from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from seedwiki import titles

from seedwiki.documents.views.common import handles_refusals
from seedwiki.documents.views.cursors import cursor_links, cursor_params, legacy_page_redirect
from seedwiki.keyset import KeysetPage
from seedwiki.permissions.listing import may_read, readable_namespaces, unreadable_namespaces

from . import list_pages, queries, stored_lists
from .models import ListEntry
from .license import content_license
from .menu import available_special_pages

RECENT_LIMIT = 100
RANDOM_PAGE_COUNT = 20

# ?logtype= of /RecentChanges → revision kind (namu.wiki calls restoring "recover").
LOGTYPES = {"all": None, "create": "create", "delete": "delete", "move": "move", "revert": "revert",
            "recover": "restore"}
LOGTYPE_LABELS = {"all": _("전체"), "create": _("새 문서"), "delete": _("삭제"), "move": _("이동"),
                  "revert": _("되돌림"), "recover": _("복구")}


def _namespace(request, default: str = titles.MAIN) -> str:
    value = request.GET.get("namespace", default)
    return value if value in titles.namespaces() else default


@require_safe
def recent_changes(request):
    from seedwiki.documents.models import Revision

    logtype = request.GET.get("logtype", "all")
    if logtype not in LOGTYPES:
        logtype = "all"
    revisions = (Revision.objects.select_related("document")
                 .exclude(document__namespace__in=unreadable_namespaces(request)).order_by("-created_at", "-id"))
    if LOGTYPES[logtype]:
        revisions = revisions.filter(kind=LOGTYPES[logtype])
    return render(request, "special/recent_changes.html", {
        "revisions": revisions[:RECENT_LIMIT],
        "logtype": logtype,
        "logtypes": list(LOGTYPE_LABELS.items()),
    })


@require_safe
def random_redirect(request):
    """/random: straight to one random page of 문서 (the main namespace)."""
    namespace = _namespace(request)
    found = queries.random_documents(1, namespace) if may_read(request, namespace) else []
    if not found:
        return HttpResponseRedirect(titles.page_url(_front_page()))
    return HttpResponseRedirect(titles.page_url(found[0].full_title))


def _front_page() -> str:
    from django.conf import settings

    return settings.FRONT_PAGE


@require_safe
def random_page(request):
    namespace = _namespace(request)
    found = queries.random_documents(RANDOM_PAGE_COUNT, namespace) if may_read(request, namespace) else []
    documents = sorted(found, key=lambda d: d.title)
    return render(request, "special/random_page.html", {
        "documents": documents, "namespace": namespace, "namespaces": titles.namespaces(),
    })


def _render_list(request, template: str, page, encode, heading, description, *, params: dict, **extra):
    """A keyset-paged special list (``page``), its pager links keeping ``params``."""
    return render(request, template, {
        "page": page,
        "pager": cursor_links(page, encode, params),
        "heading": heading,
        "description": description,
        "namespaces": titles.namespaces(),
        **extra,
    })


def _needed_key_of(row) -> tuple:
    return row["total"], row["title"]


@require_safe
@handles_refusals
def needed_pages(request):
    refresh = stored_lists.last_refresh(ListEntry.NEEDED)
    readable = readable_namespaces(request)
    linking = refresh.namespaces if refresh else []
    old_address = legacy_page_redirect(request, lambda: list_pages.needed_source(readable, linking),
                                       ("total", "title"), list_pages.PER_PAGE, _needed_key_of,
                                       list_pages.encode_needed)
    if old_address is not None:
        return old_address
    start, end = cursor_params(request, list_pages.parse_needed)
    page = list_pages.needed_page(readable, linking, start, end)
    return _render_list(request, "special/needed_pages.html", page, list_pages.encode_needed, _("작성이 필요한 문서"),
                        _("다른 문서에서 링크하지만 아직 없는 문서입니다."), params={}, refresh=refresh, stored=True)


def _namespace_params(namespace: str) -> dict:
    return {"namespace": namespace if namespace != titles.MAIN else ""}


def _stored_document_list(request, name: str, heading, description):
    namespace = _namespace(request)
    params = _namespace_params(namespace)
    old_address = legacy_page_redirect(
        request, lambda: ListEntry.objects.filter(list=name, namespace=namespace, rank=0), ("title",),
        list_pages.PER_PAGE, lambda row: (row.title,), list_pages.encode_title, params=params)
    if old_address is not None:
        return old_address
    start, end = cursor_params(request, list_pages.parse_title_key)
    # A namespace the reader may not read lists nothing (its titles are not theirs to see either).
    page = (list_pages.stored_page_list(name, namespace, start, end) if may_read(request, namespace)
            else KeysetPage([], None, None))
    return _render_list(request, "special/document_list.html", page, list_pages.encode_title, heading, description,
                        params=params, namespace=namespace, refresh=stored_lists.last_refresh(name), stored=True)


def _document_list(request, kind: list_pages.DocumentList, heading, description, column):
    namespace = _namespace(request)
    params = _namespace_params(namespace)
    old_address = legacy_page_redirect(request, lambda: kind.queryset(namespace), kind.keys, list_pages.PER_PAGE,
                                       kind.key_of, kind.encode, descending=kind.descending, params=params)
    if old_address is not None:
        return old_address
    start, end = cursor_params(request, kind.parse)
    page = kind.page(namespace, start, end) if may_read(request, namespace) else KeysetPage([], None, None)
    return _render_list(request, "special/document_list.html", page, kind.encode, heading, description,
                        params=params, namespace=namespace, column=column)


@require_safe
@handles_refusals
def orphaned_pages(request):
    return _stored_document_list(request, ListEntry.ORPHANED, _("고립된 문서"),
                                 _("다른 문서에서 링크하지 않는 문서입니다."))


@require_safe
@handles_refusals
def uncategorized_pages(request):
    return _stored_document_list(request, ListEntry.UNCATEGORIZED, _("분류가 되지 않은 문서"),
                                 _("분류가 하나도 없는 문서입니다."))


@require_safe
@handles_refusals
def old_pages(request):
    return _document_list(request, list_pages.OLDEST, _("편집된 지 오래된 문서"),
                          _("마지막 편집이 가장 오래된 문서부터 보여 줍니다."), "updated_at")


@require_safe
@handles_refusals
def shortest_pages(request):
    return _document_list(request, list_pages.SHORTEST, _("내용이 짧은 문서"),
                          _("내용이 가장 짧은 문서부터 보여 줍니다."), "length")


@require_safe
@handles_refusals
def longest_pages(request):
    return _document_list(request, list_pages.LONGEST, _("내용이 긴 문서"),
                          _("내용이 가장 긴 문서부터 보여 줍니다."), "length")


@require_safe
def license_page(request):
    import django

    import seedwiki

    return render(request, "special/license.html", {
        "license": content_license(),
        "engine_version": seedwiki.__version__,
        "django_version": django.get_version(),
    })


@require_safe
def special_index(request):
    """/Special: every tool and special page of the wiki, grouped."""
    groups: dict[str, list] = {}
    for page in available_special_pages():
        groups.setdefault(str(page.group), []).append(page)
    return render(request, "special/index.html", {"groups": groups})
