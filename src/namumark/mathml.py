"""``[math(…)]`` → MathML on the server (no script, no CDN), via the latex2mathml package.

latex2mathml builds an ElementTree but its own serializer writes ``\\text{…}`` content
unescaped, so we serialize the tree ourselves: only MathML elements and presentation attributes
with plain values survive, text is decoded once (latex2mathml stores symbols as ``&#x…;``
strings) and escaped again. Anything that fails, or is too big, becomes an escaped
``<code class="wiki-math-error">`` holding the source.
"""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from .css import parse_color

MAX_TEX_LENGTH = 4000
MAX_ELEMENTS = 5000
MAX_DEPTH = 100
MATHML_NS = "http://www.w3.org/1998/Math/MathML"

ALLOWED_ELEMENTS = frozenset(
    """
    math semantics annotation mrow mi mn mo ms mtext mspace mstyle mfrac msqrt mroot msub msup
    msubsup munder mover munderover mmultiscripts mprescripts none mtable mtr mtd mlabeledtr
    menclose mpadded mphantom merror maligngroup malignmark
    """.split()
)

ALLOWED_ATTRIBUTES = frozenset(
    """
    display mathvariant mathsize mathcolor mathbackground displaystyle scriptlevel
    fence stretchy separator largeop movablelimits accent accentunder symmetric form
    lspace rspace minsize maxsize width height depth voffset linethickness notation
    rowspacing columnspacing columnalign rowalign columnlines rowlines frame framespacing
    equalrows equalcolumns columnspan rowspan linebreak
    """.split()
)
_COLOR_ATTRIBUTES = frozenset({"mathcolor", "mathbackground"})
_VALUE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .%-#")


class _TooBig(Exception):
    pass


def _error(tex: str) -> str:
    return f'<code class="wiki-math-error">{html.escape(tex, quote=True)}</code>'


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return name if ns == MATHML_NS else ""
    return tag


def _clean_attribute(name: str, value: str) -> str | None:
    if name not in ALLOWED_ATTRIBUTES or not isinstance(value, str) or len(value) > 64:
        return None
    if name in _COLOR_ATTRIBUTES:
        return parse_color(value) or parse_color("#" + value.lstrip("#"))
    if not all(c in _VALUE_CHARS for c in value):
        return None
    return value


def _text(s: str | None) -> str:
    if not s:
        return ""
    return html.escape(html.unescape(s), quote=False)


def _serialize(el: ET.Element, out: list[str], depth: int, counter: list[int]) -> None:
    counter[0] += 1
    if counter[0] > MAX_ELEMENTS or depth > MAX_DEPTH:
        raise _TooBig
    name = _local(el.tag)
    keep = name in ALLOWED_ELEMENTS
    if keep:
        attrs = []
        if name == "math":
            attrs.append(f' xmlns="{MATHML_NS}"')
        for key, value in el.attrib.items():
            key = _local(key)
            if key == "xmlns" or not key:
                continue
            clean = _clean_attribute(key, value)
            if clean is not None:
                attrs.append(f' {key}="{html.escape(clean, quote=True)}"')
        out.append(f"<{name}{''.join(attrs)}>")
    out.append(_text(el.text))
    for child in el:
        _serialize(child, out, depth + 1, counter)
        out.append(_text(child.tail))
    if keep:
        out.append(f"</{name}>")


def tex_to_mathml(tex: str, *, display: bool = False) -> str:
    """TeX source → safe MathML markup, or an escaped error ``<code>``. Never raises."""
    if not isinstance(tex, str):
        return _error("")
    source = tex.strip()
    if not source or len(source) > MAX_TEX_LENGTH:
        return _error(tex[:MAX_TEX_LENGTH])
    try:
        from latex2mathml.converter import convert_to_element

        root = convert_to_element(source, display="block" if display else "inline")
        out: list[str] = []
        _serialize(root, out, 0, [0])
    except Exception:  # latex2mathml raises many kinds of errors on bad TeX
        return _error(source)
    result = "".join(out)
    if not result.startswith("<math"):
        return _error(source)
    return result
