"""``[[파일:x|width=..&align=..]]`` options: every value validated, unknown keys dropped."""
from __future__ import annotations

import re

from .css_cache import color_pair

_LENGTH = re.compile(r"(\d{1,5}(?:\.\d{1,4})?)(px|%)?\Z")
_ALIGN = {"left": "left", "center": "center", "middle": "center", "right": "right",
          "top": "top", "bottom": "bottom"}
_THEME = frozenset({"light", "dark"})
_OBJECT_FIT = frozenset({"fill", "contain", "cover", "none", "scale-down"})
_RENDERING = frozenset({"pixelated", "crisp-edges", "auto"})


def parse_length(value: str) -> str | None:
    """``100`` → ``100px``; ``21.6px`` → ``21.6px``; ``50%`` → ``50%``; anything else → None."""
    m = _LENGTH.match(value.strip())
    if not m:
        return None
    unit = m.group(2) or "px"
    return m.group(1) + unit


def parse_file_options(raw: str) -> dict:
    opts: dict = {}
    if not raw:
        return opts
    for part in raw.split("&"):
        k, sep, v = part.partition("=")
        if not sep:
            continue
        k = k.strip().lower()
        v = v.strip()
        if k in ("width", "height", "border-radius"):
            length = parse_length(v)
            if length:
                opts[k] = length
        elif k == "align":
            a = _ALIGN.get(v.lower())
            if a:
                opts["align"] = a
        elif k == "bgcolor":
            pair = color_pair(v, allow_transparent=True)
            if pair:
                opts["bgcolor"] = pair
        elif k == "theme":
            if v.lower() in _THEME:
                opts["theme"] = v.lower()
        elif k == "rendering":
            if v.lower() in _RENDERING:
                opts["rendering"] = v.lower()
        elif k == "object-fit":
            if v.lower() in _OBJECT_FIT:
                opts["object-fit"] = v.lower()
    return opts
