"""The inline nodes of a long paragraph, made from the source a part at a time (issue 11, memory).

A paragraph's nodes are most of its tree: one line of 1 MB held ~10x its source in nodes while
the page was rendered. A paragraph longer than :data:`LONG_PARAGRAPH_CHARS` keeps only its first
:data:`RUN_NODES` nodes; the rest are made again from the source when read
(``InlineParser.parse_some`` stops at a place from which parsing on gives the very nodes that
follow). An ordinary read of ``paragraph.children`` makes them all and keeps them; the HTML
renderer reads :meth:`LongParagraph.parts` instead, a part at a time, and keeps none.

Only a paragraph of the document's own text (no quoted or indented body, whose spans are moved
afterwards) and with no category link (a line of only categories is dropped with its line
break, which needs the whole line) is read this way.
"""
from __future__ import annotations

import re

from .made_on_read import parser_again

LONG_PARAGRAPH_CHARS = 32 * 1024  # a paragraph at least this long is read a part at a time
RUN_NODES = 1024  # nodes parsed with the page, and made at a time afterwards

# every category link starts so (inline._link: the prefix right after "[["); spelled without
# IGNORECASE so the search skips ahead to each "[[" (1 MB in ~2 ms instead of ~27)
MAY_HOLD_CATEGORY = re.compile(r"\[\[(?:분류|[cC][aA][tT][eE][gG][oO][rR][yY]):")


def long_paragraph(parser, start: int, end: int, depth: int):
    """The Paragraph of ``start``..``end`` (a long one, of the document's own text): its first
    nodes and how to make the rest, or all of them when they are few or a category link may be
    among them."""
    from .blocks import _drop_category_lines  # blocks imports this module
    from .nodes import CategoryLink, Paragraph

    nodes, stop = parser.inline.parse_some(start, end, depth, RUN_NODES)
    if stop < end:
        if (CategoryLink not in map(type, nodes)
                and MAY_HOLD_CATEGORY.search(parser.text, stop, end) is None):
            runs = LongParagraph(nodes, (parser.text, parser.pairs, stop, end, depth, parser.quotes))
            return Paragraph.long(start, end, runs)
        nodes += parser.inline.parse(stop, end, depth)  # what parsing on gives: the rest
    return Paragraph(start, end, _drop_category_lines(nodes))


class LongParagraph:
    """The first nodes of a long paragraph, and how to make the others again."""

    __slots__ = ("first", "_source")

    def __init__(self, first: tuple, source: tuple):
        self.first = first
        # (text, its Pairs, where the nodes not made start, paragraph end, depth, quote depth)
        self._source = source

    def parts(self):
        """The paragraph's nodes in order, as tuples: the first ones, then the others made a
        part at a time by a parser of their own (nothing of the page's parse is touched)."""
        yield self.first
        text, pairs, p, end, depth, quotes = self._source
        with parser_again(text, pairs, quotes) as parser:
            while p < end:
                part, p = parser.inline.parse_some(p, end, depth, RUN_NODES)
                yield part
                parser.done.clear()  # the nodes just read may be dropped: their ids can come again

    def all(self) -> tuple:
        """Every node of the paragraph, as one tuple."""
        return tuple(node for part in self.parts() for node in part)
