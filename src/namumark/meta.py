"""Tree → what the wiki stores about a page: links, includes, files, categories, headings,
redirect. Needs no Context; relative links resolve against ``title`` when given."""
from __future__ import annotations

from . import links as _links
from .headings import number_headings
from .nodes import (
    CategoryLink, Document, FileEmbed, Include, Link, ListBlock, Node, Table,
)
from .results import CategoryRef, Heading, IncludeRef, Metadata, RedirectTarget
from .text import inline_plain


def walk(node):
    """Every node under ``node`` in document order (iterative: deep trees cannot overflow)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        kids: list = []
        t = type(n)
        if t is ListBlock:
            kids = n.items
        elif t is Table:
            kids = list(n.caption or [])
            for row in n.rows:
                kids.extend(row.cells)
        elif t is Link:
            kids = n.label or []
        else:
            ch = getattr(n, "children", None)
            if ch:
                kids = ch
        if kids:
            stack.extend(reversed([k for k in kids if isinstance(k, Node)]))


def metadata(doc: Document, *, title: str | None = None) -> Metadata:
    meta = Metadata()
    if doc.redirect is not None:
        meta.redirect = RedirectTarget(doc.redirect.title, doc.redirect.anchor)
        meta.links.append(doc.redirect.title)
        return meta
    seen_links: set = set()
    seen_files: set = set()
    seen_cats: set = set()
    for n in walk(doc):
        t = type(n)
        if t is Link and not n.external and n.target:
            target = _links.resolve_relative(n.target, title) if title is not None and not n.pinned else n.target
            if target and target not in seen_links:
                seen_links.add(target)
                meta.links.append(target)
        elif t is FileEmbed:
            if n.title not in seen_files:
                seen_files.add(n.title)
                meta.files.append(n.title)
        elif t is CategoryLink:
            if n.title not in seen_cats:
                seen_cats.add(n.title)
                meta.categories.append(CategoryRef(n.title, n.sort_key, n.blur))
        elif t is Include:
            meta.includes.append(IncludeRef(n.title, dict(n.args)))
    meta.headings = [Heading(h.level, num, "s-" + num, inline_plain(h.children).strip(), h.folded)
                     for h, num in number_headings(doc.children)]
    return meta


def sections(doc: Document) -> list[tuple[Heading, int, int]]:
    """(heading, start, end) source spans of each section: from the heading line to the next
    heading of the same or a shallower level (or the end of the page). For section editing."""
    numbered = number_headings(doc.children)
    out = []
    for i, (h, num) in enumerate(numbered):
        end = doc.end
        for later, _ in numbered[i + 1:]:
            if later.level <= h.level:
                end = later.start
                break
        out.append((Heading(h.level, num, "s-" + num, inline_plain(h.children).strip(), h.folded),
                    h.start, end))
    return out
