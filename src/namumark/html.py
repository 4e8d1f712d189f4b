"""Tree → HTML in the seed's DOM vocabulary.

Escaping is by construction: text goes through ``escape.text``, attribute values through
``escape.attr``, styles only through ``css.sanitize_style`` or are built here from values the
parser already validated. Never raises for any tree the parser produces.
"""
from __future__ import annotations

import re

from . import css, macros
from . import escape as esc
from .budget import Budget, notice_text
from .context import Context, MemoryContext
from .headings import number_headings
from .html_ids import PageIds
from .html_links import LinkRendering
from .html_notes import NoteRendering, FootnoteState
from .html_sink import PageSink, spill_if_long
from .html_tables import TableRendering
from .made_on_read import count_of, each
from .nodes import (
    CategoryLink, Code, Color, Conditional, Document, FileEmbed, Folding, Footnote, Heading,
    HorizontalRule, HtmlBlock, Include, Indent, LineBreak, Link, ListBlock, Macro, Paragraph,
    Quote, Size, Style, StyleSheet, SyntaxBlock, Table, Text, WikiBox,
)
from .paragraph_runs import LongParagraph
from .results import CategoryRef, Heading as HeadingRef
from .results import RedirectTarget, RenderResult
from .userclass import html_classes

_UNCAPPED = float("inf")  # a meter that counts and never stops
_STYLE_TAG = {"bold": "strong", "italic": "em", "underline": "u", "strike": "del",
              "sup": "sup", "sub": "sub"}
# (opening, closing) tag of each style, built once: not a new string per styled run
_STYLE_TAGS = {style: ("<%s>" % tag, "</%s>" % tag) for style, tag in _STYLE_TAG.items()}
_OL_CLASS = {"decimal": "wiki-list wiki-list-decimal", "alpha": "wiki-list wiki-list-alpha",
             "upper-alpha": "wiki-list wiki-list-upper-alpha", "roman": "wiki-list wiki-list-roman",
             "upper-roman": "wiki-list wiki-list-upper-roman"}


class HtmlRenderer(TableRendering, LinkRendering, NoteRendering):
    def __init__(self, context: Context | None = None, title: str | None = None, *,
                 params: dict | None = None, include_depth: int = 0, footnotes=None,
                 shared=None, budget: Budget | None = None):
        self.ctx = context if context is not None else MemoryContext()
        self.budget = budget if budget is not None else Budget()
        self.source = ""  # the text the spans of the nodes being rendered point into
        self.title = title
        self.params = params or {}
        self.vars: dict = {}
        self.include_depth = include_depth
        self.fn = footnotes or FootnoteState()
        self.shared = shared if shared is not None else {"includes": 0, "exists": {}}
        self._owns_shared = shared is None
        # ids made inside the N-th included page start with "iN-" (namu.wiki's form), so two
        # includes of one template never repeat an id (issue 11 item 9)
        self.id_prefix = ""
        self.headings: list = []  # (node, number)
        self.categories: list = []
        self.in_link = 0
        self.in_toc = 0
        self.now = None

    # -- entry ---------------------------------------------------------------------------
    def render(self, doc: Document, utf8: bool = False) -> RenderResult:
        """The page's HTML and what goes with it; with ``utf8`` the HTML is ``result.utf8``
        (UTF-8 bytes, grown as such: html_sink.py) and ``result.html`` is empty."""
        if doc.redirect is not None:
            r = doc.redirect
            return RenderResult.of(b"" if utf8 else "", [], [], [], RedirectTarget(r.title, r.anchor))
        self.source = doc.source
        self.headings = number_headings(doc.children)
        # the section ids and the TOC's are taken first: an anchor can never steal them
        self.shared.setdefault("ids", PageIds()).update(
            ["toc"] + ["s-" + n for _, n in self.headings])
        out = PageSink(self.budget, utf8)
        self._document_blocks(doc.children, out)
        if self._owns_shared:
            # the page's caches (ids taken, link targets' URLs and existence, the TOC) are done
            # with (the notes' bodies are rendered): freed before the rest of the page's text
            # is written, not held beside it (issue 11, memory)
            self.shared.clear()
        self._flush_footnotes(out)
        self.budget.meter(out)
        html = out.finish()
        cap = self.budget.limits.output_chars
        if out.chars > cap + cap // 8 + 64 * 1024:
            # last resort (the meter stops rendering long before): cut at a line boundary
            # (blocks end with a newline) so no tag is split in two
            self.budget.stop("output")
            text = html.decode() if utf8 else html
            cut = text.rfind("\n", 0, cap)
            text = text[: max(cut, 0)] + ('<div class="wiki-budget-exceeded"><span class="wiki-budget-notice">'
                                          "%s</span></div>\n" % esc.text(notice_text("output")))
            html = text.encode() if utf8 else text
        heads = [HeadingRef(h.level, num, "s-" + num, self._plain(h.children).strip(), h.folded)
                 for h, num in self.headings]
        notes = self._note_results()
        return RenderResult.of(html, heads, notes, self.categories, None, list(self.budget.exceeded))

    def _document_blocks(self, children: list, out: list) -> None:
        """The page's top-level blocks. When the output budget runs out inside a block, what
        was rendered of it stays (every construct closes its tags as rendering unwinds), then
        the notice, then the source of the blocks after it."""
        budget = self.budget
        open_section = False
        budget.count_nodes(count_of(children))
        # the numbered headings come in the order of the blocks: the next one is known by its
        # identity, without a dict of them all (issue 11, memory)
        heads = self.headings
        k = 0
        blocks = iter(each(children))  # a long page's blocks a batch at a time (top_blocks.py)
        for node in blocks:
            if budget.stopped:
                self._stop_here(node.start, out)
                break
            if type(node) is Heading and k < len(heads) and heads[k][0] is node:
                if open_section:
                    out.append("</div>\n")
                self._heading(node, heads[k][1], out)
                k += 1
                out.append('<div class="wiki-heading-content%s">' % (
                    " wiki-heading-content-folded" if node.folded else ""))
                open_section = True
            else:
                self.block(node, out)
            if not budget.meter(out) or budget.stopped:
                after = next(blocks, None)
                rest = after.start if after is not None else len(self.source)
                self._stop_here(rest, out)
                break
            spill_if_long(out)
        if open_section:
            out.append("</div>\n")

    def _stop_here(self, start: int, out: list) -> None:
        self.fn.pending = []  # their list would be past the budget too
        out.append(self.budget.refusal(self.budget.stopped or "output", self.source[start:],
                                       block=True))

    # -- blocks --------------------------------------------------------------------------
    def blocks(self, nodes: list, out: list) -> None:
        budget = self.budget
        if budget.stopped or not budget.count_nodes(len(nodes)):
            return
        for n in nodes:
            self.block(n, out)
            if not budget.meter(out):
                return
            spill_if_long(out)

    def group_blocks(self, nodes: list, out: list) -> None:
        """The body of {{{#!wiki}}} and {{{#!if}}}: its text runs are not wrapped in a paragraph
        of their own (a ``display: inline`` box must be able to flow inline; #!if adds no
        element at all); lists, tables and the like inside stay blocks."""
        budget = self.budget
        if budget.stopped or not budget.count_nodes(len(nodes)):
            return
        for n in nodes:
            if not budget.meter(out):
                return
            if type(n) is Paragraph:
                if type(n._of) is LongParagraph:
                    self._long_paragraph(n._of, out)
                    continue
                ch = n.children
                if len(ch) == 1 and type(ch[0]) is Macro and ch[0].name in macros.FOOTNOTES:
                    self._flush_footnotes(out)
                else:
                    self.inlines(ch, out)
            else:
                self.block(n, out)

    def block(self, node, out: list) -> None:
        t = type(node)
        if t is Paragraph:
            if type(node._of) is LongParagraph:
                out.append('<div class="wiki-paragraph">')
                self._long_paragraph(node._of, out)
                out.append("</div>\n")
                return
            ch = node.children
            if len(ch) == 1 and type(ch[0]) is Macro and ch[0].name in macros.FOOTNOTES:
                self._flush_footnotes(out)  # a [각주] line stands on its own
                return
            if ch and type(ch[0]) is CategoryLink and all(type(c) is CategoryLink for c in ch):
                self.inlines(ch, out)  # only categories: nothing shows in the body
                return
            out.append('<div class="wiki-paragraph">')
            self.inlines(ch, out)
            out.append("</div>\n")
        elif t is ListBlock:
            self._list(node, out)
        elif t is Table:
            self._table(node, out)
        elif t is Indent:
            out.append('<div class="wiki-indent">')
            self.blocks(node.children, out)
            out.append("</div>\n")
        elif t is Quote:
            out.append('<blockquote class="wiki-quote">')
            self.blocks(node.children, out)
            out.append("</blockquote>\n")
        elif t is HorizontalRule:
            out.append("<hr>\n")
        elif t is Heading:
            # headings outside the document's top level are shown as text
            out.append('<div class="wiki-paragraph">')
            out.append(esc.text("=" * node.level + " "))
            self.inlines(node.children, out)
            out.append(esc.text(" " + "=" * node.level))
            out.append("</div>\n")
        else:
            self.inline(node, out)

    def _long_paragraph(self, runs: LongParagraph, out: list) -> None:
        """A long paragraph's nodes, made and written a part at a time (paragraph_runs.py)."""
        budget = self.budget
        for part in runs.parts():
            self.inlines(part, out)
            if budget.stopped or not budget.meter(out):
                return

    def _heading(self, node: Heading, num: str, out: list) -> None:
        tag = "h%d" % node.level
        cls = "wiki-heading wiki-heading-folded" if node.folded else "wiki-heading"
        ident = self._fresh_id(self._plain(node.children).strip())
        out.append('<%s class="%s"><a id="s-%s" href="#toc">%s.</a> <span%s>' % (
            tag, cls, num, num, ' id="%s"' % esc.attr(ident) if ident else ""))
        self.inlines(node.children, out)
        out.append("</span></%s>\n" % tag)

    def _fresh_id(self, name: str) -> str:
        """``name`` (with this page's include prefix) made unique on the whole rendered page:
        a repeat gets ``-2``, ``-3`` … (two headings 개요, two [anchor(x)], two notes [*A])."""
        if not name:
            return name
        ids = self.shared.get("ids")
        if ids is None:
            ids = self.shared["ids"] = PageIds()
        ident = base = self.id_prefix + name
        if not ids.take(ident):
            # the next suffix is remembered per name: 100,000 [anchor(a)] stay linear
            last = self.shared.setdefault("id_suffix", {})
            k = last.get(base, 1) + 1
            ident = "%s-%d" % (base, k)
            while not ids.take(ident):
                k += 1
                ident = "%s-%d" % (base, k)
            last[base] = k
        return ident

    def _list(self, node: ListBlock, out: list) -> None:
        if node.style == "bullet":
            out.append('<ul class="wiki-list">')
            close = "</ul>\n"
        else:
            out.append('<ol class="%s" start="%d">' % (_OL_CLASS[node.style], node.first))
            close = "</ol>\n"
        first = True
        for item in each(node.items):  # a long list's items are not kept (list_items.py)
            if item.value is not None and not first:
                out.append('<li value="%d">' % item.value)
            else:
                out.append("<li>")
            first = False
            self.blocks(item.children, out)
            out.append("</li>")
        out.append(close)

    # -- inline --------------------------------------------------------------------------
    def inlines(self, nodes: list, out: list) -> None:
        budget = self.budget
        if budget.stopped or not budget.count_nodes(len(nodes)):
            return
        after_include = False
        pending = 0  # constructs rendered since the output was last metered
        lines = 0  # line breaks since the output was last moved into the page's text
        for n in nodes:
            t = type(n)
            if t is Text:
                of = n._of  # Text.text without the property call: the most common node
                out.append(esc.text(of[n.start:n.end] if of.__class__ is str else of[0]))
            elif t is LineBreak:
                if not after_include:  # an included page is a block: its line break goes
                    out.append("<br>")
                lines += 1
                if lines >= 256:
                    # a paragraph of many lines goes into the page's text as it is written.
                    # Counted only (no cap): the budget decides where it did before
                    lines = 0
                    budget.meter(out, _UNCAPPED)
                    spill_if_long(out)
            else:
                self.inline(n, out)
                pending += 1
                # a long paragraph is metered as it goes, not only when it ends
                if (t in _EXPANDING or pending >= 256 or budget.stopped) and not budget.meter(out):
                    return
                if pending >= 256:
                    pending = 0
                    spill_if_long(out)
            after_include = t is Include

    def inline(self, node, out: list) -> None:
        t = type(node)
        if t is Text:
            out.append(esc.text(node.text))
        elif t is LineBreak:
            out.append("<br>")
        elif t is Style:
            tags = _STYLE_TAGS.get(node.style)
            if tags is None:  # a refused link shows its label as plain text
                self.inlines(node.children, out)
                return
            out.append(tags[0])
            self.inlines(node.children, out)
            out.append(tags[1])
        elif t is Link:
            self._link(node, out)
        elif t is Footnote:
            self._footnote(node, out)
        elif t is Macro:
            self._macro(node, out)
        elif t is Code:
            if node.block:
                out.append("<pre><code>%s</code></pre>" % esc.text(node.text))
            else:
                out.append("<code>%s</code>" % esc.text(node.text))
        elif t is Size:
            out.append('<span class="%s">' % css.size_class(node.delta))
            self.inlines(node.children, out)
            out.append("</span>")
        elif t is Color:
            if node.dark:
                out.append('<span style="color: %s" data-dark-style="color: %s">' % (
                    esc.attr(node.light), esc.attr(node.dark)))
            else:
                out.append('<span style="color: %s">' % esc.attr(node.light))
            self.inlines(node.children, out)
            out.append("</span>")
        elif t is WikiBox:
            style = css.sanitize_style(node.style)
            dark = css.sanitize_style(node.dark_style)
            attrs = ""
            if style:
                attrs += ' style="%s"' % esc.attr(style)
            if dark:
                attrs += ' data-dark-style="%s"' % esc.attr(dark)
            attrs += _box_interaction(node)
            out.append("<div%s>" % attrs)
            self.group_blocks(node.children, out)
            out.append("</div>")
        elif t is StyleSheet:
            if node.rules and not self.in_toc:
                from .stylesheet import sheet_attr
                # applied by static/namumark.js, prefixed with this article (stylesheet.py)
                out.append('<span class="wiki-style" hidden data-wiki-css="%s"></span>'
                           % esc.attr(sheet_attr(node.rules)))
        elif t is Folding:
            out.append('<details class="wiki-folding"><summary>%s</summary><div>' %
                       esc.text(node.summary))
            self.blocks(node.children, out)
            out.append("</div></details>")
        elif t is Conditional:
            from .conditions import evaluate_with_bindings
            ok, self.vars = evaluate_with_bindings(node.expr, self.params, self.vars,
                                                   callee_title=self.title,
                                                   budget=self.budget)
            if ok is None:
                out.append(self.budget.refusal(
                    "condition", "{{{#!if %s\n%s}}}" % (node.expr, node.body), block=True))
            elif ok:
                from . import conditional_children
                body = conditional_children(node, self.vars, self.budget)
                if body is None:
                    out.append(self.budget.refusal(
                        "substitution", "{{{#!if %s\n%s}}}" % (node.expr, node.body), block=True))
                    return
                saved = self.source
                if body.source:
                    self.source = body.source
                self.group_blocks(body.children, out)
                self.source = saved
        elif t is SyntaxBlock:
            from .highlight import highlight
            out.append(highlight(node.code, node.lang, budget=self.budget))
        elif t is HtmlBlock:
            from .htmlisland import sanitize_html
            budget = self.budget
            if not budget.take("html", len(node.html)):
                out.append(budget.refusal("html", "{{{#!html %s}}}" % node.html))
                return
            html = sanitize_html(node.html, media_hosts=self._media_hosts())
            if self.in_link and "<a" in html:
                html = _ANCHOR_TAG.sub("", html)  # no link inside a link
            out.append(html)
        elif t is FileEmbed:
            self._file(node, out)
        elif t is CategoryLink:
            if self.include_depth:
                return
            if node.title not in self.shared.setdefault("cats", set()):
                self.shared["cats"].add(node.title)  # first occurrence wins
                self.categories.append(CategoryRef(node.title, node.sort_key, node.blur))
        elif t is Include:
            self._include(node, out)
        else:
            self.block(node, out)

    # -- macros --------------------------------------------------------------------------
    def _now(self):
        if self.now is None:
            from .dates import context_now
            self.now = context_now(self.ctx)
        return self.now

    def _macro(self, node: Macro, out: list) -> None:
        name = node.name
        if self.in_toc and (name in macros.TOC or name in macros.FOOTNOTES or name == "anchor"):
            return  # a TOC item never holds a TOC, a footnote list or a duplicate anchor
        if self.in_link and (name in macros.TOC or name in macros.FOOTNOTES):
            return  # their links cannot sit inside a link
        raw = esc.text(node.raw)
        if name == "br":
            out.append("<br>")
        elif name == "clearfix":
            out.append('<div class="wiki-clearfix"></div>')
        elif name in macros.TOC:
            self._toc(node, out)
        elif name in macros.FOOTNOTES:
            self._flush_footnotes(out)
        elif name in ("date", "datetime"):
            from .dates import format_datetime
            out.append(esc.text(format_datetime(self._now())))
        elif name == "age":
            from .dates import age
            v = age(node.args or "", self._now())
            out.append("invalid date" if v is None else str(v))
        elif name == "dday":
            from .dates import dday, format_dday
            v = dday(node.args or "", self._now())
            out.append("invalid dday" if v is None else esc.text(format_dday(v)))
        elif name == "pagecount":
            ns = (node.args or "").strip() or None
            try:
                out.append(str(int(self.ctx.page_count(ns))))
            except Exception:
                out.append(raw)
        elif name == "anchor":
            a = (node.args or "").strip()
            if not a:
                out.append(raw)
            elif self.in_link:
                out.append('<span id="%s"></span>' % esc.attr(self._fresh_id(a)))
            else:
                out.append('<a id="%s"></a>' % esc.attr(self._fresh_id(a)))
        elif name == "ruby":
            pos, kw = macros.positional_and_keywords(node.args)
            if not pos or "ruby" not in kw:
                out.append(raw)
                return
            top = esc.text(kw["ruby"])
            color = css.parse_color(kw.get("color", "")) if kw.get("color") else None
            if color:
                top = '<span style="color: %s">%s</span>' % (esc.attr(color), top)
            out.append("<ruby>%s<rp>(</rp><rt>%s</rt><rp>)</rp></ruby>" % (esc.text(pos[0]), top))
        elif name == "math":
            from .mathml import tex_to_mathml
            budget = self.budget
            if not (budget.take("formulas", 1) and budget.take("math", len(node.args or ""))):
                out.append(budget.refusal("math", node.raw))
                return
            out.append('<span class="wiki-math">%s</span>' % tex_to_mathml(node.args or ""))
        elif name in macros.VIDEO:
            from .embeds import video_embed
            pos, kw = macros.positional_and_keywords(node.args)
            html = video_embed(name, pos, kw)
            out.append(html if html else raw)
        else:
            out.append(raw)

    # -- include -------------------------------------------------------------------------
    def _include(self, node: Include, out: list) -> None:
        if self.in_toc:
            return
        from .includes import included_document
        sub_doc = included_document(self.ctx, node, self.title, self.shared, self.budget,
                                    self.include_depth)
        if sub_doc is False:
            return  # a missing page, a nested include or a category renders nothing
        if sub_doc is None:
            out.append(self.budget.refusal("include", node.raw))
            return
        # the included body renders as part of this page: links resolve against our title
        sub = HtmlRenderer(self.ctx, self.title, params=node.args,
                           include_depth=self.include_depth + 1, footnotes=FootnoteState(),
                           shared=self.shared, budget=self.budget)
        sub.source = sub_doc.source
        self.shared["include_ids"] = number = self.shared.get("include_ids", 0) + 1
        sub.id_prefix = self.id_prefix + "i%d-" % number
        sub.fn.count = self.fn.count
        sub.in_link = self.in_link
        sub.headings = self.headings  # a [목차] inside a template lists this page's headings
        body: list[str] = []
        sub.blocks(sub_doc.children, body)
        sub._flush_footnotes(body)
        self.budget.release(body)
        self.fn.count = sub.fn.count
        self.fn.all.extend(sub.fn.all)
        # categories of the template itself ([[분류:틀/…]]) do not follow it into the page
        out.append('<div class="wiki-include">')
        out.extend(body)
        out.append("</div>")

    # -- plain text of inline nodes (titles, heading ids) ------------------------------
    def _plain(self, nodes: list) -> str:
        from .text import inline_plain
        return inline_plain(nodes)


def _box_interaction(node: WikiBox) -> str:
    """class=… and the declarative toggle of a #!wiki box, as attributes our script reads."""
    attrs = ""
    if node.classes:
        attrs += ' class="%s"' % html_classes(node.classes)
    if node.toggle is not None:
        target, name = node.toggle
        attrs += ' data-wiki-toggle-class="%s"' % html_classes([name])
        if target:
            attrs += ' data-wiki-toggle-target="%s"' % html_classes(target)
        attrs += ' role="button" tabindex="0"'
    return attrs


_ANCHOR_TAG = re.compile(r"</?a\b[^>]*>", re.I)
# inline nodes holding blocks or text from elsewhere: the output is metered after each. Others
# are metered with their paragraph; those that can be much longer than their source pay first
# ([목차] copies, footnote lists) or have budgets of their own (math, #!syntax, #!html).
_EXPANDING = frozenset({Include, Conditional, WikiBox, Folding})


def render_html(doc: Document, context: Context | None = None, *, title: str | None = None
                ) -> RenderResult:
    return HtmlRenderer(context, title).render(doc)
