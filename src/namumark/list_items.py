"""The items of a long list, made from the source when they are read (issue 11, memory).

A list 24 levels deep held ~18× its source as a tree, ~25× while rendered. Only the first items
of a top-level list of one-line marker items, :data:`EAGER_LINES` lines, are parsed with the page
(marker_lists.py); the parser checks the others' lines without keeping them, and
:class:`ListItems` makes them again from the source when they are needed. Building a list is a
function of the text, the range, the depth and the top level's indentation, so the items made
again are the items the page parse would have made.

A list (made_on_read.py): an ordinary read makes the other items once and keeps them; the
renderers and tree walks stream them a batch at a time.
"""
from __future__ import annotations

from .made_on_read import MadeOnRead, parser_again

# lines of the top-level items parsed with the page (at least one item); also the batch made at
# a time. Lines, not items: a deep list's item holds a line per level
EAGER_LINES = 256


class ListItems(MadeOnRead):
    """The first items of a list, and how to make the ``more`` items after them again."""

    # _source: (text, its Pairs, start of the first item not made, end of the last item,
    # depth, the top level's indentation, quote depth)

    def _batches(self):
        """The items not made, built again by a parser of their own (nothing of the page's
        parse is touched), items of :data:`EAGER_LINES` lines at a time."""
        from .blocks import _LIST  # blocks imports marker_lists, which imports this
        from .marker_lists import build_lists, marker_lines

        text, pairs, p, end, depth, base, quotes = self._source
        left = self._more
        with parser_again(text, pairs, quotes) as parser:
            while left > 0:
                lines, p = marker_lines(parser, p, end, _LIST, None, EAGER_LINES, base, True)
                if not lines:
                    break
                batch = build_lists(parser, lines, depth, base)[0].items
                lines = None  # not held while the batch is read
                left -= len(batch)
                yield batch
                parser.done.clear()  # the nodes just read may be dropped: their ids can come again
