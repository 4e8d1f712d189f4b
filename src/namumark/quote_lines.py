"""Nested ``>`` quotes read in place: each level is the lines of the parsed text with one more
prefix character skipped, not a new string (issue 11, peak memory: a quote nested eight deep
held eight copies of its text while the innermost was parsed).

BlockParser parses a quote's body as a text of its own (its lines joined with their ``>``
removed) and moves the spans back. When the quote holds no bracket, brace or pipe, no pair and
no table can join or split its lines, and the body's blocks follow from each line alone: this
module then walks the lines of the quote with, for every line, where its content starts at the
current level (``starts``, raised by one as a level strips its prefix). It makes the nodes the
body parse would make, already in the parser's offsets. A paragraph of several lines is still
read from a string of its own lines (the inline parser needs one), one paragraph at a time.

Anything else it meets (a list marker, the block depth limit) raises :class:`Fallback`, and the
quote is parsed the usual way.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right

from . import blocks as _blocks, limits
from .inline import _SPECIAL as _INLINE_MARKUP, InlineParser
from .nodes import HorizontalRule, Indent, Paragraph, Quote
from .pairs import Pairs

# what can make a line of a quote depend on other lines: pairs of brackets or braces, tables
UNSAFE = re.compile(r"[\[\]{}|]")
_HR = re.compile(r"-{4,9}\Z")
_LIST = re.compile(r"( +)(\*|1\.|a\.|A\.|i\.|I\.)(?:#(\d{1,9}))?")
_DROPPED = -1  # a comment line taken by a nested block: gone from its body and deeper ones


class Fallback(Exception):
    """The quote holds something only the body parse handles."""


class QuoteLines:
    def __init__(self, parser, starts: array, ends: array):
        self.parser = parser
        self.text = parser.text
        self.starts = starts  # per line: where its content starts at the level being parsed
        self.ends = ends  # per line: its end (the content ends there at every level)
        self.quotes = parser.quotes

    # -- the lines of one level ---------------------------------------------------------
    def _live(self, i: int, hi: int) -> int:
        """The first line from ``i`` not dropped (``hi`` if none)."""
        starts = self.starts
        while i < hi and starts[i] == _DROPPED:
            i += 1
        return i

    def _last(self, lo: int, hi: int) -> int:
        i = hi - 1
        while i >= lo and self.starts[i] == _DROPPED:
            i -= 1
        return i

    def blocks(self, lo: int, hi: int, depth: int, fresh: bool) -> tuple:
        """The blocks of the lines ``lo``..``hi`` at their current starts: what
        ``parse_range(…, top=False)`` makes of them joined. ``fresh``: every line starts a line
        of that text (else it is the one line of a block read in place, after its prefix, where
        ``##`` is not a comment)."""
        if depth > limits.MAX_BLOCK_DEPTH:
            raise Fallback
        text = self.text
        starts, ends = self.starts, self.ends
        last = self._last(lo, hi)
        out: list = []
        i = self._live(lo, hi)
        while i <= last and (i < last or starts[i] < ends[i]):  # a text's empty last line: none
            s, e = starts[i], ends[i]
            c = text[s] if s < e else ""
            if c == "#" and fresh and text.startswith("##", s):
                i = self._live(i + 1, hi)  # a comment line
                continue
            if c == "-" and _HR.match(text, s, e):
                out.append(HorizontalRule(s, e))
                i = self._live(i + 1, hi)
                continue
            if c == " ":
                if self._is_marker(s, e):
                    raise Fallback  # lists: the body parse
                if text[s:e].strip(" "):
                    node, i = self._nested(i, hi, depth, Indent, " ")
                    out.append(node)
                    continue
            elif c == ">" and self.quotes < limits.MAX_QUOTE_DEPTH:
                self.quotes += 1
                try:
                    node, i = self._nested(i, hi, depth, Quote, ">")
                finally:
                    self.quotes -= 1
                out.append(node)
                continue
            node, i = self._paragraph(i, hi, last, depth)
            out.append(node)
        return tuple(out)

    def _is_marker(self, s: int, e: int) -> bool:
        m = _LIST.match(self.text, s, e)
        return m is not None and self.parser._is_list_marker(m, e)

    # -- quote / indent --------------------------------------------------------------------
    def _nested(self, i: int, hi: int, depth: int, kind, mark: str):
        """The quote or indent whose first line is ``i``: its lines are taken as
        ``BlockParser._collect`` takes them, and lose their first ``mark``."""
        text = self.text
        starts, ends = self.starts, self.ends
        start = starts[i]
        starts[i] += 1
        last = self._last(i, hi)
        end_line = i  # the block's last line (no list of them: deep quotes have many)
        j = self._live(i + 1, hi)
        while j <= last and (j < last or starts[j] < ends[j]):
            s, e = starts[j], ends[j]
            if text.startswith("##", s):
                starts[j] = _DROPPED  # a comment line vanishes; the block goes on
            elif s < e and text[s] == mark and (mark == ">" or not self._is_marker(s, e)):
                starts[j] += 1
                end_line = j
            else:
                break
            j = self._live(j + 1, hi)
        end = ends[end_line]
        children = self.blocks(i, end_line + 1, depth + 1, end_line > i)
        nxt = self._live(end_line + 1, hi)  # past the comment lines it took after its last line
        if kind is Quote:
            return Quote(start, end, children or (Paragraph(end, end, ()),)), nxt
        return Indent(start, end, children), nxt

    # -- paragraph -------------------------------------------------------------------------
    def _paragraph(self, i: int, hi: int, last: int, depth: int):
        """As ``BlockParser._paragraph``: lines up to one that starts a block, empty lines
        included (but the empty last line of the text)."""
        text = self.text
        starts, ends = self.starts, self.ends
        end_line = i
        j = self._live(i + 1, hi)
        while j <= last and (j < last or starts[j] < ends[j]):
            s, e = starts[j], ends[j]
            if s < e and self._starts_block(s, e):
                break
            end_line = j
            j = self._live(j + 1, hi)
        start, end = starts[i], ends[end_line]
        if end_line == i:
            if _INLINE_MARKUP.search(text, start, end) is None:
                return Paragraph.plain(start, end, text), j
            return Paragraph(start, end, _blocks._drop_category_lines(
                self.parser.inline.parse(start, end, depth))), j
        return Paragraph(start, end, self._lines_inline(i, end_line + 1, depth)), j

    def _starts_block(self, s: int, e: int) -> bool:
        """``BlockParser._starts_block`` for a line that holds no pipe, in a body (not top)."""
        c = self.text[s]
        if c == " ":
            return bool(self.text[s:e].strip(" "))
        if c == ">":
            return self.quotes < limits.MAX_QUOTE_DEPTH
        if c == "-":
            return _HR.match(self.text, s, e) is not None
        return False

    def _lines_inline(self, lo: int, hi: int, depth: int) -> tuple:
        """The inline nodes of a paragraph of several lines: read from those lines joined (as
        the body parse reads them), then moved onto the parser's offsets."""
        text = self.text
        starts, ends = self.starts, self.ends
        origins = array("q")  # where each line starts in the parser's text
        at = array("q")  # and in ``joined``
        pos = 0
        for k in range(lo, hi):
            a = starts[k]
            if a != _DROPPED:
                origins.append(a)
                at.append(pos)
                pos += ends[k] - a + 1
        joined = "\n".join([text[a:ends[k]] for k, a in enumerate(starts[lo:hi], lo) if a != _DROPPED])

        def to_text(off: int) -> int:
            n = bisect_right(at, off) - 1
            return origins[n] + (off - at[n])

        def no_blocks(start, end, depth):  # no brace group in a quote read here
            raise Fallback

        inline = InlineParser(joined, Pairs(joined), no_blocks, self.parser.inline.titles)
        children = _blocks._drop_category_lines(inline.parse(0, len(joined), depth))
        _blocks._relocate(children, to_text, set(), joined, text)
        return children


def quote_in_place(parser, lines: list, depth: int):
    """The children of the quote made of the logical ``lines`` of ``parser`` (the first one
    already past its ``>``), parsed at ``depth``; or None when the body parse must make them.
    ``lines`` is emptied while they are parsed (a tuple and two integers a line, for every
    line of the quote) and filled again when this returns None."""
    text = parser.text
    if UNSAFE.search(text, lines[0][0], lines[-1][1]) is not None:
        return None
    # without braces or pipes every logical line is one physical line, opening with ">"
    ends = array("q", [e for _, e in lines])
    starts = array("q", [a for a, _ in lines])
    lines.clear()
    try:
        return QuoteLines(parser, array("q", [a + 1 for a in starts]), ends).blocks(
            0, len(ends), depth, True)
    except Fallback:
        lines.extend(zip(starts, ends))
        return None
