"""Class names an author gives to tables, rows, cells and #!wiki boxes (<tableclass=…>,
<rowclass=…>, <class=…>, {{{#!wiki class=…}}}).

They are the hooks of an article's own {{{#!style}}} rules and onclick toggles. To keep them from
ever matching the site's or the renderer's own classes, every name is checked (letters — Hangul
too —, digits, ``-`` and ``_``, starting with a letter) and written with the ``wiki-uc-`` prefix; the
style sheet and the toggles are rewritten the same way, so authors never see the prefix.
"""
from __future__ import annotations

import re

PREFIX = "wiki-uc-"
MAX_CLASSES = 8
_NAME = re.compile(r"[^\W\d_][\w-]{0,39}\Z")


def user_classes(value: str) -> tuple[str, ...]:
    """The valid names of a space-separated list (invalid ones are dropped), at most 8."""
    names: list[str] = []
    for word in value.split():
        if _NAME.match(word) and word not in names:
            names.append(word)
            if len(names) == MAX_CLASSES:
                break
    return tuple(names)


def is_user_class(name: str) -> bool:
    return _NAME.match(name) is not None


def html_classes(names) -> str:
    """``("a", "b")`` → ``"wiki-uc-a wiki-uc-b"`` (names already checked)."""
    return " ".join(PREFIX + n for n in names)
