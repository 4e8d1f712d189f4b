"""/w/<title> (the rendered page, following redirects) and /raw/<title> (the source)."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from seedwiki.documents.compression import DamagedBlobError
from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services.attribution import SHOWN_ON_PAGE, imported_contributors
from seedwiki.documents.services.storage import latest_readable
from seedwiki.documents.views import page_cache
from seedwiki.documents.views.common import (RequestError, authorize, handles_refusals, int_param, readable_revision,
                                              target_of)
from seedwiki.rendering import render_revision, with_section_edit_links
from seedwiki.titles import CATEGORY, FILE, TitleError, normalize, page_url, parse_title


def _canonical_redirect(request, raw_title: str, full_title: str, action: str):
    """Send ``/w/문서:X`` or ``/w/ X `` to the page's canonical URL (keeps the query string)."""
    if normalize(raw_title) == full_title and raw_title == full_title:
        return None
    url = page_url(full_title, action)
    if request.META.get("QUERY_STRING"):
        url += "?" + request.META["QUERY_STRING"]
    return HttpResponseRedirect(url)


def _redirects_here(from_title: str, full_title: str) -> bool:
    """True when the page ``from_title`` exists and is a redirect to ``full_title``."""
    try:
        namespace, title = parse_title(from_title)
    except TitleError:
        return False
    return Document.objects.filter(namespace=namespace, title=title, deleted=False, latest__isnull=False,
                                   is_redirect=True, redirect_target=full_title).exists()


def _extras(request, target) -> dict:
    """Category member lists and file headers, from the apps that provide them."""
    extras = {}
    document = target.document
    if target.namespace == CATEGORY:
        try:
            from seedwiki.special.category import category_listing, member_key, section_of
        except ImportError:
            pass
        else:
            from seedwiki.documents.views.cursors import cursor_params
            from seedwiki.permissions.listing import readable_namespaces

            # Members are listed even when the category has no page of its own yet.
            category = document or Document(namespace=target.namespace, title=target.title)
            readable = readable_namespaces(request)
            start, end = cursor_params(request, lambda raw: member_key(category, raw, readable), target.full_title,
                                       names=("cfrom", "cuntil"))
            extras["category_listing"] = category_listing(
                category, readable, section=section_of(request.GET.get("namespace", "")), start=start, end=end)
    if target.namespace == FILE and document is not None and document.exists:
        try:
            from seedwiki.files.views import file_header_context
        except ImportError:
            pass
        else:
            extras["file_header"] = file_header_context(document)
    return extras


def _article_html(data: dict | None, full_title: str, *, is_old: bool) -> str:
    if not data:
        return ""
    if is_old:  # an old revision is not what the editor would open
        return data["html"]
    return with_section_edit_links(data["html"], data.get("headings") or [], full_title, _("편집"))


@require_safe
@handles_refusals
def page(request, title):
    # Anonymous readers of an unchanged page get the finished HTML from the cache (page_cache.py).
    key = page_cache.page_key(request, title)
    if key is not None:
        cached = page_cache.lookup(request, key)
        if cached is not None:
            return cached
    response = _page(request, title)
    if key is not None:
        page_cache.store(request, key, response)
    return response


@handles_refusals
def _page(request, title):
    target = target_of(title)
    full = target.full_title
    redirect = _canonical_redirect(request, title, full, "w")
    if redirect is not None:
        return redirect
    authorize(request, "read", target)
    number = int_param(request, "rev")
    from_title = request.GET.get("from", "")
    if from_title and not _redirects_here(from_title, full):
        # "X에서 넘어옴" only names a real redirect; anything else goes to the plain URL (so no
        # page with made-up text is rendered, let alone cached under its own URL).
        query = request.GET.copy()
        del query["from"]
        return HttpResponseRedirect(page_url(full) + ("?" + query.urlencode() if query else ""))
    base = {"full_title": full, "namespace": target.namespace, "from_title": from_title,
            "document": target.document}

    if number is None and not target.exists:
        context = {**base, "deleted": target.document is not None and target.document.deleted,
                   **_extras(request, target)}
        return render(request, "documents/missing.html", context, status=404)

    document = target.document
    revision = readable_revision(request, target, number)
    notice = ""
    if revision.damaged and number is None:
        # Marked by `seedwiki check --repair`: serve the newest revision that still reads.
        readable = latest_readable(revision)
        if readable is None:
            return _damaged(request, target, revision)
        notice = _("r%(bad)s 판이 손상되어 읽을 수 있는 최신 판인 r%(good)s 판을 보여 드립니다.") % {
            "bad": revision.number, "good": readable.number}
        revision = readable
    elif revision.damaged:
        return _damaged(request, target, revision)
    try:
        return _rendered_page(request, target, revision, number, base, notice)
    except DamagedBlobError:
        return _damaged(request, target, revision)


def _damaged(request, target, revision):
    """A revision whose stored text cannot be read: say which, offer the newest readable one."""
    readable = latest_readable(revision)
    context = {"full_title": target.full_title, "namespace": target.namespace, "document": target.document,
               "damaged_number": revision.number,
               "readable_number": readable.number if readable is not None else None}
    return render(request, "documents/damaged.html", context)


def _rendered_page(request, target, revision, number, base, notice):
    document, full, from_title = target.document, target.full_title, base["from_title"]
    if number is None and document.is_redirect and request.GET.get("noredirect") != "1":
        if document.redirect_target == full:
            notice = _("이 문서는 자기 자신으로 넘겨주기합니다.")
        elif from_title:
            notice = _("넘겨주기 문서로 넘어왔습니다. 연쇄 넘겨주기는 따라가지 않습니다.")
        else:
            data = render_revision(document, revision)
            anchor = (data.get("redirect") or {}).get("anchor") or ""
            url = page_url(document.redirect_target) + "?" + urlencode({"from": full}, quote_via=quote)
            if anchor:
                url += "#" + quote(anchor, safe="-._~")
            return HttpResponseRedirect(url)

    data = render_revision(document, revision) if revision.kind != Revision.Kind.DELETE else None
    categories = (data or {}).get("categories") or []
    context = {
        **base,
        "revision": revision,
        "is_old": number is not None,
        "data": data,
        "html": _article_html(data, full, is_old=number is not None),
        # the target of the revision shown (an old revision may have pointed elsewhere)
        "redirect_target": ((data or {}).get("redirect") or {}).get("title", ""),
        "categories": [c for c in categories if not c.get("blur")],
        "blurred_categories": [c for c in categories if c.get("blur")],
        "notice": notice,
        **_attribution(document),
        **_extras(request, target),
    }
    # A render past the hard limit: the page says so, and nobody (front cache, proxies) keeps it.
    failed = bool((data or {}).get("failed"))
    response = render(request, "documents/page.html", context, status=503 if failed else 200)
    if failed:
        response["Retry-After"] = "60"
    return response


def _attribution(document) -> dict:
    names = imported_contributors(document)
    return {"contributors": names[:SHOWN_ON_PAGE], "more_contributors": max(0, len(names) - SHOWN_ON_PAGE)}


@require_safe
@handles_refusals
def raw(request, title):
    target = target_of(title)
    redirect = _canonical_redirect(request, title, target.full_title, "raw")
    if redirect is not None:
        return redirect
    authorize(request, "read", target)
    number = int_param(request, "rev")
    if number is None and not target.exists:
        raise RequestError(_("해당 문서를 찾을 수 없습니다."), 404, target.full_title)
    revision = readable_revision(request, target, number)
    return HttpResponse(revision.text, content_type="text/plain; charset=utf-8")
