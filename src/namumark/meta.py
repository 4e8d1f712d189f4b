"""Tree → what the wiki stores about a page: links, includes, files, categories, headings,
redirect. Needs no Context; relative links resolve against ``title`` when given."""
from __future__ import annotations

from types import GeneratorType

from .headings import number_headings
from .nodes import Document, Link, ListBlock, Node, Table
from .reference_pass import references
from .results import CategoryRef, Heading, IncludeRef, Metadata, RedirectTarget
from .made_on_read import MadeOnRead
from .table_rows import all_cells, lazy_cells
from .text import inline_plain


def walk(node):
    """Every node under ``node`` in document order (iterative: deep trees cannot overflow).
    A long table's cells and a long list's items come from an iterator on the stack
    (table_rows.lazy_cells, ListItems.stream), one at a time, so those not made are not kept."""
    stack = [node]
    while stack:
        n = stack.pop()
        if type(n) is GeneratorType:  # a long table's cells or list's items: the next one
            k = next(n, None)
            if k is None:
                continue
            stack.append(n)
            if not isinstance(k, Node):
                continue
            n = k
        yield n
        kids: list = []
        t = type(n)
        if t is ListBlock:
            if isinstance(n.items, MadeOnRead):  # a long list: its items one at a time, not kept
                stack.append(n.items.stream())
                continue
            kids = n.items
        elif t is Table:
            cells = lazy_cells(n)
            if cells is not None:
                stack.append(cells)
                continue
            kids = all_cells(n)
        elif t is Link:
            kids = n.label or []
        else:
            ch = getattr(n, "children", None)
            if isinstance(ch, MadeOnRead):  # a long page: its blocks a batch at a time, not kept
                stack.append(ch.stream())
                continue
            if ch:
                kids = ch
        if kids:
            stack.extend(reversed([k for k in kids if isinstance(k, Node)]))


def metadata(doc: Document, *, title: str | None = None) -> Metadata:
    meta = Metadata()
    refs = references(doc, title=title)
    meta.links = refs.links
    if doc.redirect is not None:
        meta.redirect = RedirectTarget(doc.redirect.title, doc.redirect.anchor)
        return meta
    meta.files = refs.files
    meta.categories = [CategoryRef(n.title, n.sort_key, n.blur) for n in refs.categories]
    meta.includes = [IncludeRef(n.title, dict(n.args)) for n in refs.includes]
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
