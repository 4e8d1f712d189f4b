"""A list whose first entries are made and whose others are made from the source when read
(issue 11, memory): the rows of a long table (table_rows.py), the items of a long list
(list_items.py), the top-level blocks of a long page (top_blocks.py). :func:`parser_again` is
the parser each of them, and a long paragraph's parts (paragraph_runs.py), make entries with.

It is a list, so every reader keeps working: any ordinary read makes the remaining entries
once and keeps them. The renderers and tree walks read :meth:`MadeOnRead.stream` instead (or
:func:`each`), which makes them a batch at a time and keeps none.
"""
from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def parser_again(text: str, pairs, quotes: int = 0):
    """A parser of its own for ``text`` (whose ``pairs`` it reads, never changes), closed after:
    nothing of the page's parse is touched. Between batches its caller forgets the relocated
    children (``parser.done.clear()``): a batch read and dropped frees their ids for new ones."""
    from .blocks import BlockParser  # blocks imports the modules that import this

    parser = BlockParser(text, pairs=pairs)
    parser.quotes = quotes
    try:
        yield parser
    finally:
        parser.close()


def count_of(entries) -> int:
    """How many ``entries`` there are, without making those not made."""
    return entries.total if isinstance(entries, MadeOnRead) else len(entries)


def each(entries):
    """The entries of ``entries`` in order, without keeping those not made yet."""
    return entries.stream() if isinstance(entries, MadeOnRead) else entries


def _making_first(name: str):
    """The list method ``name``, run once the remaining entries are made."""
    method = getattr(list, name)

    def made(self, *args, **kwargs):
        if self._source is not None:
            self.materialise()
        return method(self, *args, **kwargs)

    made.__name__ = name
    return made


class MadeOnRead(list):
    """The first entries, and how to make the ``more`` entries after them again (``_source``,
    read by a subclass's :meth:`_batches`; None once every entry is made)."""

    _source = None
    _more = 0

    def __init__(self, made, source: tuple, more: int):
        super().__init__(made)
        self._source = source
        self._more = more

    @property
    def total(self) -> int:
        """How many entries there are, made or not."""
        return list.__len__(self) + self._more

    def made(self) -> list:
        """The entries made so far (the first ones), without making the others."""
        return list(list.__iter__(self))

    def materialise(self) -> None:
        """Make the remaining entries and keep them (an ordinary list from then on)."""
        if self._source is None:
            return
        rest = [entry for batch in self._batches() for entry in batch]
        self._source = None
        self._more = 0
        self._forget()
        list.extend(self, rest)

    def stream(self):
        """Every entry in order; those not made are made a batch at a time and not kept."""
        if self._source is None:
            yield from list.__iter__(self)
            return
        yield from self.made()
        for batch in self._batches():
            yield from batch

    def _batches(self):
        """The entries not made, a batch (a list) at a time."""
        raise NotImplementedError

    def _forget(self) -> None:
        """Drop what only the entries not made needed (every entry is made now)."""

    for _name in ("__iter__", "__len__", "__getitem__", "__contains__", "__reversed__",
                  "__lt__", "__le__", "__gt__", "__ge__", "__add__",
                  "__mul__", "__rmul__", "__iadd__", "__imul__", "__setitem__", "__delitem__",
                  "__repr__", "append", "extend", "insert", "pop", "remove", "clear", "index",
                  "count", "copy", "sort", "reverse"):
        locals()[_name] = _making_first(_name)
    del _name
    __hash__ = None

    def __eq__(self, other):
        for entries in (self, other):
            if isinstance(entries, MadeOnRead):
                entries.materialise()
        if type(other) is tuple:  # a short list's items are a tuple: equal when the same items
            return tuple(list.__iter__(self)) == other
        return list.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    def __bool__(self) -> bool:
        return True  # the first entry is always made: truth needs no other

    def __reduce_ex__(self, protocol):
        # copied or pickled as the plain list of every entry (the source is not carried along)
        self.materialise()
        return list, (list(list.__iter__(self)),)
