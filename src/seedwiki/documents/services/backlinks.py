"""The pages that refer to a title (links, includes, files, redirects), a page at a time.

Pages, not link rows: a page that both links to and includes a title is one row, listing both
kinds. The list is sorted by (namespace, title) and paged by keyset (``seedwiki.keyset``), so a page
of a title with 100,000 backlinks costs what the first page costs.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from seedwiki.documents.models import Document, LinkCount, PageLink
from seedwiki.keyset import KeysetPage, keyset_page

PER_PAGE = 100
KEYS = ("namespace", "title")
# Categories list their members on the category page itself, not here.
FEW_SOURCES = 2000
REFERENCE_KINDS = (PageLink.Kind.LINK, PageLink.Kind.INCLUDE, PageLink.Kind.FILE, PageLink.Kind.REDIRECT)


@dataclass
class BacklinkRow:
    document: Document
    kinds: list[str]


def _links(full_title: str, kinds=REFERENCE_KINDS):
    return PageLink.objects.filter(target=full_title, kind__in=kinds)


def backlink_counts(full_title: str, namespaces: list[str], kinds=REFERENCE_KINDS) -> dict[str, int]:
    """namespace → how many live pages of it refer to full_title (only the namespaces given).

    All kinds: read from LinkCount, which triggers keep as link rows come and go, a few rows however
    popular the title (documents/link_counts.py). Some kinds only (the API's flag): counted from the
    link rows over the (target, kind, source) index."""
    if set(kinds) == set(REFERENCE_KINDS):
        rows = LinkCount.objects.filter(target=full_title, kind="ref", namespace__in=namespaces, n__gt=0)
        return dict(rows.values_list("namespace", "n"))
    rows = (_links(full_title, kinds).filter(source__deleted=False, source__namespace__in=namespaces)
            .values("source__namespace").annotate(n=Count("source", distinct=True)))
    return {row["source__namespace"]: row["n"] for row in rows}


def key_of(document: Document) -> tuple[str, str]:
    return document.namespace, document.title


def backlink_sources(full_title: str, namespaces: list[str], kinds=REFERENCE_KINDS):
    """The live pages in ``namespaces`` that refer to full_title (a queryset, unordered).

    Two plans, whichever reads fewer rows: a title with few references hands the database its
    sources by id (at most FEW_SOURCES rows, then sorted); a popular one asks, page by page in title
    order, whether each refers to it (EXISTS over the (target, kind, source) index) and stops after a
    page's worth, which is short because most pages match. (``id IN (subquery)`` there made both
    databases fetch and sort every referring page: 52,000 at 100k pages.)"""
    links = _links(full_title, kinds)
    few = list(links.values_list("source_id", flat=True)[: FEW_SOURCES + 1])
    pages = Document.objects.filter(deleted=False, namespace__in=namespaces)
    if len(few) <= FEW_SOURCES:
        return pages.filter(id__in=few)
    return pages.filter(Exists(links.filter(source_id=OuterRef("pk"))))


def backlink_page(full_title: str, namespaces: list[str], *, start: tuple | None = None,
                  end: tuple | None = None, per_page: int | None = None, kinds=REFERENCE_KINDS) -> KeysetPage:
    """One page of the live pages in ``namespaces`` that refer to full_title, as BacklinkRow items.

    ``start``/``end`` are (namespace, title) keys: the page beginning or ending there."""
    page = keyset_page(backlink_sources(full_title, namespaces, kinds), KEYS, per_page or PER_PAGE, key_of,
                       start=start, end=end)
    kinds_of: dict[int, list[str]] = {}
    order = {kind: index for index, kind in enumerate(REFERENCE_KINDS)}
    shown = [document.id for document in page.object_list]
    for source_id, kind in _links(full_title, kinds).filter(source_id__in=shown).values_list("source_id", "kind"):
        kinds_of.setdefault(source_id, []).append(kind)
    page.object_list = [BacklinkRow(document, sorted(set(kinds_of.get(document.id, [])), key=order.get))
                        for document in page.object_list]
    return page
