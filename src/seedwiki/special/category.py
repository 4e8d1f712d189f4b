"""What a 분류: page lists: its member documents, sub-categories and files.

Members are the live pages whose latest text has [[분류:X]] (PageLink kind=category, target=X),
sorted by the sort key they gave ([[분류:X|키]]) or else by their title, and grouped under
initial-consonant headings. Each section shows PER_PAGE members at a time, paged by keyset with
``?cfrom=<title>`` / ``?cuntil=<title>`` (not from/until: /w/ uses ?from= for redirects);
``?namespace=분류`` or ``파일`` pages those sections instead of the documents.

The sort key is an expression (the key given, else the title), so the database sorts a section's
members for each page: linear in the members, but no row beyond the page is loaded.
"""
from __future__ import annotations

from dataclasses import dataclass

from seedwiki import titles

from .hangul import group_by_heading

PER_PAGE = 200  # members per section and page, as on the seed
# A section's sort: the member's sort key (or its title), then title and id to make the order total.
KEYS = ("member_key", "source__title", "source_id")
# Which section ``?namespace=`` pages with from/until; any other namespace pages the documents.
SECTION_NAMESPACES = {"categories": titles.CATEGORY, "files": titles.FILE}


@dataclass(frozen=True)
class Member:
    full_title: str
    sort_key: str  # what it is sorted and grouped by
    blur: bool
    is_redirect: bool


def _key_of(link) -> tuple:
    # The trailing full title is not part of the order: it names the cursor in the links (?from=<title>).
    return (link.member_key, link.source.title, link.source_id, link.source.full_title)


def _member(link) -> Member:
    return Member(full_title=link.source.full_title, sort_key=link.member_key, blur=link.blur,
                  is_redirect=link.source.is_redirect)


def _members(document, readable_namespaces):
    from django.db.models import F, Value
    from django.db.models.functions import Coalesce, NullIf

    from seedwiki.documents.models import PageLink

    links = PageLink.objects.filter(kind=PageLink.Kind.CATEGORY, target=document.full_title,
                                    source__deleted=False, source__latest__isnull=False)
    if readable_namespaces is not None:
        links = links.filter(source__namespace__in=readable_namespaces)
    # Sub-categories and files sort by their name without the namespace prefix.
    return links.annotate(member_key=Coalesce(NullIf("sort_key", Value("")), F("source__title")))


def _in_section(links, name: str):
    if name in SECTION_NAMESPACES:
        return links.filter(source__namespace=SECTION_NAMESPACES[name])
    return links.exclude(source__namespace__in=list(SECTION_NAMESPACES.values()))


def section_of(namespace: str) -> str:
    """The section that ``?namespace=`` pages."""
    return next((name for name, ns in SECTION_NAMESPACES.items() if ns == namespace), "documents")


def member_key(document, full_title: str, readable_namespaces=None) -> tuple:
    """The sort position of ``full_title`` in this category (for ?from=/?until=); a title that is not a
    member sorts where its own name would."""
    namespace, title = titles.parse_title(full_title)
    link = (_members(document, readable_namespaces).select_related("source")
            .filter(source__namespace=namespace, source__title=title).order_by("source_id").first())
    return _key_of(link) if link is not None else (title, title, 0)


def _counts(category_title: str, readable_namespaces) -> dict[str, int]:
    """Members per section, from LinkCount (kept by triggers: no member row is read)."""
    from seedwiki.documents.models import LinkCount

    counts = {"documents": 0, "categories": 0, "files": 0}
    rows = LinkCount.objects.filter(target=category_title, kind="category", n__gt=0)
    if readable_namespaces is not None:
        rows = rows.filter(namespace__in=readable_namespaces)
    for namespace, n in rows.values_list("namespace", "n"):
        counts[section_of(namespace)] += n
    return counts


def category_listing(document, readable_namespaces=None, *, section: str = "documents",
                     start: tuple | None = None, end: tuple | None = None) -> dict:
    """Context for special/category_listing.html: each section's first PER_PAGE members (``section``
    from ``start`` or up to ``end`` instead), grouped by heading, with counts and pager cursors.

    ``readable_namespaces``: list only members the reader may read (None: all)."""
    from seedwiki.keyset import keyset_page

    links = _members(document, readable_namespaces).select_related("source")
    counts = _counts(document.full_title, readable_namespaces)
    listing = {"category_title": document.full_title, "category_name": document.title}
    for name in ("documents", "categories", "files"):
        cursors = {"start": start, "end": end} if name == section else {}
        page = keyset_page(_in_section(links, name), KEYS, PER_PAGE, _key_of, **cursors) if counts[name] else None
        members = [_member(link) for link in page.object_list] if page else []
        listing[name] = {
            "count": counts[name],
            "groups": group_by_heading(members, key=lambda m: m.sort_key),
            "namespace": SECTION_NAMESPACES.get(name, ""),
            "previous": page.previous_key[3] if page and page.previous_key else "",
            "next": page.next_key[3] if page and page.next_key else "",
        }
    return listing
