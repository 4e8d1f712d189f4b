"""/Search (results with highlighted matches, paginated) and /Go (jump to an exact title)."""
from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from seedwiki import titles

from seedwiki.permissions.listing import may_read, readable_namespaces

from . import search as search_pages
from .backends.base import TARGETS
from .suggest import suggest_titles
from . import engine
from .terms import MAX_QUERY_LENGTH

PER_PAGE = 20
MAX_PAGE = 10_000  # keeps the page number a sane integer
TARGET_LABELS = {"title_content": _("제목+내용"), "title": _("제목"), "content": _("내용")}


class _PageOfHits:
    """Looks like the whole result list to Paginator while holding only the fetched page."""

    def __init__(self, total: int, hits: list):
        self.total, self.hits = total, hits

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, _slice):
        return self.hits


def _existing_document(request, full_title: str):
    from seedwiki.documents.models import Document

    try:
        namespace, title = titles.parse_title(full_title)
    except titles.TitleError:
        return None
    document = Document.objects.filter(namespace=namespace, title=title).first()
    if document is None or not document.exists or not may_read(request, namespace):
        return None
    return document


@require_safe
def search(request):
    q = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    target = request.GET.get("target", "title_content")
    if target not in TARGETS:
        target = "title_content"
    namespace = request.GET.get("namespace", "")
    if namespace not in titles.namespaces():
        namespace = ""
    try:
        page_number = min(max(1, int(request.GET.get("page", "1"))), MAX_PAGE)
    except ValueError:
        page_number = 1

    within = readable_namespaces(request)  # results and snippets only from pages the reader may read
    page_number = min(page_number, engine.MAX_RESULTS // PER_PAGE)  # the ranked list is bounded

    def run(number):
        return search_pages(q, target=target, namespace=namespace or None, limit=PER_PAGE,
                            offset=(number - 1) * PER_PAGE, within=within)

    results = run(page_number)
    if results.reachable and not results.hits:  # past the last page: show the last one
        page_number = (results.reachable - 1) // PER_PAGE + 1
        results = run(page_number)
    page = Paginator(_PageOfHits(results.reachable, results.hits), PER_PAGE).get_page(page_number)

    exact = _existing_document(request, q) if q else None
    creatable = None
    if q and exact is None:
        try:
            creatable = titles.canonical(q)
        except titles.TitleError:
            creatable = None
    base_query = urlencode({"q": q, "target": target, "namespace": namespace})
    return render(request, "search/results.html", {
        "q": q,
        "target": target,
        "namespace": namespace,
        "targets": list(TARGET_LABELS.items()),
        "namespaces": titles.namespaces(),
        "page": page,
        "total": results.total,
        "approximate": results.approximate,
        "at_least": results.at_least,
        "timed_out": results.timed_out,
        "exact": exact,
        "exact_url": titles.page_url(exact.full_title) if exact else "",
        "creatable": creatable,
        "creatable_url": titles.page_url(creatable) if creatable else "",
        "base_query": base_query,
    })


@require_safe
def go(request):
    """The search box's enter key: the page itself when the title exists, else the results."""
    q = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if not q:
        return HttpResponseRedirect("/Search")
    document = _existing_document(request, q)
    if document is not None:
        return HttpResponseRedirect(titles.page_url(document.full_title))
    return HttpResponseRedirect("/Search?" + urlencode({"q": q}))


@require_safe
def complete(request):
    """/complete?q=…: a JSON array of titles for the search box (prefix first, then infix)."""
    # Only titles the reader may read (the same filter as /Search), so the answer is per reader.
    response = JsonResponse(suggest_titles(request.GET.get("q", ""), within=readable_namespaces(request)), safe=False)
    response["Cache-Control"] = "private, max-age=30"
    return response
