"""Checks that rendered HTML is well-formed and inert — shared by the safety, robustness and
limits tests.

:func:`problems` parses the renderer's output with the standard library's ``html.parser`` and
lists everything wrong: unbalanced tags, tags or attributes that can run script or restyle the
page, links with dangerous schemes, styles outside the allowlist, unescaped ``<`` in text.
An empty list means the HTML passed.
"""
from __future__ import annotations

import json
import re

import logging
from html.parser import HTMLParser
from urllib.parse import urlsplit

from namumark.css import style_is_clean
from namumark.embeds import ALLOWED_HOSTS

VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
FORBIDDEN_TAGS = frozenset(
    """
    script style object embed applet base meta link form input button textarea select option
    frame frameset noscript noembed noframes template title xmp plaintext svg portal keygen
    isindex html head body audio source
    """.split()
)
FORBIDDEN_ATTRIBUTES = frozenset(
    {"srcdoc", "formaction", "action", "xlink:href", "background", "dynsrc", "lowsrc", "ping",
     "http-equiv", "srcset", "codebase", "data", "xmlns:xlink"}
)
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "longdesc", "usemap", "icon", "manifest"})
STYLE_ATTRIBUTES = frozenset({"style", "data-dark-style"})
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:", "file:", "livescript:", "mocha:")
# A browser's parser moves these around instead of nesting them as written, so the page's DOM
# would differ from our string: an <a> inside an <a>, a block inside a <p>, a cell outside a table.
_CLOSES_OPEN_P = frozenset(
    "address article aside blockquote details div dl fieldset figure footer form h1 h2 h3 h4 h5 "
    "h6 header hr main nav ol p pre section table ul".split()
)
_TABLE_PARTS = {"td": "tr", "th": "tr", "tr": "table", "tbody": "table", "thead": "table",
                "tfoot": "table", "caption": "table"}
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_ATTR_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_:")


# data attributes our script (static/namumark.js) acts on: only the article's own classes
SCRIPT_DATA_ATTRIBUTES = frozenset({"data-wiki-css", "data-wiki-toggle-class", "data-wiki-toggle-target"})
_OUR_CLASS = re.compile(r"wiki-uc-[^\W\d_][\w-]*\Z")
_OUR_SELECTOR = re.compile(
    r"(?:\.wiki-uc-[^\W\d_][\w-]*)+(?::(?:hover|first-child|last-child))*"
    r"(?:(?: | > )(?:\.wiki-uc-[^\W\d_][\w-]*)+(?::(?:hover|first-child|last-child))*)*\Z")


def script_data_problem(name: str, value: str) -> str | None:
    """Why a value our script reads could reach beyond the article's own classes (or None)."""
    if name != "data-wiki-css":
        return None if _OUR_CLASS.match(value) else f"{name} is not one of the article's classes: {value!r}"
    try:
        rules = json.loads(value)
    except ValueError:
        return f"data-wiki-css is not JSON: {value!r}"
    for rule in rules if isinstance(rules, list) else [None]:
        if not (isinstance(rule, list) and len(rule) == 2 and all(isinstance(x, str) for x in rule)):
            return f"data-wiki-css holds a malformed rule: {rule!r}"
        selectors, body = rule
        if not all(_OUR_SELECTOR.match(s.strip()) for s in selectors.split(",")):
            return f"data-wiki-css selector reaches beyond the article's classes: {selectors!r}"
        if not style_is_clean(body) or any(c in body for c in "{}<>@\\"):
            return f"data-wiki-css declarations outside the allowlist: {body!r}"
    return None


def _normalise_url(value: str) -> str:
    """What a browser would look at when deciding the scheme: no whitespace, controls or
    invisible characters, lower case."""
    return "".join(
        c for c in value if ord(c) > 0x20 and c != "\x7f" and c not in _INVISIBLE
    ).lower()


def url_problem(tag: str, attr: str, value: str | None, attrs: dict[str, str | None]) -> str | None:
    if value is None:
        return None
    url = _normalise_url(value)
    for scheme in DANGEROUS_SCHEMES:
        if url.startswith(scheme):
            return f"<{tag} {attr}> has a {scheme} URL: {value!r}"
    if url.startswith("//") or url.startswith("\\\\") or url.startswith("/\\") or url.startswith("\\/"):
        return f"<{tag} {attr}> is scheme-relative (goes off-site): {value!r}"
    if tag == "iframe" and attr == "src":
        parts = urlsplit(value)
        if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
            return f"<iframe src> not on an allowed video host: {value!r}"
    return None


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.found: list[str] = []

    def _note(self, message: str) -> None:
        if len(self.found) < 50:
            self.found.append(message)

    def _check_start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        amap = dict(attrs)
        if tag in FORBIDDEN_TAGS:
            self._note(f"forbidden tag <{tag}>")
        if tag == "iframe":
            classes = (amap.get("class") or "").split()
            if "wiki-media" not in classes:
                self._note(f"<iframe> that is not a video embed: {attrs!r}")
        for name, value in attrs:
            if not name or not all(c in _ATTR_NAME_CHARS for c in name):
                self._note(f"<{tag}> has a malformed attribute name {name!r}")
                continue
            if name.startswith("on"):
                self._note(f"<{tag}> has an event handler {name}={value!r}")
            if name in FORBIDDEN_ATTRIBUTES:
                self._note(f"<{tag}> has forbidden attribute {name}={value!r}")
            if name in URL_ATTRIBUTES:
                problem = url_problem(tag, name, value, amap)
                if problem:
                    self._note(problem)
            if name in STYLE_ATTRIBUTES and value is not None and not style_is_clean(value):
                self._note(f"<{tag} {name}> outside the allowlist: {value!r}")
            if name in SCRIPT_DATA_ATTRIBUTES and value is not None:
                problem = script_data_problem(name, value)
                if problem:
                    self._note(f"<{tag}> {problem}")
        if len(amap) != len(attrs):
            self._note(f"<{tag}> repeats an attribute: {attrs!r}")

    def _check_nesting(self, tag: str) -> None:
        if tag == "a" and "a" in self.stack:
            self._note("<a> inside <a> (the browser splits them apart)")
        if tag in _CLOSES_OPEN_P and "p" in self.stack:
            self._note(f"<{tag}> inside <p> (the browser closes the <p> first)")
        parent = _TABLE_PARTS.get(tag)
        if parent and parent not in self.stack:
            self._note(f"<{tag}> outside <{parent}>")

    def handle_starttag(self, tag, attrs):
        self._check_start(tag, attrs)
        self._check_nesting(tag)
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._check_start(tag, attrs)
        if tag not in VOID_TAGS:
            self._note(f"self-closed non-void tag <{tag}/>")

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            self._note(f"end tag for void element </{tag}>")
            return
        if not self.stack:
            self._note(f"stray end tag </{tag}>")
            return
        if self.stack[-1] != tag:
            self._note(f"</{tag}> closes <{self.stack[-1]}> (open: {self.stack[-5:]})")
            if tag in self.stack:
                while self.stack and self.stack[-1] != tag:
                    self.stack.pop()
                self.stack.pop()
            return
        self.stack.pop()

    def handle_data(self, data):
        if "<" in data:
            self._note(f"unescaped '<' in text: {data[:80]!r}")

    def handle_comment(self, data):
        self._note(f"HTML comment in output: {data[:80]!r}")

    def handle_decl(self, decl):
        self._note(f"declaration in output: {decl[:80]!r}")

    def handle_pi(self, data):
        self._note(f"processing instruction in output: {data[:80]!r}")

    def unknown_decl(self, data):
        self._note(f"unknown declaration in output: {data[:80]!r}")


def problems(html: str) -> list[str]:
    """Everything unsafe or malformed in ``html``; [] when it passes."""
    if not isinstance(html, str):
        return [f"output is not a string but {type(html).__name__}"]
    checker = _Checker()
    checker.feed(html)
    checker.close()
    found = list(checker.found)
    # whatever html.parser could not make sense of is left in its buffer
    if checker.rawdata:
        found.append(f"unparsed tail: {checker.rawdata[:80]!r}")
    if checker.stack:
        found.append(f"unclosed tags at the end: {checker.stack[-10:]}")
    return found


class InternalErrors(logging.Handler):
    """Collects what the namumark package logs at ERROR level or above.

    The renderer never raises: an internal failure is logged and replaced by a fallback body.
    The fallback is well-formed HTML, so the tests watch the log to catch such failures too:

        with InternalErrors() as errors:
            render(...)
        assert errors.messages == []
    """

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text += f": {type(exc).__name__}: {str(exc)[:200]}"
        self.messages.append(text)

    def __enter__(self) -> "InternalErrors":
        logging.getLogger("namumark").addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        logging.getLogger("namumark").removeHandler(self)
