"""Colours, the inline-style allowlist and the text size classes.

Everything a wiki author can put into a ``style`` attribute passes through :func:`sanitize_style`.
It is an allowlist twice over: the property must be known, and its value must be built only from
harmless CSS tokens (keywords, numbers with units, hex colours, a few colour/gradient/calc
functions, single-quoted font names). Anything else — ``url(``, ``expression(``, ``javascript:``,
``@import``, backslash escapes, comments, quotes that could end the attribute — drops the whole
declaration. The parser walks the string once by hand, so hostile input cannot make it backtrack.

Facts: colour forms and the light,dark pair come from namu.wiki's syntax help (2022/2023:
"헥스 코드와 CSS 색상명 모두 대소문자 구별없이", "#transparent, #RRGGBBAA 색상은 지원하지 않습니다",
"쉼표 뒤에 공백을 넣을 경우 정상 출력이 되지 않습니다"); the size class names
(``wiki-size-up-N`` / ``wiki-size-down-N``) come from the seed's rendered HTML as captured in
the opensinabro golden files.
"""
from __future__ import annotations

COLOR_NAMES: frozenset[str] = frozenset(
    """
    aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
    blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk
    crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki
    darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
    darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue
    dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite
    gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki
    lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
    lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen
    magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen
    mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream
    mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
    palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
    powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown
    seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
    steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen
    """.split()
)

_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")

# The text size steps namu.wiki offers: -5 … +5 (help page: "-5와 +5 사이의 정수").
MAX_SIZE_STEP = 5


def _is_hex(s: str) -> bool:
    return bool(s) and all(c in _HEX_DIGITS for c in s)


def parse_color(s: str, *, allow_transparent: bool = False) -> str | None:
    """A namu.wiki colour → normalised CSS colour, or None.

    Accepts a CSS colour name (with or without ``#``, any case) and ``#rgb`` / ``#rrggbb``.
    Names come back lower-case, hex as lower-case ``#rrggbb``. ``transparent`` is only a colour
    where the caller says so (table attributes take it, ``{{{#transparent …}}}`` does not).
    """
    if not isinstance(s, str):
        return None
    s = s.strip()
    if not s or len(s) > 32:
        return None
    body = s[1:] if s.startswith("#") else s
    lowered = body.lower()
    if lowered in COLOR_NAMES:
        return lowered
    if lowered == "transparent":
        return "transparent" if allow_transparent else None
    if s.startswith("#") and _is_hex(body):
        if len(body) == 3:
            return "#" + "".join(c * 2 for c in lowered)
        if len(body) == 6:
            return "#" + lowered
    return None


def parse_color_pair(s: str, *, allow_transparent: bool = False) -> tuple[str, str | None] | None:
    """``"light"`` or ``"light,dark"`` → (light, dark or None), or None when either part is bad.

    No space is allowed after the comma (help page: the pair must be written together).
    """
    if not isinstance(s, str) or not s:
        return None
    if "," not in s:
        light = parse_color(s, allow_transparent=allow_transparent)
        return (light, None) if light else None
    light_s, _, dark_s = s.partition(",")
    if dark_s[:1].isspace() or light_s[-1:].isspace():
        return None
    light = parse_color(light_s, allow_transparent=allow_transparent)
    dark = parse_color(dark_s, allow_transparent=allow_transparent)
    if light is None or dark is None:
        return None
    return light, dark


def size_class(delta: int) -> str:
    """The class of a ``{{{+N …}}}`` / ``{{{-N …}}}`` span, e.g. ``wiki-size-up-2``.

    Steps outside ±5 are clamped (the parser decides whether ``+6`` is a size at all);
    0 has no class.
    """
    delta = max(-MAX_SIZE_STEP, min(MAX_SIZE_STEP, int(delta)))
    if delta > 0:
        return f"wiki-size-up-{delta}"
    if delta < 0:
        return f"wiki-size-down-{-delta}"
    return ""


# --- the style allowlist ---------------------------------------------------------------------

MAX_STYLE_LENGTH = 4096
MAX_DECLARATIONS = 64
_MAX_FUNCTION_DEPTH = 2

_DISPLAY = frozenset(
    "block contents flex flow-root grid inline inline-block inline-flex inline-grid inline-table "
    "list-item none table table-caption table-cell table-column table-column-group "
    "table-footer-group table-header-group table-row table-row-group".split()
)
_GLOBAL_KEYWORDS = frozenset({"inherit", "initial", "unset", "revert"})


def _keywords(*words: str) -> frozenset[str]:
    return frozenset(words) | _GLOBAL_KEYWORDS


# Properties whose value must be a single keyword from a fixed set.
_KEYWORD_PROPERTIES: dict[str, frozenset[str]] = {
    "display": _DISPLAY | _GLOBAL_KEYWORDS,
    "position": _keywords("static", "relative"),
    "float": _keywords("left", "right", "none", "inline-start", "inline-end"),
    "clear": _keywords("left", "right", "both", "none", "inline-start", "inline-end"),
    "overflow": _keywords("visible", "hidden", "scroll", "auto", "clip"),
    "overflow-x": _keywords("visible", "hidden", "scroll", "auto", "clip"),
    "overflow-y": _keywords("visible", "hidden", "scroll", "auto", "clip"),
    "visibility": _keywords("visible", "hidden", "collapse"),
    "text-align": _keywords("left", "right", "center", "justify", "start", "end"),
    "white-space": _keywords("normal", "nowrap", "pre", "pre-wrap", "pre-line", "break-spaces"),
    "word-break": _keywords("normal", "break-all", "keep-all", "break-word"),
    "word-wrap": _keywords("normal", "break-word", "anywhere"),
    "overflow-wrap": _keywords("normal", "break-word", "anywhere"),
    "text-transform": _keywords("none", "capitalize", "uppercase", "lowercase", "full-width"),
    "text-overflow": _keywords("clip", "ellipsis"),
    "font-style": _keywords("normal", "italic", "oblique"),
    "box-sizing": _keywords("content-box", "border-box"),
    "border-collapse": _keywords("collapse", "separate"),
    "table-layout": _keywords("auto", "fixed"),
    "direction": _keywords("ltr", "rtl"),
    "writing-mode": _keywords("horizontal-tb", "vertical-rl", "vertical-lr"),
    "flex-direction": _keywords("row", "row-reverse", "column", "column-reverse"),
    "flex-wrap": _keywords("nowrap", "wrap", "wrap-reverse"),
    "list-style-position": _keywords("inside", "outside"),
    "caption-side": _keywords("top", "bottom"),
    "empty-cells": _keywords("show", "hide"),
    # image options of [[파일:…]] (rendering=, object-fit=) arrive as these
    "image-rendering": _keywords("auto", "smooth", "high-quality", "crisp-edges", "pixelated"),
    "object-fit": _keywords("fill", "contain", "cover", "none", "scale-down"),
}

# Properties whose value may be any sequence of safe tokens.
_FREE_PROPERTIES = frozenset(
    """
    color background background-color background-image background-size background-position
    background-repeat background-clip background-origin opacity
    font font-size font-weight font-family font-variant letter-spacing word-spacing line-height
    text-decoration text-decoration-line text-decoration-color text-decoration-style
    text-decoration-thickness text-underline-offset text-indent text-shadow vertical-align
    border border-top border-right border-bottom border-left
    border-width border-style border-color border-radius border-spacing
    border-top-width border-right-width border-bottom-width border-left-width
    border-top-style border-right-style border-bottom-style border-left-style
    border-top-color border-right-color border-bottom-color border-left-color
    border-top-left-radius border-top-right-radius border-bottom-left-radius
    border-bottom-right-radius
    outline outline-width outline-style outline-color outline-offset box-shadow
    margin margin-top margin-right margin-bottom margin-left
    padding padding-top padding-right padding-bottom padding-left
    width height min-width max-width min-height max-height
    flex flex-grow flex-shrink flex-basis flex-flow order justify-content align-items
    align-content align-self gap row-gap column-gap
    grid-template-columns grid-template-rows grid-column grid-row grid-auto-flow
    list-style-type text-align-last tab-size column-count column-width column-gap object-position
    """.split()
)

_ALLOWED_FUNCTIONS = frozenset(
    {
        "rgb", "rgba", "hsl", "hsla",
        "linear-gradient", "radial-gradient", "conic-gradient",
        "repeating-linear-gradient", "repeating-radial-gradient", "repeating-conic-gradient",
        "calc", "min", "max", "clamp", "repeat", "minmax",
    }
)
# Arithmetic operators are only meaningful inside these.
_MATH_FUNCTIONS = frozenset({"calc", "min", "max", "clamp"})
# Only font names may be quoted.
_STRING_PROPERTIES = frozenset({"font-family", "font"})
# Words that only ever appear in CSS attacks; refused even as bare keywords or inside font names.
_DENIED_WORDS = ("expression", "javascript", "vbscript", "behavior", "binding", "mocha", "livescript")


def _is_name_start(c: str) -> bool:
    return c.isalpha() or c == "_"


def _is_name_char(c: str) -> bool:
    return c.isalnum() or c in "-_"


class _Reject(Exception):
    """The declaration value contains something outside the safe token grammar."""


def _check_char(c: str) -> None:
    if ord(c) < 0x20 or c == "\x7f" or c in "\\<>\"`@{}[]&;":
        raise _Reject(c)


def _scan_value(value: str, prop: str) -> str:
    """Tokenise a declaration value against the safe grammar; raise _Reject otherwise.

    Returns the value rebuilt from its tokens with whitespace made canonical, so that
    scanning the result again gives the same string.
    """
    tokens: list[str] = []
    open_functions: list[str] = []
    i, n = 0, len(value)
    pending_space = False

    def emit(tok: str, *, space_before: bool | None = None) -> None:
        nonlocal pending_space
        want_space = pending_space if space_before is None else space_before
        if tokens and not tokens[-1].endswith("(") and (want_space or tokens[-1] == ","):
            tokens.append(" ")
        pending_space = False
        tokens.append(tok)

    def emit_tight(tok: str) -> None:
        nonlocal pending_space
        pending_space = False
        tokens.append(tok)

    while i < n:
        c = value[i]
        if c.isspace():
            pending_space = True
            i += 1
            continue
        _check_char(c)
        if c == "/" and i + 1 < n and value[i + 1] == "*":
            raise _Reject("comment")
        if c == "'":
            if prop not in _STRING_PROPERTIES or open_functions:
                raise _Reject("string")
            j = value.find("'", i + 1)
            if j < 0:
                raise _Reject("unterminated string")
            inner = value[i + 1 : j]
            for ch in inner:
                _check_char(ch)
                if ch in "():/!":
                    raise _Reject("string content")
            if any(word in inner.lower() for word in _DENIED_WORDS):
                raise _Reject("denied word")
            emit("'" + " ".join(inner.split()) + "'")
            i = j + 1
            continue
        if c == "#":
            j = i + 1
            while j < n and _is_name_char(value[j]):
                j += 1
            digits = value[i + 1 : j]
            if not (_is_hex(digits) and len(digits) in (3, 4, 6, 8)):
                raise _Reject("hash")
            emit("#" + digits.lower())
            i = j
            continue
        if c.isdigit() or (
            c in "+-." and i + 1 < n and (value[i + 1].isdigit() or value[i + 1] == ".")
        ):
            j = i + 1
            seen_dot = c == "."
            while j < n and (value[j].isdigit() or (value[j] == "." and not seen_dot)):
                seen_dot = seen_dot or value[j] == "."
                j += 1
            if not any(ch.isdigit() for ch in value[i:j]) or not value[i:j].isascii():
                raise _Reject("number")
            k = j
            if k < n and value[k] == "%":
                k += 1
            else:
                while k < n and value[k].isascii() and value[k].isalpha():
                    k += 1
            if k - j > 5:
                raise _Reject("unit")
            emit(value[i:j] + value[j:k].lower())
            i = k
            continue
        if _is_name_start(c) or (c == "-" and i + 1 < n and _is_name_start(value[i + 1])):
            j = i + 1
            while j < n and _is_name_char(value[j]):
                j += 1
            name = value[i:j]
            if name.startswith("--"):
                raise _Reject("custom property")
            if any(word in name.lower() for word in _DENIED_WORDS):
                raise _Reject("denied word")
            if j < n and value[j] == "(":
                fname = name.lower()
                if fname not in _ALLOWED_FUNCTIONS or len(open_functions) >= _MAX_FUNCTION_DEPTH:
                    raise _Reject("function")
                emit(fname + "(")
                open_functions.append(fname)
                i = j + 1
                continue
            emit(name)
            i = j
            continue
        if c == ")":
            if not open_functions:
                raise _Reject("paren")
            open_functions.pop()
            emit_tight(")")
            i += 1
            continue
        if c == ",":
            emit_tight(",")
            i += 1
            continue
        if c == "/":
            emit("/", space_before=True)
            pending_space = True
            i += 1
            continue
        if c in "+-*" and open_functions and open_functions[-1] in _MATH_FUNCTIONS:
            emit(c, space_before=True)
            pending_space = True
            i += 1
            continue
        if c == "!":
            if value[i + 1 :].strip().lower() != "important" or open_functions or not tokens:
                raise _Reject("bang")
            emit("!important", space_before=True)
            break
        raise _Reject(c)
    if open_functions:
        raise _Reject("unclosed function")
    return "".join(tokens)


def parse_declarations(s: str) -> list[tuple[str, str]]:
    """Split a declaration list into (property, raw value) pairs, by hand.

    Semicolons inside parentheses or single quotes do not split. Pieces without a colon are
    kept with an empty property so callers can count what was dropped.
    """
    if not isinstance(s, str):
        return []
    pieces: list[str] = []
    depth = 0
    in_quote: str | None = None
    start = 0
    for i, c in enumerate(s):
        if in_quote:
            if c == in_quote:
                in_quote = None
        elif c in "'\"":
            in_quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c == ";" and depth == 0:
            pieces.append(s[start:i])
            start = i + 1
    pieces.append(s[start:])
    result: list[tuple[str, str]] = []
    for piece in pieces:
        if not piece.strip():
            continue
        prop, colon, value = piece.partition(":")
        if not colon:
            result.append(("", piece.strip()))
            continue
        result.append((prop.strip().lower(), value.strip()))
    return result


# Page content must not cover the site's header, tabs and search (issue 6, finding 11). The
# allowlist has no ``top``/``left``/``inset``/``transform``/``translate``/``z-index`` and only
# ``position: static | relative``; the one way left to move a box out of its place is a negative
# offset, so those are bounded here (namu.wiki templates use small ones such as
# ``margin: -5px -10px`` to cancel a table cell's padding). The wiki's stylesheet also clips the
# article (seedwiki.css, .sw-article), so this is the second of two walls.
_OFFSET_PROPERTIES = frozenset(
    "margin margin-top margin-right margin-bottom margin-left text-indent outline-offset "
    "text-underline-offset letter-spacing word-spacing".split()
)
# The largest negative offset per unit; a negative value in any other unit is refused.
NEGATIVE_OFFSET_LIMITS = {"px": 50.0, "em": 3.0, "rem": 3.0, "%": 10.0, "pt": 40.0, "ch": 6.0}


def _offset_is_bounded(normalised: str) -> bool:
    """No subtraction inside a math function and no negative number past the limits."""
    for ch in "(),":
        normalised = normalised.replace(ch, " ")
    for token in normalised.split():
        if token == "-":
            return False  # calc(0px - 100vh): the sign of the result is unknown here
        if not token.startswith("-") or len(token) < 2 or not (token[1].isdigit() or token[1] == "."):
            continue
        k = 1
        while k < len(token) and (token[k].isdigit() or token[k] == "."):
            k += 1
        try:
            amount = float(token[1:k])
        except ValueError:
            return False
        unit = token[k:]
        if amount == 0:
            continue
        if amount > NEGATIVE_OFFSET_LIMITS.get(unit, -1.0):
            return False
    return True


def sanitize_declaration(prop: str, value: str) -> str | None:
    """One declaration → ``"prop: value"`` when allowlisted, else None."""
    prop = prop.strip().lower()
    value = value.strip()
    if not prop or not value:
        return None
    if prop in _KEYWORD_PROPERTIES:
        word = value.lower()
        important = ""
        if word.endswith("!important"):
            word = word[: -len("!important")].strip()
            important = " !important"
        if word not in _KEYWORD_PROPERTIES[prop]:
            return None
        return f"{prop}: {word}{important}"
    if prop not in _FREE_PROPERTIES:
        return None
    try:
        normalised = _scan_value(value, prop)
    except _Reject:
        return None
    if not normalised:
        return None
    if prop in _OFFSET_PROPERTIES and not _offset_is_bounded(normalised):
        return None
    return f"{prop}: {normalised}"


def sanitize_style(s: str) -> str:
    """Keep only allowlisted declarations; return ``"prop: value; prop: value"`` or ``""``.

    Idempotent: ``sanitize_style(sanitize_style(x)) == sanitize_style(x)``.
    """
    if not isinstance(s, str) or not s or len(s) > MAX_STYLE_LENGTH:
        return ""
    kept: list[str] = []
    for prop, value in parse_declarations(s):
        if len(kept) >= MAX_DECLARATIONS:
            break
        decl = sanitize_declaration(prop, value)
        if decl is not None:
            kept.append(decl)
    return "; ".join(kept)


def style_is_clean(s: str) -> bool:
    """True when every declaration of ``s`` survives :func:`sanitize_style` unchanged in number.

    The safety tests use this on rendered HTML: the renderer may format its own styles
    (``"text-align: center; background-color: #ff0000;"``), but no declaration may be one the
    allowlist would drop.
    """
    if not isinstance(s, str):
        return False
    if not s.strip():
        return True
    if len(s) > MAX_STYLE_LENGTH:
        return False
    decls = parse_declarations(s)
    if len(decls) > MAX_DECLARATIONS:
        return False
    return all(sanitize_declaration(p, v) is not None for p, v in decls)
