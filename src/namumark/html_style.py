"""Inline styles the renderer builds itself, from colours and sizes the parser validated."""
from __future__ import annotations

from . import escape as esc


def color_decl(prop: str, pair, style: list, dark: list) -> None:
    if not pair:
        return
    light, d = pair
    style.append("%s: %s" % (prop, light))
    if d:
        dark.append("%s: %s" % (prop, d))


def style_attr(style: list, dark: list) -> str:
    s = ""
    if style:
        s += ' style="%s"' % esc.attr("; ".join(style) + ";")
    if dark:
        s += ' data-dark-style="%s"' % esc.attr("; ".join(dark) + ";")
    return s
