"""``{{{#!syntax 언어 …}}}`` → highlighted code, with Pygments.

The markup is ``<pre class="wiki-syntax" data-language="…"><code>…</code></pre>`` with CSS classes
prefixed ``syn-`` (never inline styles, so the site's style allowlist stays the only source of
``style``); :func:`stylesheet` gives the matching CSS for light and dark themes. An unknown
language, an oversize block or a lexer failure gives the same wrapper with escaped plain text.

Cost: several Pygments lexers (python, c, cpp, java, …) are quadratic on long stretches of
text holding no punctuation (``" \n" * n``, ``"a\n" * n``, ``"a " * n``): their patterns scan
ahead across the whole stretch from every position. A block holding such a stretch longer than
:data:`MAX_PLAIN_STRETCH` characters is shown as plain code, found by one linear regex scan;
what is handed to Pygments is also capped per block and per render by the render budget.
"""
from __future__ import annotations

import html
import re
import threading

MAX_CODE_LENGTH = 200_000
MAX_LANGUAGE_LENGTH = 32
CLASS_PREFIX = "syn-"
_LANGUAGE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789+#-_.")

# Names namu.wiki documents use that Pygments spells differently.
_ALIASES = {
    "basic": "vbnet",
    "vb": "vbnet",
    "objectivec": "objective-c",
    "objc": "objective-c",
    "shell": "bash",
    "sh": "bash",
    "c#": "csharp",
    "cs": "csharp",
    "c++": "cpp",
    "js": "javascript",
    "ts": "typescript",
    "asm": "nasm",
}


def normalise_language(lang: str) -> str:
    """The language name as written, lower-cased and trimmed, or "" when it is not a name."""
    if not isinstance(lang, str):
        return ""
    name = lang.strip().lower()
    if not name or len(name) > MAX_LANGUAGE_LENGTH or not all(c in _LANGUAGE_CHARS for c in name):
        return ""
    return name


class _PerThread(threading.local):
    """Pygments lexers and formatters keep per-call state on the instance in places: each request
    thread gets its own instead of sharing one (creating one per call costs more than a page)."""

    def __init__(self):
        self.lexers: dict = {}
        self.formatter = None


_local = _PerThread()
_MAX_LEXERS = 64


def _lexer_for(name: str):
    lexers = _local.lexers
    if name in lexers:
        return lexers[name]
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(_ALIASES.get(name, name), stripnl=False, ensurenl=False)
    except ClassNotFound:
        lexer = None
    if len(lexers) >= _MAX_LEXERS:
        lexers.clear()
    lexers[name] = lexer
    return lexer


def _formatter():
    if _local.formatter is None:
        from pygments.formatters import HtmlFormatter

        _local.formatter = HtmlFormatter(nowrap=True, classprefix=CLASS_PREFIX)
    return _local.formatter


# Longest run of word characters and whitespace spanning lines that Pygments may see.
MAX_PLAIN_STRETCH = 160
# The lookbehind makes every run start where it really starts: the scan stays linear.
_PLAIN_STRETCH = re.compile(r"(?<![\w\s])[\w\s]{%d,}" % MAX_PLAIN_STRETCH)


def quadratic_risk(code: str) -> bool:
    """True when ``code`` holds a long stretch without punctuation (see above)."""
    return _PLAIN_STRETCH.search(code) is not None


def _wrap(lang: str, body: str) -> str:
    data = f' data-language="{html.escape(lang, quote=True)}"' if lang else ""
    return f'<pre class="wiki-syntax"{data}><code>{body}</code></pre>'


def highlight(code: str, lang: str, budget=None) -> str:
    """Code → ``<pre class="wiki-syntax"><code>…</code></pre>``. Never raises.

    With a render ``budget``, code past its highlighting allowance (per block and per render)
    or at risk of quadratic lexing is shown plain under a notice."""
    if not isinstance(code, str):
        code = ""
    name = normalise_language(lang)
    plain = html.escape(code, quote=False)
    if not name or len(code) > MAX_CODE_LENGTH:
        return _wrap(name, plain)
    if budget is not None and _lexer_for(name) is not None:
        lim = budget.limits
        if (len(code) > lim.highlight_block or quadratic_risk(code)
                or not budget.take("highlighted", len(code))):
            return _notice(budget) + _wrap(name, plain)
    try:
        lexer = _lexer_for(name)
        if lexer is None:
            return _wrap(name, plain)
        from pygments import highlight as pygments_highlight

        body = pygments_highlight(code, lexer, _formatter())
    except Exception:  # a lexer bug must not break the page
        return _wrap(name, plain)
    # Pygments adds a final newline the source may not have had.
    if body.endswith("\n") and not code.endswith("\n"):
        body = body[:-1]
    return _wrap(name, body)


def _notice(budget) -> str:
    from .budget import notice_text

    budget.refuse("highlight")
    return '<span class="wiki-budget-notice">%s</span>' % html.escape(notice_text("highlight"))


def stylesheet(light: str = "default", dark: str = "monokai") -> str:
    """CSS for the ``syn-`` classes: the light style, and the dark one under ``.theme-dark``.

    Pygments also emits global rules (``pre``, line numbers); only rules scoped to our wrapper
    are kept so the stylesheet cannot restyle the rest of the page.
    """
    from pygments.formatters import HtmlFormatter

    rules: list[str] = []
    for style, scope in ((light, ".wiki-syntax"), (dark, ".theme-dark .wiki-syntax")):
        css = HtmlFormatter(style=style, classprefix=CLASS_PREFIX).get_style_defs(scope)
        rules.extend(line for line in css.splitlines() if line.startswith(scope + " "))
    return "\n".join(rules) + "\n"
