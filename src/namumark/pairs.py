"""One linear pass that pairs ``{{{``/``}}}`` and ``[``/``]`` for a whole text.

Everything else looks closers up here in O(1) instead of searching the rest of the document
for each opener, so unclosed openers cost nothing (no quadratic rescans).

Rules:
* braces pair by depth (``{{{{{{x}}}}}}`` is a literal holding ``{{{x}}}``);
* a backslash escapes the next token except inside raw groups (literal, ``#!html``,
  ``#!syntax``), where ``{{{\\}}}`` shows a backslash;
* brackets pair by depth too, never across a brace group's boundary and never inside a raw group.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from itertools import compress
from operator import and_

from .css_cache import color_pair

_BRACE_TOKENS = re.compile(r"\\|\{\{\{|\}\}\}")
# an escape is one token with the character it escapes, so the scan resumes right after it
_ALL_TOKENS = re.compile(r"\\[\s\S]|\\|\{\{\{|\}\}\}|\[\[|\]\]|\[|\]")
_SIZE = re.compile(r"[+-][1-5][ \n]")
_COLOR = re.compile(r"#([#,0-9A-Za-z]{1,40})[ \n]")
_DIRECTIVE = re.compile(r"#!([A-Za-z]+)")

MARKUP_DIRECTIVES = frozenset({"wiki", "folding", "if"})


def group_kind(text: str, i: int) -> str:
    """What the group opened by ``{{{`` at ``i`` holds: 'markup' or 'raw'."""
    j = i + 3
    c = text[j:j + 1]
    if c == "#":
        m = _DIRECTIVE.match(text, j)
        if m:
            return "markup" if m.group(1).lower() in MARKUP_DIRECTIVES else "raw"
        m = _COLOR.match(text, j)
        if m and color_pair("#" + m.group(1)) is not None:
            return "markup"
        return "raw"
    if c in "+-" and _SIZE.match(text, j):
        return "markup"
    return "raw"


class PairMap:
    """Opener position -> closer position, read like a dict (``get``, ``[]``, ``in``).

    Every opener of one kind in text order, with its closer (-1: never closed), in two arrays
    of machine integers: a dict of Python ints cost ~100 bytes a pair, which made a page of
    nested ``[*`` or ``{{{+1`` cost 25 times its size while it was parsed (issue 11). A lookup
    bisects (O(log n)) instead of hashing. ``only`` (one flag an opener) narrows the map.
    """

    __slots__ = ("at", "closer", "only")

    def __init__(self, code: str, only: bytearray | None = None):
        self.at = array(code)  # ascending
        self.closer = array(code)
        self.only = only

    def narrowed(self, only: bytearray) -> PairMap:
        """The same pairs, only those whose opener is flagged in ``only``."""
        m = PairMap(self.at.typecode, only)
        m.at, m.closer = self.at, self.closer
        return m

    def get(self, opener: int, default=None):
        at = self.at
        k = bisect_left(at, opener)
        if k < len(at) and at[k] == opener:
            c = self.closer[k]
            if c != _UNCLOSED and (self.only is None or self.only[k]):
                return c
        return default

    def __getitem__(self, opener: int) -> int:
        v = self.get(opener)
        if v is None:
            raise KeyError(opener)
        return v

    def __contains__(self, opener: int) -> bool:
        return self.get(opener) is not None

    def _closed(self):
        closed = map(_UNCLOSED.__ne__, self.closer)
        return closed if self.only is None else map(and_, closed, self.only)

    def openers(self) -> array:
        """The openers that were closed, ascending."""
        return array(self.at.typecode, compress(self.at, self._closed()))

    def items(self):
        return compress(zip(self.at, self.closer), self._closed())

    def __len__(self) -> int:
        return sum(self._closed())

    def __eq__(self, other) -> bool:
        if isinstance(other, PairMap):
            other = dict(other.items())
        return isinstance(other, dict) and dict(self.items()) == other


_UNCLOSED = -1


class Pairs:
    __slots__ = ("text", "brace", "closers", "bracket", "link", "openers", "raw")

    def __init__(self, text: str):
        self.text = text
        # positions as machine integers: 4 bytes each unless the text is over 2 GB
        code = "i" if len(text) < 2 ** 31 - 8 else "q"
        self.brace = PairMap(code)
        self.closers = array(code)  # positions of matched "}}}", ascending
        self.bracket = PairMap(code)
        self.link = PairMap(code)  # "[[" position -> its "]]" position
        self.raw = self.brace.narrowed(bytearray())  # groups that are raw (opener -> closer)
        if "{{{" in text:
            self._pair_braces(text)
        self.openers = self.brace.openers()
        if "[" in text:
            self._pair_brackets(text)

    def _pair_braces(self, text: str) -> None:
        # index in ``found`` * 2 + 1 when raw: one int an opener (an unclosed page holds many)
        stack: list[int] = []
        found = self.brace
        raw_flags = self.raw.only
        skip_at = -1
        closers = self.closers
        for m in _BRACE_TOKENS.finditer(text):
            i = m.start()
            if i == skip_at:
                continue
            tok = m.group()
            in_raw = bool(stack) and stack[-1] & 1
            if tok == "\\":
                if not in_raw:
                    skip_at = i + 1
                continue
            if tok == "{{{":
                raw = in_raw or group_kind(text, i) == "raw"
                stack.append(len(found.at) << 1 | raw)
                found.at.append(i)
                found.closer.append(-1)
                raw_flags.append(raw)
            elif stack:
                found.closer[stack.pop() >> 1] = i
                closers.append(i)  # closers come in text order

    def is_closer(self, position: int) -> bool:
        closers = self.closers
        k = bisect_left(closers, position)
        return k < len(closers) and closers[k] == position

    def _pair_brackets(self, text: str) -> None:
        """Single ``[``/``]`` pairs (footnotes, macros) and ``[[``/``]]`` pairs (links)."""
        brace, raw = self.brace, self.raw
        # stacks of indices into ``singles`` / ``doubles``
        stack: list[int] = []
        links: list[int] = []
        marks: list[tuple[int, int]] = []
        singles, doubles = self.bracket, self.link
        single_at, single_closer = singles.at, singles.closer
        add_at, add_closer = single_at.append, single_closer.append
        skip = 0  # tokens before this position are escaped or inside a raw group
        for m in _ALL_TOKENS.finditer(text):
            i = m.start()
            if i < skip:
                continue
            tok = m.group()
            # the commonest tokens first: single brackets of macros and footnotes
            if tok == "[":
                stack.append(len(single_at))
                add_at(i)
                add_closer(-1)
                continue
            if tok == "]":
                if stack and (not marks or len(stack) > marks[-1][0]):
                    single_closer[stack.pop()] = i
                continue
            c = tok[0]
            if c == "[":
                links.append(len(doubles.at))
                doubles.at.append(i)
                doubles.closer.append(-1)
            elif c == "]":
                if tok == "]]" and links and (not marks or len(links) > marks[-1][1]):
                    doubles.closer[links.pop()] = i
                    continue
                # "]" — or "]]" closing no link: two single brackets
                for k in range(i, i + len(tok)):
                    if stack and (not marks or len(stack) > marks[-1][0]):
                        single_closer[stack.pop()] = k
            elif c == "\\":
                continue  # the escaped character is text
            elif tok == "{{{":
                close = brace.get(i)
                if close is not None:
                    if i in raw:
                        skip = close + 3
                    else:
                        marks.append((len(stack), len(links)))
            else:  # }}}
                if marks and self.is_closer(i):
                    a, b = marks.pop()
                    del stack[a:]
                    del links[b:]

    def openers_between(self, a: int, b: int) -> list[int]:
        ops = self.openers
        lo = bisect_left(ops, a)
        hi = bisect_left(ops, b, lo)
        return ops[lo:hi]

    def first_opener_from(self, a: int) -> int:
        """Index into ``openers`` of the first matched opener at or after ``a``."""
        return bisect_left(self.openers, a)
