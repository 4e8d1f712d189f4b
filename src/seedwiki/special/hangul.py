"""Group headings for sorted title lists: Hangul by initial consonant (ㄱ ㄴ ㄷ …), Latin by letter.

Tense consonants are listed under their plain consonant (ㄲ under ㄱ, ㄸ under ㄷ, …) so a category
shows the fourteen basic headings a Korean reader expects.
"""
from __future__ import annotations

SYLLABLE_FIRST, SYLLABLE_LAST = 0xAC00, 0xD7A3
SYLLABLES_PER_INITIAL = 21 * 28  # medial vowels × finals
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
PLAIN = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
# A lone compatibility jamo at the start of a title ("ㅋㅋ") belongs to its consonant too.
COMPAT_JAMO_FIRST, COMPAT_JAMO_LAST = 0x3131, 0x314E
DIGITS_HEADING = "0~9"
OTHER_HEADING = "기타"


def initial_consonant(ch: str) -> str | None:
    code = ord(ch)
    if SYLLABLE_FIRST <= code <= SYLLABLE_LAST:
        initial = INITIALS[(code - SYLLABLE_FIRST) // SYLLABLES_PER_INITIAL]
        return PLAIN.get(initial, initial)
    if COMPAT_JAMO_FIRST <= code <= COMPAT_JAMO_LAST and ch in INITIALS:
        return PLAIN.get(ch, ch)
    return None


def heading_of(text: str) -> str:
    """The group heading a title (or sort key) is listed under."""
    text = text.strip()
    if not text:
        return OTHER_HEADING
    first = text[0]
    consonant = initial_consonant(first)
    if consonant:
        return consonant
    if first.isascii() and first.isalpha():
        return first.upper()
    if first.isdigit():
        return DIGITS_HEADING
    return OTHER_HEADING


def group_by_heading(items, key) -> list[tuple[str, list]]:
    """[(heading, [items…]), …] keeping the items' order; headings in first-seen order."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(heading_of(key(item)), []).append(item)
    return list(groups.items())
