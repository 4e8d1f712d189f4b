"""NamuMark: parse namu.wiki markup into a tree and render it as HTML, plain text or metadata.

    doc = parse(source)                       # never raises
    res = render_html(doc, context, title=…)  # RenderResult(html, headings, footnotes, …)
    txt = render_text(doc, context, title=…)
    meta = metadata(doc, title=…)
    txt, refs = text_and_references(doc, title=…)  # both from one walk (search index + links)

``title`` (the page being rendered) resolves ``[[../]]`` and ``[[/하위]]`` links.
"""
from __future__ import annotations

import logging
import re

from .budget import Budget, Limits
from .context import Context, FileInfo, MemoryContext
from .nodes import Document, Redirect
from .nogc import paused_gc
from .results import (
    CategoryRef, Footnote, Heading, IncludeRef, Metadata, RedirectTarget, RenderResult,
)

__all__ = [
    "parse", "parse_included", "render_html", "render_text", "metadata", "references",
    "text_and_references", "sections", "Context",
    "MemoryContext", "FileInfo", "Document", "RenderResult", "Metadata", "Heading", "Footnote",
    "CategoryRef", "RedirectTarget", "IncludeRef", "Budget", "Limits",
]

log = logging.getLogger("namumark")

# The keyword is case-sensitive, like the seed's.
_REDIRECT = re.compile(r"#(?:redirect|넘겨주기) (.+)")
# C0 controls other than tab and newline never reach the tree.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _normalise(source) -> str:
    if not isinstance(source, str):
        source = "" if source is None else str(source)
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    if source.startswith("\ufeff"):
        source = source[1:]  # a byte-order mark from an imported file is not content
    if _CONTROLS.search(source):
        source = _CONTROLS.sub("", source)
    return source


def _redirect(source: str):
    if not source.startswith("#"):
        return None
    eol = source.find("\n")
    first = source if eol < 0 else source[:eol]
    m = _REDIRECT.match(first)
    if not m:
        return None
    from .links import split_unescaped, unescape

    target = m.group(1).strip()
    if target.startswith("[[") and target.endswith("]]"):
        # old dumps write "#redirect [[X]]"; the target is X (a label after | is ignored)
        target = target[2:-2].split("|", 1)[0].strip()
    title, anchor = split_unescaped(target, "#", last=True)
    title = unescape(title).strip()
    if not title:
        return None
    return Redirect(0, len(first), title, unescape(anchor).strip() if anchor else None)


def parse(source: str, *, _top: bool = True) -> Document:
    """NamuMark source → Document. Never raises: anything unparsable stays text.

    Line endings are normalised to ``\\n`` first; spans are offsets into that text.
    """
    source = _normalise(source)
    try:
        with paused_gc():
            return _parse(source, _top)
    except Exception:  # the contract is "never raises": an internal error shows the source as text
        log.exception("namumark.parse failed; showing the source as text")
        from .nodes import Paragraph, Text
        return Document(0, len(source), [Paragraph(0, len(source), [Text(0, len(source), source)])])


def _parse(source: str, _top: bool) -> Document:
    redirect = _redirect(source)
    if redirect is not None:
        return Document(0, len(source), [], redirect, source)
    parser = BlockParser(source)
    if _top:  # a long page keeps its first blocks (top_blocks.py)
        children = parse_top(parser, len(source))
    else:
        children = parser.parse_range(0, len(source), 0, top=False)
    parser.close()
    return Document(0, len(source), children, None, source)


def parse_included(source: str, params: dict, callee_title: str | None = None, *,
                   allowance: int | None = None) -> Document | None:
    """An included page: ``@k@``/``@k=default@`` substituted, then parsed (headings as text).

    ``calleeTitle`` is the including page's title. Names that ``#!if`` heads assign are left
    in place for the renderer to fill once the condition has run. With an ``allowance`` the
    substituted text may be at most that long, else None (the include is refused).
    """
    from .macros import assigned_names, substitute_params

    source = _normalise(source)
    values = dict(params or {})
    if callee_title is not None:
        values.setdefault("calleeTitle", callee_title)
    keep = assigned_names(source) - values.keys()
    text = substitute_params(source, values, keep, allowance)
    return None if text is None else parse(text, _top=False)


def conditional_children(node, variables: dict, budget=None) -> Document | None:
    """The blocks of a true ``#!if`` as a Document: re-read with its variables when the body
    uses them. The re-read text is charged to ``budget``; None when it does not fit."""
    if not variables or "@" not in node.body:
        return Document(node.start, node.end, node.children, None, "")
    from .conditions import to_text
    from .macros import substitute_params

    values = {k: to_text(v) for k, v in variables.items()}
    if budget is None:
        return parse(substitute_params(node.body, values), _top=False)
    text = substitute_params(node.body, values, allowance=budget.substitution_room())
    if text is None:
        budget.refuse("substitution")
        return None
    budget.spend_substitution(len(text))
    return parse(text, _top=False)


def render_html(doc: Document, context: Context | None = None, *, title: str | None = None,
                budget: Budget | None = None, limits: Limits | None = None,
                utf8: bool = False) -> RenderResult:
    """Tree → RenderResult. ``budget`` (or a fresh one from ``limits``) bounds what the render
    may cost; ``result.exceeded`` names the budgets it ran past. With ``utf8`` the HTML comes
    as ``result.utf8`` (bytes; ``result.html`` is empty): the same text, made in half the
    memory when the page holds Korean."""
    budget = budget if budget is not None else Budget(limits)
    try:
        with paused_gc():
            return HtmlRenderer(context, _title_of(context, title), budget=budget).render(doc, utf8)
    except Exception:  # never raises; an internal error yields an explanatory empty body
        log.exception("namumark.render_html failed")
        error = ('<div class="wiki-paragraph wiki-render-error">'
                 "(문서를 표시하는 중 오류가 발생했습니다)</div>\n")
        return RenderResult.of(error.encode() if utf8 else error)


def render_text(doc: Document, context: Context | None = None, *, title: str | None = None,
                budget: Budget | None = None, limits: Limits | None = None) -> str:
    """Tree → plain text (search index), at most ``limits.text_chars`` characters."""
    budget = budget if budget is not None else Budget(limits)
    try:
        with paused_gc():
            return TextRenderer(context, _title_of(context, title), budget=budget).render(doc)
    except Exception:  # never raises
        log.exception("namumark.render_text failed")
        return ""


def references(doc: Document, *, title: str | None = None):
    """What the page points at (reference_pass.References: links, files, categories, includes)."""
    from .reference_pass import References, references as _references

    try:
        return _references(doc, title=title)
    except Exception:  # never raises
        log.exception("namumark.references failed")
        return References(title)


def text_and_references(doc: Document, context: Context | None = None, *, title: str | None = None,
                        budget: Budget | None = None, limits: Limits | None = None):
    """``(render_text(doc), references(doc))`` from one walk of the tree (the wiki's analysis)."""
    from .text import text_and_references as _text_and_references

    budget = budget if budget is not None else Budget(limits)
    title = _title_of(context, title)
    try:
        with paused_gc():
            return _text_and_references(doc, context, title=title, budget=budget)
    except Exception:  # never raises: each half again on its own, so one's failure keeps the other
        log.exception("namumark.text_and_references failed")
        return render_text(doc, context, title=title, limits=limits), references(doc, title=title)


def metadata(doc: Document, *, title: str | None = None) -> Metadata:
    from .meta import metadata as _metadata

    try:
        return _metadata(doc, title=title)
    except Exception:  # never raises
        log.exception("namumark.metadata failed")
        return Metadata()


def sections(doc: Document) -> list:
    """``(Heading, start, end)`` for every section: the source span from its heading line to the
    next heading of the same or a shallower level (section editing)."""
    from .meta import sections as _sections

    try:
        return _sections(doc)
    except Exception:  # never raises
        log.exception("namumark.sections failed")
        return []


def _title_of(context, title):
    if title is not None:
        return title
    t = getattr(context, "title", None)
    return t if isinstance(t, str) else None


# Imported last, once: these modules import from this package; a function-level import costs
# ~1 µs per call, a tenth of the whole render of a one-line page.
from .blocks import BlockParser  # noqa: E402
from .html import HtmlRenderer  # noqa: E402
from .text import TextRenderer  # noqa: E402
from .top_blocks import parse_top  # noqa: E402
