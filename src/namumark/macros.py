"""The macro table: which ``[name(args)]`` are macros, and how their arguments split.

Rendering of each macro lives with the renderers (html.py / text.py); this file holds the
shared grammar so both read arguments the same way.
"""
from __future__ import annotations

import re

# Names are matched case-insensitively (help: "매크로는 라틴 문자 소문자와 대문자를 가리지 않습니다").
TOC = frozenset({"목차", "tableofcontents"})
FOOTNOTES = frozenset({"각주", "footnote"})
VIDEO = frozenset({"youtube", "kakaotv", "nicovideo", "vimeo", "navertv"})
KNOWN = frozenset({
    "br", "clearfix", "date", "datetime", "age", "dday", "pagecount", "anchor", "ruby", "math",
    "include",
}) | TOC | FOOTNOTES | VIDEO

NO_ARGUMENTS = frozenset({"br", "clearfix", "date", "datetime"})
NEEDS_ARGUMENTS = frozenset({"age", "dday", "anchor", "ruby", "math", "include"}) | VIDEO


def arguments_fit(name: str, args: str | None) -> bool:
    """Is ``[name(args)]`` a call of the macro at all? If not it stays source text."""
    if name in NO_ARGUMENTS:
        return args is None
    if name in NEEDS_ARGUMENTS:
        if args is None or not args.strip():
            return False
        if name == "ruby":
            pos, kw = positional_and_keywords(args)
            return bool(pos) and "ruby" in kw
    return True


_PARAM = re.compile(r"@([^@=\s]{1,64})(?:=([^@\n]{0,4096}))?@")


def split_args(args: str) -> list[str]:
    """Split on commas; ``\\,`` is a literal comma."""
    out: list[str] = []
    cur: list[str] = []
    i, n = 0, len(args)
    while i < n:
        c = args[i]
        if c == "\\" and i + 1 < n and args[i + 1] == ",":
            cur.append(",")
            i += 2
            continue
        if c == ",":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def positional_and_keywords(args: str | None) -> tuple[list[str], dict[str, str]]:
    """``a, b, k=v`` → (["a", "b"], {"k": "v"}) with whitespace trimmed."""
    if args is None:
        return [], {}
    pos: list[str] = []
    kw: dict[str, str] = {}
    for part in split_args(args):
        if "=" in part:
            k, _, v = part.partition("=")
            k = k.strip()
            if k:
                kw[k] = v.strip()
                continue
        pos.append(part.strip())
    return pos, kw


def parse_include_args(args: str) -> tuple[str, dict[str, str]]:
    """``틀:x, k=v, …`` → ("틀:x", {"k": "v"}). The title is the first argument."""
    parts = split_args(args)
    title = parts[0].strip()
    kw: dict[str, str] = {}
    for part in parts[1:]:
        k, sep, v = part.partition("=")
        k = k.strip()
        if sep and k:
            kw[k] = v.strip()
    return title, kw


def substitute_params(source: str, params: dict[str, str], keep: frozenset | set = frozenset(),
                      allowance: int | None = None) -> str | None:
    """``@k@`` → params[k] (or ""), ``@k=default@`` → params[k] or default. One linear pass.

    Names in ``keep`` without a value stay as written: ``#!if`` assigns them later. With an
    ``allowance``, the result is counted while it is built and None comes back as soon as it
    would be longer (the caller shows the construct's source instead).
    """
    if "@" not in source:
        return source if allowance is None or len(source) <= allowance else None
    pieces: list[str] = []
    size = 0
    last = 0
    for m in _PARAM.finditer(source):
        name = m.group(1)
        if name in params:
            value = params[name]
        elif name in keep:
            value = m.group(0)
        else:
            value = m.group(2) if m.group(2) is not None else ""
        size += (m.start() - last) + len(value)
        if allowance is not None and size > allowance:
            return None
        pieces.append(source[last:m.start()])
        pieces.append(value)
        last = m.end()
    size += len(source) - last
    if allowance is not None and size > allowance:
        return None
    pieces.append(source[last:])
    return "".join(pieces)


_IF_HEAD = re.compile(r"\{\{\{#!if([^\n]{0,4096})")
_ASSIGNED = re.compile(r"(?<![!<>=])([^\W\d][\w]*)\s*=(?!=)")


def assigned_names(source: str) -> set[str]:
    """Variables that ``{{{#!if name = …}}}`` heads of ``source`` assign."""
    names: set[str] = set()
    if "#!if" not in source:
        return names
    for m in _IF_HEAD.finditer(source):
        names.update(a.group(1) for a in _ASSIGNED.finditer(m.group(1)))
    return names
