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
from bisect import bisect_left

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


class Pairs:
    __slots__ = ("text", "brace", "closers", "bracket", "link", "openers", "raw")

    def __init__(self, text: str):
        self.text = text
        self.brace: dict[int, int] = {}
        self.closers: set[int] = set()
        self.bracket: dict[int, int] = {}
        self.link: dict[int, int] = {}  # "[[" position -> its "]]" position
        self.raw: set[int] = set()  # matched openers whose group is raw
        if "{{{" in text:
            self._pair_braces(text)
        self.openers = sorted(self.brace)
        if "[" in text:
            self._pair_brackets(text)

    def _pair_braces(self, text: str) -> None:
        stack: list[tuple[int, bool]] = []  # (opener, raw)
        skip_at = -1
        brace = self.brace
        for m in _BRACE_TOKENS.finditer(text):
            i = m.start()
            if i == skip_at:
                continue
            tok = m.group()
            in_raw = bool(stack) and stack[-1][1]
            if tok == "\\":
                if not in_raw:
                    skip_at = i + 1
                continue
            if tok == "{{{":
                if in_raw:
                    stack.append((i, True))
                else:
                    stack.append((i, group_kind(text, i) == "raw"))
            elif stack:
                o, raw = stack.pop()
                brace[o] = i
                if raw:
                    self.raw.add(o)
        self.closers = set(brace.values())

    def _pair_brackets(self, text: str) -> None:
        """Single ``[``/``]`` pairs (footnotes, macros) and ``[[``/``]]`` pairs (links)."""
        brace, raw, closers = self.brace, self.raw, self.closers
        stack: list[int] = []
        links: list[int] = []
        marks: list[tuple[int, int]] = []
        bracket, link = self.bracket, self.link
        skip = 0  # tokens before this position are escaped or inside a raw group
        for m in _ALL_TOKENS.finditer(text):
            i = m.start()
            if i < skip:
                continue
            tok = m.group()
            # the commonest tokens first: single brackets of macros and footnotes
            if tok == "[":
                stack.append(i)
                continue
            if tok == "]":
                if stack and (not marks or len(stack) > marks[-1][0]):
                    bracket[stack.pop()] = i
                continue
            c = tok[0]
            if c == "[":
                links.append(i)
            elif c == "]":
                if tok == "]]" and links and (not marks or len(links) > marks[-1][1]):
                    link[links.pop()] = i
                    continue
                # "]" — or "]]" closing no link: two single brackets
                for k in range(i, i + len(tok)):
                    if stack and (not marks or len(stack) > marks[-1][0]):
                        bracket[stack.pop()] = k
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
                if i in closers and marks:
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
