"""Memoised colour parsing: the same few colours repeat thousands of times in big tables."""
from __future__ import annotations

from . import css

_PAIRS: dict = {}
_LIMIT = 4096


def color_pair(s: str, allow_transparent: bool = False):
    key = (s, allow_transparent)
    try:
        return _PAIRS[key]
    except KeyError:
        pass
    value = css.parse_color_pair(s, allow_transparent=allow_transparent)
    if len(_PAIRS) < _LIMIT:
        _PAIRS[key] = value
    return value
