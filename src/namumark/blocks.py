"""Lines → blocks: paragraph, heading, list, indent, quote, table, horizontal rule.

A line that opens a ``{{{`` group closing on a later line takes those lines with it (the group
is inline content of that line), so block syntax inside a group is never seen from outside.
Ranges of the same text are parsed in place (cells, #!wiki bodies); only multi-line list/indent
bodies, whose prefixes must be stripped, become new strings, and quote bodies holding brackets,
braces or pipes (quote_lines.py reads the others in place).
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right

from . import limits
from .list_items import EAGER_LINES
from .inline import _SPECIAL as _INLINE_MARKUP, InlineParser
from .marker_lists import LIST_STYLE as _LIST_STYLE, build_lists, marker_lines
from .nodes import (
    CategoryLink, HorizontalRule, Heading, Indent, LineBreak, Link, ListBlock, ListItem, Node,
    Paragraph, Quote, Style, Table, TableRow, Text,
)
from .pairs import Pairs
from .paragraph_runs import LONG_PARAGRAPH_CHARS, long_paragraph
from .quote_lines import quote_in_place
from .tables import TableParser

_HEADING = re.compile(r"(={1,6})(#?) (.+?) \2\1\Z")
_HR = re.compile(r"-{4,9}\Z")
_NEWLINES = re.compile("\n+")
_MAY_OPEN_BLOCK = frozenset("#=-|> ")  # first characters of a line that parse_range looks at
_LIST = re.compile(r"( +)(\*|1\.|a\.|A\.|i\.|I\.)(?:#(\d{1,9}))?")
_PREFIX_RUN = {" ": re.compile(r" *"), "> ": re.compile(r"[> ]*")}


class BlockParser:
    def __init__(self, text: str, source_map: tuple | None = None, done: set | None = None,
                 root: str | None = None, titles: dict | None = None, pairs: Pairs | None = None):
        self.text = text
        # the document's text, which the spans of every node finally point into
        self.root = text if root is None else root
        # For a text built from stripped lines: (line starts here, their offsets in the
        # original source). None for the source itself.
        self.source_map = source_map
        # ids of child lists whose spans are already source offsets (shared by a document)
        self.done: set = done if done is not None else set()
        self.quotes = 0  # quote nesting around the range being parsed
        self._markers: dict = {}  # (line start, end) -> list marker match | None
        # list lines -> (lines deeper than it that follow it, all of them markers?): computed once
        # per list, so each nesting level walks only its own items (linear in the list's lines)
        self._subtree: dict = {}
        self.pairs = Pairs(text) if pairs is None else pairs  # given: the text's, made before
        self.inline = InlineParser(text, self.pairs, self._blocks_for_inline, titles)
        self.tables = TableParser(self)

    def close(self) -> None:
        """Drop the helpers and caches once the text is parsed. The inline and table parsers
        point back at this one, and the collector is paused while parsing, so without this
        every (sub)parser and its caches would live until the next collection."""
        self.inline = self.tables = None
        self._markers = self._subtree = None

    def _blocks_for_inline(self, start: int, end: int, depth: int) -> list:
        return self.parse_range(start, end, depth, top=False)

    # -- helpers -------------------------------------------------------------------------
    def _line_end(self, pos: int, end: int) -> int:
        e = self.text.find("\n", pos, end)
        return end if e < 0 else e

    def _extended_end(self, pos: int, eol: int, end: int) -> int:
        """End of the logical line at ``pos``: physical line plus lines taken by open groups."""
        pairs = self.pairs
        openers = pairs.openers
        if not openers:
            return eol
        brace = pairs.brace
        idx = pairs.first_opener_from(pos)
        n = len(openers)
        while idx < n and openers[idx] < eol:
            c = brace[openers[idx]]
            if c + 3 > end:
                idx += 1
                continue
            if c + 3 > eol:
                eol = self._line_end(c + 3, end)
            idx = pairs.first_opener_from(c + 3)
        return eol

    # -- main loop -----------------------------------------------------------------------
    def parse_range(self, start: int, end: int, depth: int, top: bool, limit: int = 0) -> list:
        """The blocks of ``start..end``; with ``limit``, only the first ``limit`` (or a few
        more: a list may make several), and :attr:`stopped_at` says where the others start."""
        text = self.text
        out: list = []
        if depth > limits.MAX_BLOCK_DEPTH:
            if start < end:
                out.append(Paragraph.plain(start, end, text))
            return tuple(out)
        pos = start
        find = text.find
        while pos < end:
            if limit and len(out) >= limit:
                break
            eol = find("\n", pos, end)
            if eol < 0:
                eol = end
            c = text[pos] if pos < eol else ""
            if c == "#" and text.startswith("##", pos) and (pos == 0 or text[pos - 1] == "\n"):
                pos = eol + 1  # a comment line (only at a real line start: " ##" is text)
                continue
            if c == "=" and top:
                m = _HEADING.match(text, pos, eol)
                if m:
                    out.append(self._heading(m, pos, eol, depth))
                    pos = eol + 1
                    continue
            elif c == "-":
                if _HR.match(text, pos, eol):
                    out.append(HorizontalRule(pos, eol))
                    pos = eol + 1
                    continue
            elif c == "|":
                parsed = self.tables.parse(pos, end, depth)
                if parsed is not None:
                    out.append(parsed[0])
                    pos = parsed[1]
                    continue
            elif c == " ":
                m = _LIST.match(text, pos, eol)  # a marker line is never blank
                if m and self._is_list_marker(m, eol):
                    lists, pos = self._list(pos, end, depth, m)
                    out.extend(lists)
                    continue
                if _blank(text, pos, eol):
                    node, pos = self._paragraph(pos, end, depth, top)
                    if node is not None:
                        out.append(node)
                    continue
                node, pos = self._indent(pos, end, depth)
                out.append(node)
                continue
            elif c == ">" and self.quotes < limits.MAX_QUOTE_DEPTH:
                node, pos = self._quote(pos, end, depth)
                out.append(node)
                continue
            node, pos = self._paragraph(pos, end, depth, top)
            if node is not None:
                out.append(node)
        self.stopped_at = pos
        # children are tuples: no spare room, and () is one shared object (issue 11, memory)
        return tuple(out)

    def _marker(self, a: int, b: int):
        """The list marker opening the line at ``a`` (or None), computed once per line: deep
        lists look at the same lines from every level."""
        cache = self._markers
        key = (a, b)
        if key in cache:
            return cache[key]
        m = _LIST.match(self.text, a, b)
        if m is not None and not self._is_list_marker(m, b):
            m = None
        cache[key] = m
        return m

    def _is_marker_line(self, a: int, b: int) -> bool:
        return self._marker(a, b) is not None

    def _is_list_marker(self, m: re.Match, eol: int) -> bool:
        if m.group(2) == "*":
            return True
        nxt = m.end()
        return nxt >= eol or self.text[nxt] == " "

    def _starts_block(self, pos: int, eol: int, top: bool, end: int = -1, depth: int = 0) -> bool:
        text = self.text
        if pos >= eol:
            return False
        c = text[pos]
        if c == " ":
            return not _blank(text, pos, eol)
        if c == "|":
            # only a real table ends the paragraph; "|| 닫히지 않음" stays in it as text. A
            # table is one exactly when its first row ends as a row: checked, nothing made
            return self.tables.first_row(pos, end) is not None
        if c == ">":
            return self.quotes < limits.MAX_QUOTE_DEPTH
        if c == "=" and top:
            return _HEADING.match(text, pos, eol) is not None
        if c == "-":
            return _HR.match(text, pos, eol) is not None
        return False

    # -- paragraph -----------------------------------------------------------------------
    def _paragraph(self, pos: int, end: int, depth: int, top: bool):
        start, last, pos = self._paragraph_extent(pos, end, depth, top)
        text = self.text
        if _INLINE_MARKUP.search(text, start, last) is None:  # one line of plain text
            return Paragraph.plain(start, last, text), pos
        if last - start >= LONG_PARAGRAPH_CHARS and self.source_map is None:
            return long_paragraph(self, start, last, depth), pos
        return Paragraph(start, last, _drop_category_lines(self.inline.parse(start, last, depth))), pos

    def _paragraph_extent(self, pos: int, end: int, depth: int, top: bool):
        """(start, end of its text, where the next block starts) of the paragraph at ``pos``."""
        text = self.text
        start = pos
        last = pos
        first = True
        while pos < end:
            if text[pos] == "\n":
                # empty lines start no block and open no group: a run of them is taken at once
                pos = _NEWLINES.match(text, pos, end).end()
                last = pos - 1
                first = False
                continue
            eol = text.find("\n", pos, end)
            if eol < 0:
                eol = end
            if not first and text[pos] in _MAY_OPEN_BLOCK and self._starts_block(pos, eol, top, end, depth):
                break
            if self.pairs.openers:
                eol = self._extended_end(pos, eol, end)
            first = False
            last = eol
            pos = eol + 1
        return start, last, pos

    # -- heading -------------------------------------------------------------------------
    def _heading(self, m: re.Match, pos: int, eol: int, depth: int):
        level = len(m.group(1))
        folded = bool(m.group(2))
        a, b = m.start(3), m.end(3)
        if _INLINE_MARKUP.search(self.text, a, b) is None:  # a plain title: read when asked for
            return Heading.plain(pos, eol, level, folded, self.text)
        return Heading(pos, eol, level, folded, self.inline.parse(a, b, depth))

    # -- indent / quote ------------------------------------------------------------------
    def _collect(self, pos: int, end: int, pred, prefix: str = ""
                 ) -> tuple[list[tuple[int, int]], int]:
        """Logical lines from ``pos`` while ``pred(line_start, eol)`` holds.

        With ``prefix`` (the quote/indent marks), a line whose content after the marks opens a
        table row takes the lines up to the row's closing ``||`` too, indented or not."""
        lines = []
        text = self.text
        while pos < end:
            eol = self._line_end(pos, end)
            if lines and text.startswith("##", pos):
                pos = eol + 1  # a comment line vanishes; the block goes on
                continue
            if lines and not pred(pos, eol):
                break
            eol = self._extended_end(pos, eol, end)
            if prefix:
                k = _PREFIX_RUN[prefix].match(text, pos, eol).end()
                if text.startswith("||", k):
                    row_end = self.tables.row_extent(k, end)
                    if row_end > eol:
                        eol = row_end
            lines.append((pos, eol))
            pos = eol + 1
        return lines, pos

    def to_source(self, off: int) -> int:
        """Offset in this text → offset in the original source."""
        sm = self.source_map
        if sm is None:
            return off
        starts, origins = sm
        k = bisect_right(starts, off) - 1
        if k < 0:
            k = 0
        return origins[k] + (off - starts[k])

    def _sub_blocks(self, pieces: list, base: int, depth: int) -> list:
        """Parse stripped lines as a text of their own, then move the spans of the nodes it made
        back onto the original source. Each node moves once: lists made by deeper texts are
        already in source offsets and are not walked again (so nesting costs no extra pass)."""
        body = "\n".join(p for p, _ in pieces)
        # machine integers, and the lines dropped once joined: nested quotes hold one body per
        # level while the deeper ones are parsed (issue 11, memory)
        starts = array("q")
        origins = array("q")
        pos = 0
        for piece, origin in pieces:
            starts.append(pos)
            origins.append(self.to_source(origin))
            pos += len(piece) + 1
        pieces.clear()
        sub = BlockParser(body, (starts, origins), self.done, self.root, self.inline.titles)
        sub.quotes = self.quotes
        children = sub.parse_range(0, len(body), depth, top=False)
        sub.close()
        _relocate(children, sub.to_source, self.done, body, self.root)
        self.done.add(id(children))
        return children

    def _physical_lines(self, ranges: list[tuple[int, int]], first_from: int, mark: str,
                        count: int, strip_taken: bool = True) -> list[tuple[str, int]]:
        """The physical lines of ``ranges`` with up to ``count`` leading ``mark`` characters
        removed from each (the first line starts at ``first_from``, already past its marker).
        Lines taken by a multi-line brace group or table row lose the prefix too (it is not
        content), unless ``strip_taken`` is false: a list item's group keeps its lines as
        written (issue 11 item 7, ` * 바깥{{{#!folding …⏎ * 안쪽⏎}}}`)."""
        text = self.text
        pieces: list[str] = []
        first = True
        for a, b in ranges:
            p = a
            while True:
                e = text.find("\n", p, b)
                line_end = b if e < 0 else e
                if first:
                    q = first_from
                    first = False
                elif p != a and not strip_taken:
                    q = p
                else:
                    q = p
                    k = 0
                    while k < count and q < line_end and text[q] == mark:
                        q += 1
                        k += 1
                pieces.append((text[q:line_end], q))
                if e < 0:
                    break
                p = e + 1
        return pieces

    def _indent_lines(self, pos: int, end: int):
        """The lines of the indent at ``pos`` and where the block after it starts."""
        text = self.text

        def more(p, eol):
            if p >= eol or text[p] != " ":
                return False
            m = _LIST.match(text, p, eol)
            return not (m and self._is_list_marker(m, eol))

        return self._collect(pos, end, more, " ")

    def _indent(self, pos: int, end: int, depth: int):
        text = self.text
        lines, nxt = self._indent_lines(pos, end)
        b = lines[-1][1]
        if len(lines) == 1 and text.find("\n", pos, b) < 0:
            return Indent(pos, b, self.parse_range(pos + 1, b, depth + 1, top=False)), nxt
        pieces = self._physical_lines(lines, pos + 1, " ", 1)
        lines = None  # not held while the body is parsed
        return Indent(pos, b, self._sub_blocks(pieces, pos + 1, depth + 1)), nxt

    def _quote(self, pos: int, end: int, depth: int):
        self.quotes += 1
        try:
            return self._quote_body(pos, end, depth)
        finally:
            self.quotes -= 1

    def _quote_lines(self, pos: int, end: int):
        """The lines of the quote at ``pos`` and where the block after it starts."""
        text = self.text
        return self._collect(pos, end, lambda p, eol: p < eol and text[p] == ">", "> ")

    def _quote_body(self, pos: int, end: int, depth: int):
        text = self.text
        lines, nxt = self._quote_lines(pos, end)
        b = lines[-1][1]
        if len(lines) == 1 and text.find("\n", pos, b) < 0:
            return Quote(pos, b, self.parse_range(pos + 1, b, depth + 1, top=False)
                         or (Paragraph(b, b, ()),)), nxt
        children = quote_in_place(self, lines, depth + 1)  # no copy per level
        if children is None:
            pieces = self._physical_lines(lines, pos + 1, ">", 1)
            lines = None  # not held while the body is parsed (nested quotes: one per level)
            children = self._sub_blocks(pieces, pos + 1, depth + 1)
        return Quote(pos, b, children or (Paragraph(b, b, ()),)), nxt

    # -- lists ---------------------------------------------------------------------------
    def _list(self, pos: int, end: int, depth: int, first: re.Match):
        # past its first items a list of the document's own text is only checked (list_items.py);
        # the spans of a stripped body's are moved later, so it is built whole
        keep = EAGER_LINES if self.source_map is None else 0
        found = marker_lines(self, pos, end, _LIST, first, keep)
        if found is not None:  # only one-line marker items: one pass (marker_lists.py)
            lines, nxt = found
            return build_lists(self, lines, depth), nxt
        lines, nxt = self.list_lines(pos, end)
        self._measure_subtrees(lines)
        return self._list_lines(lines, 0, len(lines), depth), nxt

    def list_lines(self, pos: int, end: int) -> tuple[list[tuple[int, int]], int]:
        """The logical lines of the list at ``pos`` and where it ends (a long page's skim,
        top_blocks.py, measures a list by them too)."""
        text = self.text
        return self._collect(pos, end, lambda p, eol: p < eol and text[p] == " ", " ")

    def _measure_subtrees(self, lines: list) -> None:
        """For each marker line: how many following lines sit deeper (a line that is not a
        marker belongs to the item above it, whatever its indentation), and whether all of
        them are markers. One pass with a stack."""
        marker = self._marker
        subtree = self._subtree
        stack: list = []  # (index, indent, line start, non-marker lines seen before it)
        plain = 0
        n = len(lines)
        for k in range(n + 1):
            if k < n:
                a, b = lines[k]
                m = marker(a, b)
                if m is None:
                    plain += 1
                    continue
                indent = len(m.group(1))
            else:
                indent = -1
            while stack and stack[-1][1] >= indent:
                j, _, start, before = stack.pop()
                subtree[start] = (k - j - 1, plain == before)
            if k < n:
                stack.append((k, indent, a, plain))

    def _list_lines(self, lines: list, lo: int, hi: int, depth: int) -> list:
        """The lists made by ``lines[lo:hi]`` (each one a list line or a continuation line).
        Items are index ranges into ``lines``: a nested level never copies its lines."""
        text = self.text
        # group lines into items: a marker at an indent <= the first item's starts an item
        first = _LIST.match(text, lines[lo][0], lines[lo][1])
        base_indent = len(first.group(1))
        style = _LIST_STYLE[first.group(2)]
        items: list[list] = []  # [marker, first line index, end line index]
        blocks: list = []
        marker = self._marker
        subtree = self._subtree
        k = lo
        while k < hi:
            a, b = lines[k]
            m = marker(a, b)
            if m is not None and len(m.group(1)) <= base_indent:
                this_style = _LIST_STYLE[m.group(2)]
                if items and this_style != style:
                    blocks.append(self._list_node(style, lines, items, depth))
                    items = []
                    style = this_style
                below = subtree.get(a)
                if below is not None and below[0] and len(m.group(1)) == base_indent:
                    # everything deeper than this item's marker is this item's: take it whole
                    items.append([m, k, k + 1 + below[0]])
                    k += 1 + below[0]
                    continue
                items.append([m, k, k + 1])
            else:
                items[-1][2] = k + 1
            k += 1
        blocks.append(self._list_node(style, lines, items, depth))
        # a change of marker kind at the top indent starts a new list
        return blocks

    def _only_markers_below(self, lines: list, lo: int, hi: int) -> bool:
        below = self._subtree.get(lines[lo][0])
        if below is not None and below[0] == hi - lo - 1:
            return below[1]
        return all(self._is_marker_line(la, lb) for la, lb in lines[lo + 1:hi])

    def _item_line(self, a: int, b: int, depth: int) -> list:
        """The blocks of an item's one-line text. Text that cannot open a block (the common
        item) is its paragraph at once, without the block loop: deep lists have a line per item."""
        text = self.text
        if a < b and text[a] not in _MAY_OPEN_BLOCK and depth <= limits.MAX_BLOCK_DEPTH:
            if _INLINE_MARKUP.search(text, a, b) is None:  # plain text: one Text node
                return (Paragraph.plain(a, b, text),)
            return (Paragraph(a, b, _drop_category_lines(self.inline.parse(a, b, depth))),)
        return self.parse_range(a, b, depth, top=False)

    def _list_node(self, style: str, lines: list, items: list, depth: int) -> ListBlock:
        text = self.text
        nodes = []
        first_value = None
        for m, lo, hi in items:
            value = int(m.group(3)) if m.group(3) else None
            if first_value is None:
                first_value = value if value is not None else 1
            first_end = lines[lo][1]
            a = m.end()
            if a < first_end and text[a] == " ":
                a += 1
            indent = len(m.group(1))
            b = lines[hi - 1][1]
            if hi - lo == 1 and text.find("\n", a, b) < 0:
                children = self._item_line(a, b, depth + 1)
            elif text.find("\n", a, first_end) < 0 and self._only_markers_below(lines, lo, hi):
                # only deeper items below: they are read in place (their own indentation
                # decides their nesting), so deep lists cost no copies per level
                children = self._item_line(a, first_end, depth + 1)
                if depth + 1 > limits.MAX_BLOCK_DEPTH:
                    children += self.parse_range(lines[lo + 1][0], b, depth + 1, top=False)
                else:
                    children += tuple(self._list_lines(lines, lo + 1, hi, depth + 1))
            else:
                # continuation lines carry the item's indentation, which is not content
                pieces = self._physical_lines(lines[lo:hi], a, " ", indent, strip_taken=False)
                children = self._sub_blocks(pieces, a, depth + 1)
            nodes.append(ListItem(m.start(), b, value, children))
        return ListBlock(nodes[0].start, nodes[-1].end, style,
                         1 if first_value is None else first_value, tuple(nodes))


def _blank(text: str, pos: int, eol: int) -> bool:
    """A line of only spaces: a blank line of its paragraph (issue 11 item 8), not an indent."""
    return not text[pos:eol].strip(" ")


def _relocate(children: list, to_source, done: set, body: str, root: str) -> None:
    """Apply ``to_source`` to the spans of ``children`` and everything under them, except
    child lists already in ``done`` (they were moved when their own text was parsed).

    Text runs read from ``body`` are read from ``root`` instead: their span there holds the
    same characters when it is as long (the stripped prefixes lie between the body's lines,
    so a run across lines is longer in the root); else the run keeps its own copy."""
    stack = list(children)
    while stack:
        n = stack.pop()
        a, b = n.start, n.end
        n.start = to_source(a)
        n.end = to_source(b)
        t = type(n)
        if t is Text:
            if n._of is body:
                n._of = root if n.end - n.start == b - a else (body[a:b],)
        elif t is Paragraph and type(n._of) is str:  # Paragraph.plain: its text, as a Text's
            if n._of is body:
                n._of = root if n.end - n.start == b - a else (Text(n.start, n.end, body[a:b]),)
        elif (t is Heading or t is Style) and type(n._of) is str:  # .plain: one Text inside
            if n._of is body:
                if n.end - n.start == b - a:
                    n._of = root
                else:  # its text no longer lies in one piece: the run is made and moved
                    n.start, n.end = a, b
                    n._of = n.children
                    n.start, n.end = to_source(a), to_source(b)
                    stack.extend(n._of)
        elif t is ListBlock:
            stack.extend(n.items)
        elif t is Table:
            if n.caption:
                stack.extend(n.caption)
            for row in n.rows:
                stack.append(row)
        elif t is TableRow:
            stack.extend(n.cells)
        elif t is Link:
            if n.label:
                stack.extend(n.label)
        else:
            ch = getattr(n, "children", None)
            if ch and id(ch) not in done:
                stack.extend(c for c in ch if isinstance(c, Node))


def _drop_category_lines(children: tuple) -> tuple:
    """A line holding only [[분류:…]] links vanishes with its line break."""
    if CategoryLink not in map(type, children):
        return children
    out: list = []
    line: list = []

    def only_categories(nodes):
        has = False
        for n in nodes:
            if type(n) is CategoryLink:
                has = True
            elif type(n) is Text and not n.text.strip():
                continue
            else:
                return False
        return has

    for c in children:
        if type(c) is LineBreak:
            if only_categories(line):
                out.extend(n for n in line if type(n) is CategoryLink)
            else:
                out.extend(line)
                out.append(c)
            line = []
        else:
            line.append(c)
    if only_categories(line):
        if out and type(out[-1]) is LineBreak:
            out.pop()
        out.extend(n for n in line if type(n) is CategoryLink)
    else:
        out.extend(line)
    return tuple(out)
