"""{{{#!style …}}}: an article's own style rules, scoped to the article and to its own classes.

Only rules whose every selector is built from the author's classes (``.이름``, written
``.wiki-uc-이름`` in the page, see userclass.py) survive, combined by descendant spaces or ``>``,
with a few harmless pseudo-classes; every declaration goes through the style allowlist (css.py).
The renderer writes the kept rules as JSON in a ``data-wiki-css`` attribute; our script
(static/namumark.js) prefixes each selector with the article it sits in before adding it to the
page, so a rule can reach neither the site's markup nor another article. No rule text is ever
written into the page as CSS source.
"""
from __future__ import annotations

import json
import re

from . import css
from .userclass import PREFIX, is_user_class

MAX_SHEET_LENGTH = 20_000
MAX_RULES = 100
MAX_SELECTORS = 10
_PSEUDO = (":hover", ":first-child", ":last-child")
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_COMPOUND = re.compile(r"((?:\.[^\s.>:{}]+)+)((?::[a-z-]+)*)\Z")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _selector(raw: str) -> str | None:
    """``.a > .b:hover`` → ``.wiki-uc-a > .wiki-uc-b:hover``; None when anything else is used."""
    parts = raw.replace(">", " > ").split()
    if not parts or parts[0] == ">" or parts[-1] == ">":
        return None
    out: list[str] = []
    for part in parts:
        if part == ">":
            if out[-1] == ">":
                return None
            out.append(">")
            continue
        m = _COMPOUND.match(part)
        if m is None:
            return None
        names = m.group(1).split(".")[1:]
        if not all(is_user_class(n) for n in names):
            return None
        pseudo = re.findall(r":[a-z-]+", m.group(2))
        if any(p not in _PSEUDO for p in pseudo):
            return None
        out.append("".join("." + PREFIX + n for n in names) + "".join(pseudo))
    return " ".join(out)


def parse_sheet(source: str) -> list[tuple[str, str]]:
    """The rules of a style block that pass: [(selector list, sanitised declarations)]."""
    if len(source) > MAX_SHEET_LENGTH:
        return []
    text = _COMMENT.sub(" ", source)
    if "\\" in text or "<" in text or "@" in text:
        return []  # escapes, markup and at-rules have no place in an article's style
    rules: list[tuple[str, str]] = []
    for m in _RULE.finditer(text):
        selectors = [_selector(s) for s in m.group(1).split(",")[:MAX_SELECTORS + 1]]
        if not selectors or len(selectors) > MAX_SELECTORS or any(s is None for s in selectors):
            continue
        decls = css.sanitize_style(m.group(2))
        if not decls or any(c in decls for c in "{}<>\\@"):
            continue
        rules.append((", ".join(selectors), decls))
        if len(rules) == MAX_RULES:
            break
    return rules


def sheet_attr(rules: list[tuple[str, str]]) -> str:
    """The JSON the script reads (escaped by the caller as an attribute value)."""
    return json.dumps([list(r) for r in rules], ensure_ascii=False, separators=(",", ":"))
