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

from . import limits
from .nodes import ListBlock, ListItem

LIST_STYLE = {"*": "bullet", "1.": "decimal", "a.": "alpha", "A.": "upper-alpha",
              "i.": "roman", "I.": "upper-roman"}


def marker_lines(parser, pos: int, end: int, pattern, first) -> tuple[list, int] | None:
    """The lines of the list at ``pos`` (whose marker ``first`` is) and where the list ends;
    None when a line of it is not a one-line marker item. Takes the lines
    ``BlockParser._collect`` would take (a comment line inside or right after the list goes
    with it). A line is six entries of one flat list: the marker's start, its indentation, its
    style, where the item's text starts, the ``#N`` value or None, the line's end. Not the
    match of each line: a deep list has a line every few characters, and a match object and a
    tuple held per line cost ~10x the source while the list was built (issue 11)."""
    text = parser.text
    match = pattern.match
    find = text.find
    startswith = text.startswith
    extends = parser.pairs.openers  # without "{{{" groups no line carries on
    lines: list = []
    m = first
    while pos < end:
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
        start = m.end()
        if start < eol and text[start] == " ":
            start += 1
        value = m.group(3)  # the marker starts the line: at pos
        lines += (pos, m.end(1) - pos, LIST_STYLE[m.group(2)], start, int(value) if value else None, eol)
        pos = eol + 1
        m = None
    return lines, pos


def build_lists(parser, lines: list, depth: int) -> list:
    """The ListBlocks of ``lines`` (from :func:`marker_lines`), parsed at ``depth``. Nodes are
    made when their first line is read and their ends are set when they close."""
    item_line = parser._item_line
    max_depth = limits.MAX_BLOCK_DEPTH
    out: list = []
    # one open level: [base indent, depth, where its lists go, current list, current item,
    # first line start of the item's source-text tail or -1]
    levels: list = []
    prev_end = -1
    each = iter(lines)
    for a, indent, style, start, value, eol in zip(each, each, each, each, each, each):
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
            levels.append([indent, d, into, block, item, -1])
        else:
            _close_item(parser, top, prev_end)
            item = ListItem(a, eol, value, item_line(start, eol, top[1] + 1))
            block = top[3]
            if style != block.style:  # another kind of marker: another list
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
    level[3].items = tuple(level[3].items)


def _close_item(parser, level: list, end: int) -> None:
    """The level's current item (and so its current list) ends at ``end``."""
    item = level[4]
    item.end = level[3].end = end
    if level[5] >= 0:
        item.children += parser.parse_range(level[5], end, level[1] + 1, top=False)
        level[5] = -1
    if type(item.children) is list:  # deeper lists were appended: a tuple like every children
        item.children = tuple(item.children)
