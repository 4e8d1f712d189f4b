"""Username rules against names that look like someone else's.

- No invisible character (the title rules: seedwiki/invisible.py), e.g. a Hangul filler U+3164.
- Compatibility forms are refused: the name must be its own NFKC form, so full-width ``ａｄｍｉｎ``
  or ligatures cannot pose as ``admin``.
- Letters come from one alphabet: Latin, Cyrillic and Greek share look-alike letters (Cyrillic
  ``а``, Greek ``ο``), so a name may use at most one alphabet, plus any Korean, Chinese and
  Japanese characters (Hangul, Han, kana), which do not look like them.
"""
from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _

from seedwiki.invisible import describe, first_invisible

EAST_ASIAN = ("HANGUL", "CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "IDEOGRAPHIC")


def _alphabet(ch: str) -> str | None:
    """The alphabet of a letter (first word of its Unicode name), None for East Asian and non-letters."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    script = name.split(" ", 1)[0]
    return None if script in EAST_ASIAN else script


def username_problem(name: str) -> str | None:
    """Why ``name`` cannot be a username (Korean, for the form), or None."""
    invisible = first_invisible(name)
    if invisible is not None:
        return _("사용자 이름에 보이지 않는 문자(%(code)s)를 쓸 수 없습니다.") % {"code": describe(invisible)}
    if unicodedata.normalize("NFKC", name) != name:
        return _("사용자 이름에 전각 문자나 호환 문자를 쓸 수 없습니다.")
    alphabets = {alphabet for alphabet in map(_alphabet, name) if alphabet}
    if len(alphabets) > 1:
        return _("사용자 이름에 서로 다른 문자 체계(%(scripts)s)의 글자를 섞어 쓸 수 없습니다.") % {
            "scripts": ", ".join(sorted(alphabets))}
    return None
