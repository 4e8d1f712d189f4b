"""The rows of a long table, made from the source when they are read (issue 11, memory).

A table's rows are most of its tree: a 5,000-row table held ~49× its source while rendered.
Only the first :data:`EAGER_ROWS` rows are parsed with the page; the parser scans the others
(where they end, their options), and :class:`TableRows` parses them again from the source when
they are needed. Parsing is a function of the text and the range, so the rows made again are
the rows the page parse would have made.

It is a list, so every reader of ``table.rows`` keeps working: any ordinary read makes the
remaining rows once and keeps them. The HTML renderer reads :meth:`TableRows.stream` instead,
which makes them a batch at a time and keeps none.
"""
from __future__ import annotations

from collections.abc import Iterator

EAGER_ROWS = 64  # rows parsed with the page; also the batch made at a time by stream()


def each_row(rows: list):
    """The rows of ``table.rows`` in order, without keeping those not made yet."""
    return rows.stream() if type(rows) is TableRows else rows


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


def _making_first(name: str):
    """The list method ``name``, run once the remaining rows are made."""
    method = getattr(list, name)

    def made(self, *args, **kwargs):
        if self._source is not None:
            self.materialise()
        return method(self, *args, **kwargs)

    made.__name__ = name
    return made


class TableRows(list):
    """The first rows of a table, and how to make the ``more`` rows after them again."""

    # (text, its Pairs, start of the first row not made, range end, depth, quote depth)
    _source = None
    _more = 0

    def __init__(self, rows: list, source: tuple, more: int, plain_area: int, spanned: list):
        super().__init__(rows)
        self._source = source
        self._more = more
        # grid area of the rows not made (html_tables.table_area): cells without a rowspan,
        # and (row index among them, colspan, rowspan) of the others, clipped when counted
        self._plain_area = plain_area
        self._spanned = spanned

    @property
    def total(self) -> int:
        """How many rows the table has, made or not."""
        return list.__len__(self) + self._more

    def made(self) -> list:
        """The rows made so far (the first ones), without making the others."""
        return list(list.__iter__(self))

    def area_of_rest(self) -> int:
        """Grid area of the rows not made yet, each rowspan clipped to the rows below it."""
        below = self._more
        area = self._plain_area
        for i, colspan, rowspan in self._spanned:
            left = below - i
            area += colspan * (rowspan if rowspan < left else left)
        return area

    def materialise(self) -> None:
        """Make the remaining rows and keep them (an ordinary list from then on)."""
        if self._source is None:
            return
        rest = [row for batch in self._batches() for row in batch]
        self._source = None
        self._more = 0
        self._spanned = ()
        list.extend(self, rest)

    def stream(self):
        """Every row in order; the rows not made are made a batch at a time and not kept."""
        if self._source is None:
            yield from list.__iter__(self)
            return
        yield from self.made()
        for batch in self._batches():
            yield from batch

    def _batches(self):
        """The rows not made, parsed again by a parser of their own (nothing of the page's
        parse is touched), :data:`EAGER_ROWS` at a time."""
        from .blocks import BlockParser  # blocks imports tables, which imports this

        text, pairs, p, end, depth, quotes = self._source
        parser = BlockParser(text, pairs=pairs)  # the pairs of "{{{", "[[" are read, not changed
        parser.quotes = quotes
        tables = parser.tables
        scratch: dict = {}  # the table's options were taken when it was scanned
        left = self._more
        try:
            while left > 0:
                batch: list = []
                p = tables.rows_from(p, end, depth, scratch, batch, min(left, EAGER_ROWS))
                if not batch:
                    break
                left -= len(batch)
                yield batch
        finally:
            parser.close()

    for _name in ("__iter__", "__len__", "__getitem__", "__contains__", "__reversed__",
                  "__lt__", "__le__", "__gt__", "__ge__", "__add__",
                  "__mul__", "__rmul__", "__iadd__", "__imul__", "__setitem__", "__delitem__",
                  "__repr__", "append", "extend", "insert", "pop", "remove", "clear", "index",
                  "count", "copy", "sort", "reverse"):
        locals()[_name] = _making_first(_name)
    del _name
    __hash__ = None

    def __eq__(self, other):
        for rows in (self, other):
            if type(rows) is TableRows:
                rows.materialise()
        return list.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    def __bool__(self) -> bool:
        return True  # the first row is always made: truth needs no other

    def __reduce_ex__(self, protocol):
        # copied or pickled as the plain list of every row (the source is not carried along)
        self.materialise()
        return list, (list(list.__iter__(self)),)
