"""Characters a title or a username may not contain because a reader cannot see them.

Two names that look the same must not name two pages or two people. Refused:
- control, surrogate, private-use and unassigned code points (Cc, Cs, Co, Cn);
- format characters (Cf: U+200B–U+200F zero-width spaces and marks, U+2060–U+2064, U+FEFF,
  U+00AD soft hyphen, U+180E, bidi controls …), except a zero-width joiner (U+200D) between two
  symbols, which joins emoji (👩‍💻);
- blank letters: the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the Khmer vowels U+17B4/U+17B5,
  the braille blank U+2800, the combining grapheme joiner U+034F, the Hangul filler-like U+115F;
- variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) except right after a symbol (❤️);
- a combining mark with nothing to combine with (first, or after a space).
Whitespace other than the space (U+3000, no-break space …) is not refused here: titles.normalize
turns it into a plain space.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u17b4\u17b5\u2800\u034f")
ZERO_WIDTH_JOINER = "\u200d"


def _variation_selector(ch: str) -> bool:
    return "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef"


def _symbol(ch: str) -> bool:
    return unicodedata.category(ch) in ("So", "Sk")


@lru_cache(maxsize=8192)  # every save checks each linked title again; most recur
def first_invisible(text: str) -> str | None:
    """The first character of ``text`` a reader could not see (see the module's rules), or None."""
    if text.replace(" ", "").isalnum() and BLANK_LETTERS.isdisjoint(text):
        return None  # letters, digits and spaces only (most titles): what the loop finds at once
    previous = ""
    for index, ch in enumerate(text):
        if ch in BLANK_LETTERS:
            return ch
        if ch.isalnum() or ch == " ":  # letters and digits (never Cf, Mn or unassigned): the common case
            previous = ch
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Co", "Cn"):
            return ch
        if _variation_selector(ch):
            if not _symbol(previous):
                return ch
        elif ch == ZERO_WIDTH_JOINER:
            following = text[index + 1:index + 2]
            if not (_symbol(previous) or _variation_selector(previous)) or not following or not _symbol(following):
                return ch
        elif category == "Cf":
            return ch
        elif category in ("Mn", "Me") and (not previous or previous.isspace()):
            return ch
        previous = ch
    return None


def describe(ch: str) -> str:
    """``U+3164`` — how a refusal names the character (it cannot be shown)."""
    return f"U+{ord(ch):04X}"
