"""The seed's special pages (each a top-level route, as on namu.wiki)."""
from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from seedwiki import titles

from seedwiki.permissions.listing import may_read, readable_namespaces, unreadable_namespaces

from . import queries
from .license import content_license
from .menu import available_special_pages

RECENT_LIMIT = 100
PER_PAGE = 100
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


def _paginated(request, queryset, template: str, heading, description="", **extra):
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    namespace = extra.get("namespace")
    return render(request, template, {
        "page": page,
        "heading": heading,
        "description": description,
        "base_query": urlencode({"namespace": namespace}) if namespace else "",
        "namespaces": titles.namespaces(),
        **extra,
    })


@require_safe
def needed_pages(request):
    return _paginated(request, queries.needed_pages(readable_namespaces(request)), "special/needed_pages.html",
                      _("작성이 필요한 문서"),
                      _("다른 문서에서 링크하지만 아직 없는 문서입니다."))


def _document_list(request, build, heading, description, column=None):
    namespace = _namespace(request)
    # A namespace the reader may not read lists nothing (its titles are not theirs to see either).
    documents = build(namespace) if may_read(request, namespace) else build(namespace).none()
    return _paginated(request, documents, "special/document_list.html", heading, description,
                      namespace=namespace, column=column, path=request.path)


@require_safe
def orphaned_pages(request):
    return _document_list(request, queries.orphaned_pages, _("고립된 문서"),
                          _("다른 문서에서 링크하지 않는 문서입니다."))


@require_safe
def uncategorized_pages(request):
    return _document_list(request, queries.uncategorized_pages, _("분류가 되지 않은 문서"),
                          _("분류가 하나도 없는 문서입니다."))


@require_safe
def old_pages(request):
    return _document_list(request, queries.old_pages, _("편집된 지 오래된 문서"),
                          _("마지막 편집이 가장 오래된 문서부터 보여 줍니다."), column="updated_at")


@require_safe
def shortest_pages(request):
    return _document_list(request, queries.shortest_pages, _("내용이 짧은 문서"),
                          _("내용이 가장 짧은 문서부터 보여 줍니다."), column="length")


@require_safe
def longest_pages(request):
    return _document_list(request, queries.longest_pages, _("내용이 긴 문서"),
                          _("내용이 가장 긴 문서부터 보여 줍니다."), column="length")


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
