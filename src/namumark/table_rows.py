"""The rows of a long table, made from the source when they are read (issue 11, memory).

A table's rows are most of its tree: a 5,000-row table held ~49× its source while rendered.
Only the first :data:`EAGER_ROWS` rows are parsed with the page; the parser scans the others
(where they end, their options), and :class:`TableRows` parses them again from the source when
they are needed. Parsing is a function of the text and the range, so the rows made again are
the rows the page parse would have made.

It is a list (made_on_read.py), so every reader of ``table.rows`` keeps working: any ordinary
read makes the remaining rows once and keeps them. The HTML renderer reads
:meth:`TableRows.stream` instead, which makes them a batch at a time and keeps none.
"""
from __future__ import annotations

from collections.abc import Iterator

from .made_on_read import MadeOnRead, parser_again

EAGER_ROWS = 64  # rows parsed with the page; also the batch made at a time by stream()


def lazy_cells(table) -> "Iterator | None":
    """The caption nodes then the cells of ``table`` row by row, when some of its rows are not
    made yet (else None: read ``table.rows`` as a list). A tree walk pushes this iterator where
    it would push the table's children, and takes one node from it at a time, so the rows not
    made are made a batch at a time and not kept (the order is the list's: document order)."""
    rows = table.rows
    if type(rows) is not TableRows or rows._source is None:
        return None
    return _caption_then_cells(table.caption, rows)


def all_cells(table) -> list:
    """The caption nodes then every cell of ``table``, as one list (rows not made yet are made)."""
    kids = list(table.caption or [])
    for row in table.rows:
        kids.extend(row.cells)
    return kids


def _caption_then_cells(caption, rows: "TableRows"):
    if caption:
        yield from caption
    for row in rows.stream():
        yield from row.cells


class TableRows(MadeOnRead):
    """The first rows of a table, and how to make the ``more`` rows after them again."""

    # _source: (text, its Pairs, start of the first row not made, range end, depth, quote depth)

    def __init__(self, rows: list, source: tuple, more: int, plain_area: int, spanned: list):
        super().__init__(rows, source, more)
        # grid area of the rows not made (html_tables.table_area): cells without a rowspan,
        # and (row index among them, colspan, rowspan) of the others, clipped when counted
        self._plain_area = plain_area
        self._spanned = spanned

    def area_of_rest(self) -> int:
        """Grid area of the rows not made yet, each rowspan clipped to the rows below it."""
        below = self._more
        area = self._plain_area
        for i, colspan, rowspan in self._spanned:
            left = below - i
            area += colspan * (rowspan if rowspan < left else left)
        return area

    def _forget(self) -> None:
        self._spanned = ()

    def _batches(self):
        """The rows not made, parsed again by a parser of their own (nothing of the page's
        parse is touched), :data:`EAGER_ROWS` at a time."""
        text, pairs, p, end, depth, quotes = self._source
        scratch: dict = {}  # the table's options were taken when it was scanned
        left = self._more
        with parser_again(text, pairs, quotes) as parser:
            while left > 0:
                batch: list = []
                p = parser.tables.rows_from(p, end, depth, scratch, batch, min(left, EAGER_ROWS))
                if not batch:
                    break
                left -= len(batch)
                yield batch
                parser.done.clear()  # the nodes just read may be dropped: their ids can come again
