"""Keyset paging: a page of a sorted list found by the key of its first or last row, never by OFFSET.

A list is sorted by a tuple of columns (``keys``). As on the seed, a page is asked for with an
inclusive cursor: ``from=K`` (the page that starts at K) or ``until=K`` (the page that ends at K).
Each page costs an index seek plus ``per_page + 1`` rows, wherever it lies in the list; the links to
the neighbouring pages carry the key of the row just beyond each end.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from django.db.models import Q


@dataclass
class KeysetPage:
    object_list: list
    previous_key: tuple | None  # ``until=`` this key shows the page before
    next_key: tuple | None  # ``from=`` this key shows the page after

    @property
    def has_other_pages(self) -> bool:
        return self.previous_key is not None or self.next_key is not None


def _beyond(keys: Sequence[str], values: Sequence, upward: bool, inclusive: bool) -> Q:
    """Rows whose key tuple is after ``values`` (upward) or before it, as an index-friendly filter."""
    op = "gt" if upward else "lt"
    # (a, b) > (x, y)  ⇔  a >= x AND (a > x OR (a = x AND b > y)): the first term bounds the index range.
    condition = Q()
    for depth in range(len(keys)):
        last = depth == len(keys) - 1
        equal = {keys[i]: values[i] for i in range(depth)}
        lookup = f"{keys[depth]}__{op}{'e' if last and inclusive else ''}"
        condition |= Q(**equal, **{lookup: values[depth]})
    return Q(**{f"{keys[0]}__{op}e": values[0]}) & condition


def _order(keys: Sequence[str], upward: bool) -> list[str]:
    return [key if upward else f"-{key}" for key in keys]


def keyset_page(queryset, keys: Sequence[str], per_page: int, key_of: Callable[[object], tuple], *,
                start: tuple | None = None, end: tuple | None = None, descending: bool = False) -> KeysetPage:
    """The page of ``queryset`` that starts at ``start`` or ends at ``end`` (neither: the first page).

    ``keys`` must make the order total (end with a unique column); ``descending`` shows the list from
    the largest key down. ``key_of(row)`` reads a row's key tuple (for the cursors of the links); it
    may append values after the keys (only the first len(keys) are compared), e.g. a title to show."""
    forward = not descending  # the direction of "later in the list" in key order
    if end is not None:
        rows = list(queryset.filter(_beyond(keys, end, not forward, True)).order_by(*_order(keys, not forward))
                    [: per_page + 1])
        shown = rows[:per_page][::-1]
        previous_key = key_of(rows[per_page]) if len(rows) > per_page else None
        edge = key_of(shown[-1]) if shown else end  # an empty page still links to what follows
        after = queryset.filter(_beyond(keys, edge, forward, False)).order_by(*_order(keys, forward)).first()
        return KeysetPage(shown, previous_key, key_of(after) if after is not None else None)
    query = queryset if start is None else queryset.filter(_beyond(keys, start, forward, True))
    rows = list(query.order_by(*_order(keys, forward))[: per_page + 1])
    shown = rows[:per_page]
    next_key = key_of(rows[per_page]) if len(rows) > per_page else None
    before = None
    if start is not None:
        edge = key_of(shown[0]) if shown else start
        before = (queryset.filter(_beyond(keys, edge, not forward, False))
                  .order_by(*_order(keys, not forward)).first())
    return KeysetPage(shown, key_of(before) if before is not None else None, next_key)


def key_at(queryset, keys: Sequence[str], position: int, key_of: Callable[[object], tuple], *,
           descending: bool = False) -> tuple | None:
    """The key of the row at ``position`` (0-based) in list order, or None past the end.

    Only for old ``?page=N`` addresses, which callers bound to a few pages: this is an OFFSET."""
    row = queryset.order_by(*_order(keys, not descending))[position: position + 1].first()
    return key_of(row) if row is not None else None


def merged_page(pages: Sequence[KeysetPage], per_page: int, key_of: Callable[[object], tuple], size: int, *,
                ending: bool = False) -> KeysetPage:
    """One page of the union of disjoint sorted lists, from each list's page at the same cursor.

    ``pages`` were asked with the same ``start`` (or, ``ending``, the same ``end``) and per_page; their
    rows and keys share one order, compared on the first ``size`` values of the keys. A list's row
    beyond its page (its next key, or its previous key when ``ending``) stands for the rest of that
    list: it sorts after (before) all that list's shown rows, so the merge never skips a row."""
    def order(item):
        return item[0][:size]

    items = [(key_of(row), row) for page in pages for row in page.object_list]
    beyond = [page.previous_key if ending else page.next_key for page in pages]
    items += [(key, None) for key in beyond if key is not None]
    items.sort(key=order, reverse=ending)
    shown = [row for _key, row in items[:per_page] if row is not None]
    edge = items[per_page][0] if len(items) > per_page else None
    others = [key for page in pages if (key := (page.next_key if ending else page.previous_key)) is not None]
    other = (min(others, key=lambda k: k[:size]) if ending else max(others, key=lambda k: k[:size])) if others else None
    if ending:
        return KeysetPage(shown[::-1], edge, other)
    return KeysetPage(shown, other, edge)
