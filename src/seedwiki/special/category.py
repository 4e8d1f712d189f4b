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
from seedwiki.plan_hints import Unindexed

from .hangul import group_by_heading

PER_PAGE = 200  # members per section and page, as on the seed
# A section with more members than this, and at least one page in DENSE a member, is paged by walking
# the pages in title order (_big_section_page) instead of sorting all its members.
FEW_MEMBERS = 2000
DENSE = 20
# A section's sort: the member's sort key (or its title), then title and id to make the order total.
KEYS = ("member_key", "source__title", "source_id")
# The same order among members that gave a sort key (their member key is that key), as an index reads it.
KEYED_KEYS = ("sort_key", "source__title", "source_id")
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


def _plain_cursor(key: tuple | None, inclusive_end: bool) -> tuple | None:
    """A (member key, title, id) cursor in the (title, id) order of members without a sort key.

    Such a member's key is (title, title, id): beside the cursor's own member key k it sorts after
    (k, t, i) when its title is k and k > t, before it when k < t."""
    if key is None:
        return None
    member, title, pk = key[0], key[1], key[2]
    if member == title:
        return member, pk
    after = member > title  # the members titled ``member`` all sort after the cursor
    if inclusive_end:
        return member, (-1 if after else 2**63 - 1)
    return member, (0 if after else 2**63 - 1)


def _plain_key_of(document) -> tuple:
    return document.title, document.id, document.full_title


def _as_member_key(key: tuple | None) -> tuple | None:
    return (key[0], key[0], key[1], key[2]) if key is not None else None


def _big_section_page(document, readable_namespaces, name: str, links, start, end):
    """The page of a large section as the merge of two index walks: the members with a sort key of
    their own (by that key), and the others, found by walking the pages in title order and asking
    each whether it is a member (most are, in a large category). No sort of every member."""
    from django.db.models import OuterRef, Subquery

    from seedwiki.documents.models import Document, PageLink
    from seedwiki.documents.services.backlinks import having_match
    from seedwiki.keyset import KeysetPage, keyset_page, merged_page

    # Members with a key of their own: their member key is that key, so they are read in the order of
    # the partial (target, kind, sort_key) index (sort_key > '' makes it the index with the most
    # constrained columns even for a planner without statistics; != '' lets the partial index serve).
    keyed = keyset_page(links.exclude(sort_key="").filter(sort_key__gt=""), KEYED_KEYS, PER_PAGE, _key_of,
                        start=start, end=end)
    membership = PageLink.objects.filter(kind=PageLink.Kind.CATEGORY, target=document.full_title,
                                         source_id=OuterRef("pk"), sort_key="")
    # The namespace conditions only filter: the walk follows the (title, id) index (plan_hints.py).
    pages = Document.objects.filter(deleted=False, latest__isnull=False).alias(ns=Unindexed("namespace"))
    if name in SECTION_NAMESPACES:
        pages = pages.filter(ns=SECTION_NAMESPACES[name])
    else:
        pages = pages.exclude(ns__in=list(SECTION_NAMESPACES.values()))
    if readable_namespaces is not None:
        pages = pages.filter(ns__in=readable_namespaces)
    # Blurred or not: asked of the shown rows only (a LIMIT 1 subquery, never one pass over all members).
    pages = having_match(pages, membership).annotate(
        blurred=Subquery(membership.filter(blur=True).values("pk")[:1]))
    plain = keyset_page(pages, ("title", "id"), PER_PAGE, _plain_key_of, start=_plain_cursor(start, False),
                        end=_plain_cursor(end, True))
    # Rows of both as (key, Member): the merge compares keys, the listing shows members.
    plain = KeysetPage([(_as_member_key(_plain_key_of(d)),
                         Member(d.full_title, d.title, d.blurred is not None, d.is_redirect)) for d in plain.object_list],
                       _as_member_key(plain.previous_key), _as_member_key(plain.next_key))
    keyed.object_list = [(_key_of(link), _member(link)) for link in keyed.object_list]
    page = merged_page([keyed, plain], PER_PAGE, lambda row: row[0], 3, ending=end is not None)
    page.object_list = [member for _key, member in page.object_list]
    return page


def _section_page(document, readable_namespaces, name: str, links, count: int, start, end):
    """One page of a section's members (Member rows), by whichever plan reads fewer rows."""
    from seedwiki.documents.services.backlinks import page_id_bound
    from seedwiki.keyset import keyset_page

    if count > FEW_MEMBERS and count * DENSE >= page_id_bound():
        return _big_section_page(document, readable_namespaces, name, links, start, end)
    page = keyset_page(links, KEYS, PER_PAGE, _key_of, start=start, end=end)
    page.object_list = [_member(link) for link in page.object_list]
    return page


def category_listing(document, readable_namespaces=None, *, section: str = "documents",
                     start: tuple | None = None, end: tuple | None = None) -> dict:
    """Context for special/category_listing.html: each section's first PER_PAGE members (``section``
    from ``start`` or up to ``end`` instead), grouped by heading, with counts and pager cursors.

    ``readable_namespaces``: list only members the reader may read (None: all)."""
    links = _members(document, readable_namespaces).select_related("source")
    counts = _counts(document.full_title, readable_namespaces)
    listing = {"category_title": document.full_title, "category_name": document.title}
    for name in ("documents", "categories", "files"):
        cursors = (start, end) if name == section else (None, None)
        page = (_section_page(document, readable_namespaces, name, _in_section(links, name), counts[name], *cursors)
                if counts[name] else None)
        members = page.object_list if page else []
        listing[name] = {
            "count": counts[name],
            "groups": group_by_heading(members, key=lambda m: m.sort_key),
            "namespace": SECTION_NAMESPACES.get(name, ""),
            "previous": page.previous_key[3] if page and page.previous_key else "",
            "next": page.next_key[3] if page and page.next_key else "",
        }
    return listing
