"""The top-level blocks of a long page, made from the source when read (issue 11, memory).

A page of 10,000 short sections held ~12× its source as a tree, ~23× while rendered. A page of
:data:`LONG_DOCUMENT_CHARS` or more keeps only its first :data:`EAGER_BLOCKS` top-level blocks;
the parser skims the others (:func:`skim`: where each block ends, without building what is
inside) and keeps only their headings, which are needed before anything is rendered (they
are numbered relative to the shallowest level, and a [목차] may come before them).
:class:`TopBlocks` makes the other blocks again from the source when they are read: the
top-level blocks from a position on are a function of the text and that position, so they are
the blocks the page parse would have made; the headings kept stand in for the ones made again
(the renderers know a heading by its identity).

A list (made_on_read.py): an ordinary read makes the other blocks once and keeps them; the
renderers and tree walks stream them a batch at a time.
"""
from __future__ import annotations

from . import limits
from .made_on_read import MadeOnRead, parser_again
from .nodes import Heading

# pages shorter than this are parsed whole. The skim is a pass of its own and the blocks it
# measures are parsed again when read: the 21 corpus articles as one 352K-character page cost 4.4%
# more instructions to parse and render this way (callgrind; 18.6% while the skim built tables and
# lists), and below ~1 MB of source the memory saved is small (10,000 headings at 256 KB: 35x of
# the source whole, 24x lazy). Pages this long (1-2 MB of UTF-8, the limit is 2 MB) are rare.
LONG_DOCUMENT_CHARS = 512 * 1024
# top-level blocks parsed with the page; also the batch made at a time
EAGER_BLOCKS = 256


def parse_top(parser, end: int):
    """The top-level blocks of the whole text of ``parser``: a tuple, or for a long page a
    :class:`TopBlocks` holding the first of them."""
    if end < LONG_DOCUMENT_CHARS:
        return parser.parse_range(0, end, 0, top=True)
    made = parser.parse_range(0, end, 0, top=True, limit=EAGER_BLOCKS)
    rest = parser.stopped_at
    if rest >= end:
        return made
    room = limits.MAX_HEADINGS - sum(type(n) is Heading for n in made)
    heads, more = skim(parser, rest, end, room)
    if not more:
        return made
    return TopBlocks(made, (parser.text, parser.pairs, rest, end, tuple(heads)), more)


def skim(parser, pos: int, end: int, room: int) -> tuple[list, int]:
    """(the first ``room`` headings, how many top-level blocks) from ``pos`` on: the steps of
    ``BlockParser.parse_range`` at the top level, each block only measured. A table is measured
    by its rows' separators and a list by its lines, neither built (building them here and
    again when read made a long page of real articles cost a fifth more)."""
    from .blocks import _HEADING, _HR, _LIST, _blank  # blocks imports this module's users

    text = parser.text
    find = text.find
    heads: list = []
    more = 0
    while pos < end:
        eol = find("\n", pos, end)
        if eol < 0:
            eol = end
        c = text[pos] if pos < eol else ""
        if c == "#" and text.startswith("##", pos) and (pos == 0 or text[pos - 1] == "\n"):
            pos = eol + 1
            continue
        more += 1
        if c == "=":
            m = _HEADING.match(text, pos, eol)
            if m:
                if len(heads) < room:
                    heads.append(parser._heading(m, pos, eol, 0))
                pos = eol + 1
                continue
        elif c == "-":
            if _HR.match(text, pos, eol):
                pos = eol + 1
                continue
        elif c == "|":
            after = parser.tables.extent(pos, end)
            if after is not None:
                pos = after
                continue
        elif c == " ":
            m = _LIST.match(text, pos, eol)
            if m and parser._is_list_marker(m, eol):
                lines, pos = parser.list_lines(pos, end)
                more += _lists_in(parser, lines) - 1  # a change of marker kind starts a list
                continue
            if not _blank(text, pos, eol):
                pos = parser._indent_lines(pos, end)[1]
                continue
        elif c == ">" and limits.MAX_QUOTE_DEPTH > 0:
            parser.quotes += 1  # as _quote does around its lines
            try:
                pos = parser._quote_lines(pos, end)[1]
            finally:
                parser.quotes -= 1
            continue
        pos = parser._paragraph_extent(pos, end, 0, True)[2]
    return heads, more


def _lists_in(parser, lines: list) -> int:
    """How many lists the list lines ``lines`` make (``BlockParser._list_lines``' rule: a
    marker at most as indented as the first starts an item, a new list when its kind changes)."""
    from .blocks import _LIST

    text = parser.text
    base = -1
    kind = None
    count = 0
    for a, b in lines:
        m = _LIST.match(text, a, b)
        if m is None or not parser._is_list_marker(m, b):
            continue
        indent = m.end(1) - m.start(1)
        if base < 0:
            base = indent
        if indent <= base and m.group(2) != kind:
            kind = m.group(2)
            count += 1
    return count


class TopBlocks(MadeOnRead):
    """The first top-level blocks of a page, and how to make the ``more`` blocks after them."""

    # _source: (text, its Pairs, where the first block not made starts, end of the text,
    # the headings kept among the blocks not made, in order)

    def headings(self) -> list:
        """Every heading node the page's numbering may read (the first MAX_HEADINGS), without
        making the blocks not made."""
        if self._source is None:
            return [n for n in list.__iter__(self) if type(n) is Heading]
        return [n for n in self.made() if type(n) is Heading] + list(self._source[4])

    def _batches(self):
        """The blocks not made, parsed again by a parser of their own (nothing of the page's
        parse is touched), :data:`EAGER_BLOCKS` at a time; a heading kept replaces the one made
        again at its place."""
        text, pairs, pos, end, heads = self._source
        k = 0
        with parser_again(text, pairs) as parser:
            while pos < end:
                parser.done.clear()  # the last batch's nodes are dropped: ids may come again
                batch = list(parser.parse_range(pos, end, 0, top=True, limit=EAGER_BLOCKS))
                pos = parser.stopped_at
                if k < len(heads):
                    for i, n in enumerate(batch):
                        if type(n) is Heading and k < len(heads) and heads[k].start == n.start:
                            batch[i] = heads[k]
                            k += 1
                yield batch


def headings_of(nodes) -> list:
    """The heading nodes among top-level ``nodes`` (a long page's without making its blocks)."""
    if type(nodes) is TopBlocks:
        return nodes.headings()
    return [n for n in nodes if type(n) is Heading]
