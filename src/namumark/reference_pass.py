"""Tree → what a page points at (links, files, categories, includes), in one pass cheaper than
meta.walk(); text.text_and_references() collects the same while it renders the search text."""
from __future__ import annotations

from types import GeneratorType

from . import links as _links
from .nodes import (
    CategoryLink, Code, Document, FileEmbed, HorizontalRule, HtmlBlock, Include, LineBreak, Link,
    ListBlock, Macro, StyleSheet, SyntaxBlock, Table, Text,
)
from .made_on_read import MadeOnRead
from .table_rows import all_cells, lazy_cells


class References:
    """What a page points at, in document order: link targets, file and category titles once
    each (the first category link of a title keeps its sort key), every include. Relative link
    targets resolve against ``title`` when given. Category and include entries are their nodes
    (metadata() and the wiki each read the fields they need)."""

    __slots__ = ("title", "links", "files", "categories", "includes", "redirect",
                 "_seen_links", "_seen_files", "_seen_cats")

    def __init__(self, title: str | None = None):
        self.title = title
        self.links: list[str] = []
        self.files: list[str] = []
        self.categories: list[CategoryLink] = []
        self.includes: list[Include] = []
        self.redirect = None  # nodes.Redirect of a redirect page
        self._seen_links: set = set()
        self._seen_files: set = set()
        self._seen_cats: set = set()

    def link(self, n: Link) -> None:
        target = n.target
        if n.external or not target:
            return
        if target[0] in "./" and self.title is not None and not n.pinned:  # ../x, /x: relative
            target = _links.resolve_relative(target, self.title)
        if target and target not in self._seen_links:
            self._seen_links.add(target)
            self.links.append(target)

    def file(self, n: FileEmbed) -> None:
        if n.title not in self._seen_files:
            self._seen_files.add(n.title)
            self.files.append(n.title)

    def category(self, n: CategoryLink) -> None:
        if n.title not in self._seen_cats:
            self._seen_cats.add(n.title)
            self.categories.append(n)


# nodes that hold no other nodes and point at nothing: the reference pass skips them at once
_INERT = frozenset((Text, LineBreak, Code, Macro, HorizontalRule, StyleSheet, SyntaxBlock, HtmlBlock))


def gather(nodes, refs: References) -> None:
    """Add the references under ``nodes`` to ``refs``, in the order walk() visits them; a
    pass of its own, cheaper than walk() (no generator, leaves skipped at once). A long
    table's cells come from an iterator on the stack, so its rows not made are not kept."""
    stack = list(nodes)
    stack.reverse()
    pop, push = stack.pop, stack.extend
    inert = _INERT
    while stack:
        n = pop()
        t = type(n)
        if t in inert:
            continue
        if t is Link:
            refs.link(n)
            if n.label:
                push(reversed(n.label))
        elif t is FileEmbed:
            refs.file(n)
        elif t is CategoryLink:
            refs.category(n)
        elif t is Include:
            refs.includes.append(n)
        elif t is ListBlock:
            if isinstance(n.items, MadeOnRead):  # a long list: its items one at a time, not kept
                stack.append(n.items.stream())
            else:
                push(reversed(n.items))
        elif t is Table:
            cells = lazy_cells(n)
            if cells is not None:  # a long table: its cells one at a time, rows not kept
                stack.append(cells)
                continue
            push(reversed(all_cells(n)))
        elif t is GeneratorType:  # a long table's cells or list's items: the next one, the rest
            k = next(n, None)
            if k is not None:
                stack.append(n)
                stack.append(k)
        else:
            ch = getattr(n, "children", None)
            if ch:
                push(reversed(ch))


def references(doc: Document, *, title: str | None = None) -> References:
    """The references of a whole page (a redirect page points at its target only)."""
    refs = References(title)
    if doc.redirect is not None:
        refs.redirect = doc.redirect
        refs.links.append(doc.redirect.title)
        return refs
    # a long page's blocks a batch at a time (top_blocks.py)
    gather([doc.children.stream()] if isinstance(doc.children, MadeOnRead) else doc.children, refs)
    return refs
