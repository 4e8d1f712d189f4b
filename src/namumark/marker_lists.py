"""The common list in one pass: every line a list marker and every item one physical line.

The general list code (blocks.py ``_list_lines``) groups an item's deeper lines and reads them
again as a nested level, with caches so each line is looked at a bounded number of times. A list
whose lines are all markers needs none of that: its tree follows from the indentation alone,
so one pass with a stack of open levels builds the very tree the general code builds (the
nesting rule below is its rule). Anything else — a continuation line, an item whose line a
``{{{`` group or a table row carries on — is left to the general code.

Nesting rule: a level's base is the indentation of its first line. A line at most as indented
as the base starts an item of the level (a new list when its kind of marker changes); a deeper
line belongs to the current item, as a line of its nested level. Past the block depth limit an
item's deeper lines are one paragraph of source text.
"""
from __future__ import annotations

import re

from . import limits
from .list_items import ListItems
from .nodes import ListBlock, ListItem

LIST_STYLE = {"*": "bullet", "1.": "decimal", "a.": "alpha", "A.": "upper-alpha",
              "i.": "roman", "I.": "upper-roman"}


def marker_lines(parser, pos: int, end: int, pattern, first, keep: int = 0, base: int = -1,
                 stop: bool = False) -> tuple[list, int] | None:
    """The lines of the list at ``pos`` (whose marker ``first`` is, or None) and where the list
    ends; None when a line of it is not a one-line marker item. Takes the lines
    ``BlockParser._collect`` would take (a comment line inside or right after the list goes
    with it). A line is six entries of one flat list: the marker's start, its indentation, its
    style, where the item's text starts, the ``#N`` value or None, the line's end. Not the
    match of each line: a deep list has a line every few characters, and a match object and a
    tuple held per line cost ~10x the source while the list was built (issue 11).

    With ``keep``, a top-level list (its items' lines are at most as indented as ``base``, the
    first line's indentation unless given) keeps its first items, until they hold ``keep``
    lines; the lines of its other items are only checked, and stand as one record of six
    entries: -1, how many items, None, where the first of them starts, None, where the last
    ends (list_items.py makes them again). With ``stop`` too, the lines end there instead.
    Lines, not items, are counted: an item of a deep list holds many."""
    text = parser.text
    match = pattern.match
    find = text.find
    startswith = text.startswith
    extends = parser.pairs.openers  # without "{{{" groups no line carries on
    lines: list = []
    m = first
    style = None  # of the current top-level list, when keeping
    taken = 0  # its lines kept so far
    rest = -1  # where its items not kept start
    more = 0  # how many they are
    last = pos  # end of the last line taken
    while pos < end:
        if rest >= 0:  # items not kept: the lines that need no look of their own at once
            pos, skimmed, last = _skim(parser, pos, end, base, style, last)
            more += skimmed
            if pos >= end:
                break
        eol = find("\n", pos, end)
        if eol < 0:
            eol = end
        if m is None:
            if startswith("##", pos):
                pos = eol + 1
                continue
            if pos >= eol or text[pos] != " ":
                break
            m = match(text, pos, eol)
            if m is None:
                return None
        if m.group(2) != "*":
            k = m.end()
            if k < eol and text[k] != " ":
                return None  # "1.x": not a marker, a continuation line
        if extends and parser._extended_end(pos, eol, end) != eol:
            return None
        if keep:
            indent = m.end(1) - pos
            if base < 0:
                base = indent
            if indent <= base:  # a top-level item
                if LIST_STYLE[m.group(2)] != style:  # another list: its items are kept again
                    if rest >= 0:
                        lines += (-1, more, None, rest, None, last)
                        rest = -1
                    style = LIST_STYLE[m.group(2)]
                    taken = 0
                elif taken >= keep and rest < 0:
                    if stop:
                        return lines, pos
                    rest = pos
                    more = 0
                if rest >= 0:
                    more += 1
            taken += 1
        if rest < 0:
            start = m.end()
            if start < eol and text[start] == " ":
                start += 1
            value = m.group(3)  # the marker starts the line: at pos
            lines += (pos, m.end(1) - pos, LIST_STYLE[m.group(2)], start,
                      int(value) if value else None, eol)
        last = eol
        pos = eol + 1
        m = None
    if rest >= 0:
        lines += (-1, more, None, rest, None, last)
    return lines, pos


# lines that marker_lines takes as they are: a comment line, or a marker line ("1.x" is not one);
# possessive: a plain "*" keeps a backtracking entry per line, ~16x the source of a long list
_PLAIN_LINES = re.compile(r"(?:(?:##| +(?:\*|[1aAiI]\.(?:#\d{1,9})?(?![^ \n])))[^\n]*\n)*+")


def _skim(parser, pos: int, end: int, base: int, style: str, last: int) -> tuple:
    """Lines from ``pos`` of items not kept, checked by two regular expressions instead of a
    loop: a deep list's items have a line per level (issue 11, time). Returns where the lines
    stop, how many top-level items start in them and where the last of them ends (``last``
    if none). They stop before any line the loop must look at itself: one not taken as it is,
    one opening a "{{{" group, a top-level item of another kind (the list ends there)."""
    text = parser.text
    stop = _PLAIN_LINES.match(text, pos, end).end()
    pairs = parser.pairs
    if pairs.openers:
        k = pairs.first_opener_from(pos)
        if k < len(pairs.openers) and pairs.openers[k] < stop:
            stop = text.rfind("\n", pos, pairs.openers[k]) + 1 or pos
    if stop <= pos:
        return pos, 0, last
    count = 0
    for top in re.compile(r"\n {1,%d}(\*|[1aAiI]\.)" % base).finditer(text, pos - 1, stop):
        if LIST_STYLE[top.group(1)] != style:
            stop = top.start() + 1
            break
        count += 1
    e = stop - 1  # every line taken ends with a newline: the last one here
    while e >= pos:
        a = text.rfind("\n", pos, e) + 1 or pos
        if not text.startswith("##", a):
            return stop, count, e
        e = a - 1
    return stop, count, last


def build_lists(parser, lines: list, depth: int, base: int = -1) -> list:
    """The ListBlocks of ``lines`` (from :func:`marker_lines`), parsed at ``depth``; ``base``:
    the top level's indentation, when not the first line's. Nodes are made when their first
    line is read and their ends are set when they close. A top-level list whose items were
    not all kept gets a :class:`ListItems` that makes the others again."""
    item_line = parser._item_line
    max_depth = limits.MAX_BLOCK_DEPTH
    out: list = []
    # one open level: [base indent, depth, where its lists go, current list, current item,
    # first line start of the item's source-text tail or -1]
    levels: list = []
    prev_end = -1
    each = iter(lines)
    for a, indent, style, start, value, eol in zip(each, each, each, each, each, each):
        if a < 0:  # the top-level list's items not kept: ``indent`` of them, start..eol
            prev_end = _defer_rest(parser, levels, prev_end, indent, start, eol, depth)
            continue
        while len(levels) > 1 and levels[-2][0] >= indent:
            _close_level(parser, levels.pop(), prev_end)
        top = levels[-1] if levels else None
        if top is not None and indent > top[0]:
            if top[5] >= 0:
                prev_end = eol  # inside the item's source-text tail
                continue
            if top[1] + 1 > max_depth:
                top[5] = a
                prev_end = eol
                continue
        if top is None or indent > top[0]:  # the first item of a level
            d = depth if top is None else top[1] + 1
            item = ListItem(a, eol, value, item_line(start, eol, d + 1))
            block = ListBlock(a, eol, style, 1 if value is None else value, [item])
            if top is None:
                into = out
            else:  # the item's children (a tuple) take lists: a list until the item closes
                into = top[4].children
                if type(into) is not list:
                    into = top[4].children = list(into)
            into.append(block)
            levels.append([indent if top is not None or base < 0 else base, d, into, block,
                           item, -1])
        else:
            _close_item(parser, top, prev_end)
            item = ListItem(a, eol, value, item_line(start, eol, top[1] + 1))
            block = top[3]
            if style != block.style:  # another kind of marker: another list
                if type(block.items) is list:
                    block.items = tuple(block.items)
                block = top[3] = ListBlock(a, eol, style, 1 if value is None else value, [item])
                top[2].append(block)
            else:
                block.items.append(item)
            top[4] = item
        prev_end = eol
    while levels:
        _close_level(parser, levels.pop(), prev_end)
    return out


def _close_level(parser, level: list, end: int) -> None:
    """The level ends at ``end``: its current item, and its current list, whose items become a
    tuple (no spare room, issue 11 memory)."""
    _close_item(parser, level, end)
    if type(level[3].items) is list:
        level[3].items = tuple(level[3].items)


def _defer_rest(parser, levels: list, end: int, more: int, start: int, last: int,
                depth: int) -> int:
    """The open top-level list ends with ``more`` items not made, ``start``..``last``: its
    levels close at ``end`` (the last kept line), its items become a :class:`ListItems`.
    Returns the list's end."""
    while len(levels) > 1:
        _close_level(parser, levels.pop(), end)
    top = levels[0]
    _close_item(parser, top, end)
    block = top[3]
    source = (parser.text, parser.pairs, start, last, depth, top[0], parser.quotes)
    block.items = ListItems(block.items, source, more)
    block.end = last
    top[4] = None  # no item is open: the next top-level line starts another list
    return last


def _close_item(parser, level: list, end: int) -> None:
    """The level's current item (and so its current list) ends at ``end``."""
    item = level[4]
    if item is None:  # closed with the items not kept (_defer_rest)
        return
    item.end = level[3].end = end
    if level[5] >= 0:
        item.children += parser.parse_range(level[5], end, level[1] + 1, top=False)
        level[5] = -1
    if type(item.children) is list:  # deeper lists were appended: a tuple like every children
        item.children = tuple(item.children)
