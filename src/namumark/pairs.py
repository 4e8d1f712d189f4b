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
_BRACKET_TOKENS = re.compile(r"\[\[|\]\]|\[|\]")
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
    """Opener position -> closer position, read like a dict (``get``, ``[]``, ``in``), for
    pages dense with pairs (:class:`Pairs` keeps a few in plain dicts).

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
        if self.only is None:
            return len(self.closer) - self.closer.count(_UNCLOSED)
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
        # a page with few pairs (every real article: one in 35-95 characters) reads them from
        # dicts, which hash faster than the arrays bisect (all 21 corpus articles read from
        # arrays: 1-4% slower); at most one pair per 32 characters (~3 bytes of dict a
        # character, under 2x a UTF-8 source; a short page any 64) is held that way
        room = len(text) // 32 + 64
        self.brace = self.raw = self.bracket = self.link = {}  # "[[" position -> its "]]" position
        self.closers = set()  # positions of matched "}}}" (ascending array when many)
        self.openers = []
        # positions as machine integers: 4 bytes each unless the text is over 2 GB
        code = "i" if len(text) < 2 ** 31 - 8 else "q"
        if "{{{" in text:
            self.brace = PairMap(code)
            self.raw = self.brace.narrowed(bytearray())  # groups that are raw (opener -> closer)
            self.closers = array(code)
            self._pair_braces(text)
            self.openers = self.brace.openers()
            # a brace pair held in plain form is in three containers (~175 bytes): it counts twice
            n = 2 * len(self.brace)
            if n <= room:
                room -= n
                self.brace, self.raw = dict(self.brace.items()), dict(self.raw.items())
                self.closers = set(self.brace.values())
                # a list indexes faster than an array; the dict's keys (ascending) are its
                # entries, not new ints (8 bytes a pair instead of 36)
                self.openers = list(self.brace)
        if "[" in text:
            self.bracket, self.link = PairMap(code), PairMap(code)
            self._pair_brackets(text)
            del self.bracket.closer[len(self.bracket.at):]  # the places no opener took
            for kind in ("bracket", "link"):
                pairs = getattr(self, kind)
                n = len(pairs)
                if n <= room:
                    room -= n
                    setattr(self, kind, dict(pairs.items()))

    def _pair_braces(self, text: str) -> None:
        # index in ``found`` * 2 + 1 when raw: one int an opener (an unclosed page holds many)
        stack: list[int] = []
        found = self.brace
        add_at, add_closer, add_flag = found.at.append, found.closer.append, self.raw.only.append
        found_closer = found.closer
        n = 0
        skip_at = -1
        add_closing = self.closers.append
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
                stack.append(n << 1 | raw)
                n += 1
                add_at(i)
                add_closer(-1)
                add_flag(raw)
            elif stack:
                found_closer[stack.pop() >> 1] = i
                add_closing(i)  # closers come in text order

    def is_closer(self, position: int) -> bool:
        closers = self.closers
        if type(closers) is set:
            return position in closers
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
        # every "[" is at most one single opener: the closers are laid out at once
        singles.closer = single_closer = array(singles.at.typecode, [_UNCLOSED]) * text.count("[")
        add_at = singles.at.append
        n_single = 0
        add_link, add_link_closer, link_closer = doubles.at.append, doubles.closer.append, doubles.closer
        n_double = 0
        if "\\" not in text and not len(brace):
            # no escape and no group: nothing to skip or fence off (most pages)
            self._pair_plain_brackets(text, stack, links)
            return
        is_closer = self.closers.__contains__ if type(self.closers) is set else self.is_closer
        skip = 0  # tokens before this position are escaped or inside a raw group
        for m in _ALL_TOKENS.finditer(text):
            i = m.start()
            if i < skip:
                continue
            tok = m.group()
            # the commonest tokens first: single brackets of macros and footnotes
            if tok == "[":
                stack.append(n_single)
                add_at(i)
                n_single += 1
                continue
            if tok == "]":
                if stack and (not marks or len(stack) > marks[-1][0]):
                    single_closer[stack.pop()] = i
                continue
            c = tok[0]
            if c == "[":
                links.append(n_double)
                n_double += 1
                add_link(i)
                add_link_closer(-1)
            elif c == "]":
                if tok == "]]" and links and (not marks or len(links) > marks[-1][1]):
                    link_closer[links.pop()] = i
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
                if marks and is_closer(i):
                    a, b = marks.pop()
                    del stack[a:]
                    del links[b:]

    def _pair_plain_brackets(self, text: str, stack: list, links: list) -> None:
        """``_pair_brackets`` for a text with no backslash and no brace group: the same
        pairing, without the checks that only escapes and groups need."""
        singles, doubles = self.bracket, self.link
        single_closer = singles.closer
        add_at = singles.at.append
        add_link, add_link_closer, link_closer = doubles.at.append, doubles.closer.append, doubles.closer
        n_single = n_double = 0
        for m in _BRACKET_TOKENS.finditer(text):
            tok = m.group()
            if tok == "[":
                stack.append(n_single)
                add_at(m.start())
                n_single += 1
            elif tok == "]":
                if stack:
                    single_closer[stack.pop()] = m.start()
            elif tok == "[[":
                links.append(n_double)
                n_double += 1
                add_link(m.start())
                add_link_closer(-1)
            elif links:
                link_closer[links.pop()] = m.start()
            else:  # "]]" closing no link: two single brackets
                i = m.start()
                if stack:
                    single_closer[stack.pop()] = i
                if stack:
                    single_closer[stack.pop()] = i + 1

    def openers_between(self, a: int, b: int) -> list[int]:
        ops = self.openers
        lo = bisect_left(ops, a)
        hi = bisect_left(ops, b, lo)
        return ops[lo:hi]

    def first_opener_from(self, a: int) -> int:
        """Index into ``openers`` of the first matched opener at or after ``a``."""
        return bisect_left(self.openers, a)
