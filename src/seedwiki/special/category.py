"""What a 분류: page lists: its member documents, sub-categories and files.

Members are the live pages whose latest text has [[분류:X]] (PageLink kind=category, target=X),
sorted by the sort key they gave ([[분류:X|키]]) or else by their title, and grouped under
initial-consonant headings.
"""
from __future__ import annotations

from dataclasses import dataclass

from seedwiki import titles

from .hangul import group_by_heading

MAX_MEMBERS = 2000  # per section; a category bigger than this shows its first entries


@dataclass(frozen=True)
class Member:
    full_title: str
    sort_key: str  # what it is sorted and grouped by
    blur: bool
    is_redirect: bool


def _section(rows) -> dict:
    members = sorted(rows, key=lambda m: (m.sort_key, m.full_title))
    return {"count": len(members), "groups": group_by_heading(members, key=lambda m: m.sort_key)}


def category_listing(document, readable_namespaces=None) -> dict:
    """Context for special/category_listing.html: documents, subcategories, files, counts.

    ``readable_namespaces``: list only members the reader may read (None: all)."""
    from seedwiki.documents.models import PageLink

    links = PageLink.objects.filter(kind=PageLink.Kind.CATEGORY, target=document.full_title,
                                    source__deleted=False, source__latest__isnull=False)
    if readable_namespaces is not None:
        links = links.filter(source__namespace__in=readable_namespaces)
    links = (
        links
        .select_related("source")
        .order_by("source__title")[: MAX_MEMBERS * 3]
    )
    sections: dict[str, list[Member]] = {"documents": [], "categories": [], "files": []}
    for link in links:
        source = link.source
        member = Member(
            full_title=source.full_title,
            # Sub-categories and files sort by their name without the namespace prefix.
            sort_key=link.sort_key or source.title,
            blur=link.blur,
            is_redirect=source.is_redirect,
        )
        if source.namespace == titles.CATEGORY:
            sections["categories"].append(member)
        elif source.namespace == titles.FILE:
            sections["files"].append(member)
        else:
            sections["documents"].append(member)
    return {
        "category_title": document.full_title,
        "category_name": document.title,
        **{name: _section(rows[:MAX_MEMBERS]) for name, rows in sections.items()},
    }
