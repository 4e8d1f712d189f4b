"""Tree → HTML in the seed's DOM vocabulary.

Escaping is by construction: text goes through ``escape.text``, attribute values through
``escape.attr``, styles only through ``css.sanitize_style`` or are built here from values the
parser already validated. Never raises for any tree the parser produces.
"""
from __future__ import annotations

import re

from . import css, limits, links, macros
from . import escape as esc
from .budget import Budget, notice_text
from .context import Context, MemoryContext
from .headings import number_headings
from .html_sink import PageSink, spill_if_long
from .nodes import (
    CategoryLink, Code, Color, Conditional, Document, FileEmbed, Folding, Footnote, Heading,
    HorizontalRule, HtmlBlock, Include, Indent, LineBreak, Link, ListBlock, Macro, Paragraph,
    Quote, Size, Style, StyleSheet, SyntaxBlock, Table, Text, WikiBox,
)
from .results import CategoryRef, Footnote as FootnoteRef, Heading as HeadingRef
from .results import RedirectTarget, RenderResult
from .tables import plain_text_cell
from .userclass import html_classes

_STYLE_TAG = {"bold": "strong", "italic": "em", "underline": "u", "strike": "del",
              "sup": "sup", "sub": "sub"}
# (opening, closing) tag of each style, built once: not a new string per styled run
_STYLE_TAGS = {style: ("<%s>" % tag, "</%s>" % tag) for style, tag in _STYLE_TAG.items()}
_OL_CLASS = {"decimal": "wiki-list wiki-list-decimal", "alpha": "wiki-list wiki-list-alpha",
             "upper-alpha": "wiki-list wiki-list-upper-alpha", "roman": "wiki-list wiki-list-roman",
             "upper-roman": "wiki-list wiki-list-upper-roman"}


class _FootnoteState:
    """One counter per render; included pages share it so ids stay unique."""

    def __init__(self):
        self.count = 0
        self.pending: list = []  # entries: [number, label, html, text, ref numbers, anchor]
        self.named: dict = {}  # name -> entry (in this scope)
        self.all: list = []
        self.ref_ids: dict = {}  # ref number -> id of its marker (rfn-N, unique on the page)


class HtmlRenderer:
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
        self.fn = footnotes or _FootnoteState()
        self.shared = shared if shared is not None else {"includes": 0, "exists": {}}
        # ids made inside the N-th included page start with "iN-" (namu.wiki's form), so two
        # includes of one template never repeat an id (issue 11 item 9)
        self.id_prefix = ""
        self.headings: list = []  # (node, number)
        self.heading_number: dict = {}
        self.categories: list = []
        self.in_link = 0
        self.in_toc = 0
        self.now = None

    # -- entry ---------------------------------------------------------------------------
    def render(self, doc: Document) -> RenderResult:
        if doc.redirect is not None:
            r = doc.redirect
            return RenderResult("", [], [], [], RedirectTarget(r.title, r.anchor))
        self.source = doc.source
        self.headings = number_headings(doc.children)
        self.heading_number = {id(h): num for h, num in self.headings}
        # the section ids and the TOC's are taken first: an anchor can never steal them
        self.shared.setdefault("ids", set()).update(["toc"] + ["s-" + n for _, n in self.headings])
        out = PageSink(self.budget)
        self._document_blocks(doc.children, out)
        self._flush_footnotes(out)
        self.budget.meter(out)
        html = out.finish()
        cap = self.budget.limits.output_chars
        if len(html) > cap + cap // 8 + 64 * 1024:
            # last resort (the meter stops rendering long before): cut at a line boundary
            # (blocks end with a newline) so no tag is split in two
            self.budget.stop("output")
            cut = html.rfind("\n", 0, cap)
            html = html[: max(cut, 0)] + ('<div class="wiki-budget-exceeded"><span class="wiki-budget-notice">'
                                          "%s</span></div>\n" % esc.text(notice_text("output")))
        heads = [HeadingRef(h.level, num, "s-" + num, self._plain(h.children).strip(), h.folded)
                 for h, num in self.headings]
        notes = [FootnoteRef(e[5], e[1], e[3].strip()) for e in self.fn.all]
        return RenderResult(html, heads, notes, self.categories, None, list(self.budget.exceeded))

    def _document_blocks(self, children: list, out: list) -> None:
        """The page's top-level blocks. When the output budget runs out inside a block, what
        was rendered of it stays (every construct closes its tags as rendering unwinds), then
        the notice, then the source of the blocks after it."""
        budget = self.budget
        open_section = False
        budget.count_nodes(len(children))
        for k, node in enumerate(children):
            if budget.stopped:
                self._stop_here(node.start, out)
                break
            if type(node) is Heading and id(node) in self.heading_number:
                if open_section:
                    out.append("</div>\n")
                self._heading(node, out)
                out.append('<div class="wiki-heading-content%s">' % (
                    " wiki-heading-content-folded" if node.folded else ""))
                open_section = True
            else:
                self.block(node, out)
            if not budget.meter(out) or budget.stopped:
                rest = children[k + 1].start if k + 1 < len(children) else len(self.source)
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

    def _heading(self, node: Heading, out: list) -> None:
        num = self.heading_number[id(node)]
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
        ids = self.shared.setdefault("ids", set())
        ident = base = self.id_prefix + name
        if ident in ids:
            # the next suffix is remembered per name: 100,000 [anchor(a)] stay linear
            last = self.shared.setdefault("id_suffix", {})
            k = last.get(base, 1)
            while ident in ids:
                k += 1
                ident = "%s-%d" % (base, k)
            last[base] = k
        ids.add(ident)
        return ident

    def _list(self, node: ListBlock, out: list) -> None:
        if node.style == "bullet":
            out.append('<ul class="wiki-list">')
            close = "</ul>\n"
        else:
            out.append('<ol class="%s" start="%d">' % (_OL_CLASS[node.style], node.first))
            close = "</ol>\n"
        first = True
        for item in node.items:
            if item.value is not None and not first:
                out.append('<li value="%d">' % item.value)
            else:
                out.append("<li>")
            first = False
            self.blocks(item.children, out)
            out.append("</li>")
        out.append(close)

    # -- tables --------------------------------------------------------------------------
    def _table(self, node: Table, out: list) -> None:
        area = table_area(node)
        budget = self.budget
        lim = budget.limits
        if area > lim.table_area or not budget.take("grid", area):
            out.append(budget.refusal("table", self.source[node.start:node.end], block=True))
            return
        ta = node.attrs
        out.append(_table_open(ta) if ta else _PLAIN_TABLE_OPEN)
        if node.caption is not None:
            out.append("<caption>")
            self.inlines(node.caption, out)
            out.append("</caption>")
        # leading rows marked <thead> form the table's head (sortable tables keep it in place)
        head_rows = 0
        while head_rows < len(node.rows) and node.rows[head_rows].attrs.get("thead"):
            head_rows += 1
        if ta.get("sortable") and not head_rows and len(node.rows) > 1:
            head_rows = 1  # a sortable table sorts below its first row
        out.append("<thead>" if head_rows else "<tbody>")
        colbg: dict = {}
        colcolor: dict = {}
        # columns still covered by a cell of an earlier row (rowspan): column -> last row index.
        # Marking and skipping them costs one step per covered grid cell: the area paid above.
        taken: dict = {}
        for row_index, row in enumerate(node.rows):
            if head_rows and row_index == head_rows:
                out.append("</thead><tbody>")
            out.append(_row_open(row.attrs) if row.attrs else '<tr class="wiki-table-tr">')
            col = 0
            cells = row.cells
            i = 0
            while i < len(cells):
                if not colbg and not colcolor:
                    j = self._plain_cells(cells, i, out, taken, col, row_index)
                    if j > i:
                        col += j - i
                        i = j
                        continue
                cell = cells[i]
                i += 1
                while taken and taken.get(col, -1) >= row_index:
                    col += 1
                if cell.rowspan > 1 and row_index + 1 < len(node.rows):
                    last = row_index + cell.rowspan - 1
                    for c in range(col, col + cell.colspan):
                        taken[c] = last
                a = cell.attrs
                if (not a and not colbg and not colcolor and cell.colspan == 1
                        and cell.rowspan == 1 and cell.valign is None):
                    # the common plain cell
                    out.append(_PLAIN_TD[cell.align])
                    self.blocks(cell.children, out)
                    out.append("</td>")
                    col += 1
                    continue
                covered = range(col, col + max(1, min(a.get("colspan_at", 1), limits.MAX_SPAN)))
                if "colbg" in a:
                    for c in covered:
                        colbg[c] = a["colbg"]
                if "colcolor" in a:
                    for c in covered:
                        colcolor[c] = a["colcolor"]
                cstyle, cdark = [], []
                if cell.align:
                    cstyle.append("text-align: %s" % cell.align)
                if cell.valign and cell.valign != "middle":
                    cstyle.append("vertical-align: %s" % cell.valign)
                # help 2023: column colours skip empty cells ("빈 셀에는 색상이 적용되지 않습니다")
                ch = cell.children
                empty = len(ch) == 1 and type(ch[0]) is Paragraph and not ch[0].children
                bg = a.get("bg") or (None if empty else colbg.get(col))
                _color_decl("background-color", bg, cstyle, cdark)
                fg = a.get("color") or (None if empty else colcolor.get(col))
                _color_decl("color", fg, cstyle, cdark)
                if "width" in a:
                    cstyle.append("width: %s" % a["width"])
                if "height" in a:
                    cstyle.append("height: %s" % a["height"])
                cls = []
                if a.get("nopad"):
                    cls.append("wiki-table-nopadding")
                if a.get("keepall"):
                    cls.append("wiki-table-keepall")
                if a.get("class"):
                    cls.append(html_classes(a["class"]))
                attrs = ""
                if cls:
                    attrs += ' class="%s"' % " ".join(cls)
                if cell.colspan != 1:
                    attrs += ' colspan="%d"' % cell.colspan
                if cell.rowspan != 1:
                    attrs += ' rowspan="%d"' % cell.rowspan
                out.append("<td%s%s>" % (attrs, _style_attr(cstyle, cdark)))
                self.blocks(cell.children, out)
                out.append("</td>")
                col += cell.colspan
            out.append("</tr>")
        out.append("</thead></table></div>\n" if head_rows == len(node.rows) else "</tbody></table></div>\n")

    def _plain_cells(self, cells: list, i: int, out: list, taken: dict, col: int, row: int) -> int:
        """Write the run of plain cells (no attributes, no span, one paragraph of plain text,
        in a free column) from ``cells[i]``, exactly as the general loop would; return where the
        run ends. The output is metered after the run's first cell, as the general loop does,
        then again only where the count could reach its cap: before that no meter can stop."""
        budget = self.budget
        if budget.stopped:
            return i
        cap = budget.limits.output_chars
        node_cap = budget.limits.nodes
        unmetered = 0
        j = i
        n = len(cells)
        while j < n:
            cell = cells[j]
            if (cell.attrs or cell.colspan != 1 or cell.rowspan != 1 or cell.valign is not None
                    or (taken and taken.get(col + j - i, -1) >= row)):
                break
            kids = plain_text_cell(cell)
            if kids is None or budget.nodes + 1 + len(kids) > node_cap:
                break
            budget.nodes += 1 + len(kids)  # what self.blocks and self.inlines would count
            body = esc.text(kids[0].text) if len(kids) == 1 else "".join([esc.text(k.text) for k in kids])
            piece = '%s%s<div class="wiki-paragraph">%s</div>\n' % (
                "</td>" if j > i else "", _PLAIN_TD[cell.align], body)
            out.append(piece)
            j += 1
            unmetered += len(piece)
            if j == i + 1 or budget.output + unmetered > cap:
                unmetered = 0
                if not budget.meter(out) or budget.stopped:
                    break
        if j > i:
            if unmetered:
                budget.meter(out)  # cannot stop: the output stays within the cap
            out.append("</td>")
        return j

    # -- inline --------------------------------------------------------------------------
    def inlines(self, nodes: list, out: list) -> None:
        budget = self.budget
        if budget.stopped or not budget.count_nodes(len(nodes)):
            return
        after_include = False
        pending = 0  # constructs rendered since the output was last metered
        for n in nodes:
            t = type(n)
            if t is Text:
                out.append(esc.text(n.text))
            elif t is LineBreak:
                if not after_include:  # an included page is a block: its line break goes
                    out.append("<br>")
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

    # -- links and files -----------------------------------------------------------------
    def _exists(self, title: str) -> bool:
        cache = self.shared["exists"]
        v = cache.get(title)
        if v is None:
            try:
                v = bool(self.ctx.page_exists(title))
            except Exception:
                v = False
            cache[title] = v
        return v

    def _link(self, node: Link, out: list) -> None:
        if self.in_link:
            # no link inside a link (browsers split nested <a> apart): the inner one is its text
            if node.label is not None:
                self.inlines(node.label, out)
            elif node.external:
                out.append(esc.text(node.target))
            else:
                out.append(esc.text(node.target or "#" + (node.anchor or "")))
            return
        if node.external:
            url = node.target
            href = esc.external_href(url)
            # the tooltip is the URL without its fragment (spec namumark.md §4.4, 렌더확정)
            out.append('<a class="wiki-link-external" href="%s" target="_blank" '
                       'rel="nofollow noopener ugc" title="%s">' % (esc.attr(href),
                                                                  esc.attr(url.split("#", 1)[0])))
            self._label(node, url, out)
            out.append("</a>")
            return
        title = (node.target if node.pinned else links.resolve_relative(node.target, self.title)
                 ) if node.target else ""
        if not title:
            if node.anchor is None:
                href = ""
            else:
                href = esc.anchor_href(node.anchor)
            out.append('<a class="wiki-link-internal" href="%s" title="">' % esc.attr(href))
            self._label(node, "#" + (node.anchor or ""), out)
            out.append("</a>")
            return
        href = self._page_url(title)
        if node.anchor:
            href += esc.anchor_href(node.anchor)
        default_label = node.target
        if title == self.title and node.anchor is None:
            cls, rel = "wiki-link-internal wiki-self-link", ""
        elif self._exists(title):
            cls, rel = "wiki-link-internal", ""
        else:
            cls, rel = "wiki-link-internal not-exist", ' rel="nofollow"'
        out.append('<a class="%s" href="%s"%s title="%s">' % (cls, esc.attr(href), rel,
                                                             esc.attr(title)))
        self._label(node, default_label, out)
        out.append("</a>")

    def _page_url(self, title: str) -> str:
        cache = self.shared.setdefault("urls", {})
        url = cache.get(title)
        if url is None:
            url = cache[title] = self.ctx.page_url(title)
        return url

    def _label(self, node: Link, default: str, out: list) -> None:
        if node.label is None:
            out.append(esc.text(default))
        else:
            self.in_link += 1
            self.inlines(node.label, out)
            self.in_link -= 1

    def _file(self, node: FileEmbed, out: list) -> None:
        try:
            info = self.ctx.file_info(node.title)
        except Exception:
            info = None
        href = self.ctx.page_url(node.title)
        if info is None:
            # a host may send readers of a missing file to its upload form (missing_file_url)
            missing = getattr(self.ctx, "missing_file_url", None)
            href = missing(node.title) if missing is not None else href
            if self.in_link:  # no link inside a link: the missing file shows as its name
                out.append(esc.text(node.title))
                return
            out.append('<a class="wiki-link-internal not-exist" href="%s" rel="nofollow" '
                       'title="%s">%s</a>' % (esc.attr(href), esc.attr(node.title),
                                              esc.text(node.title)))
            return
        o = node.options
        cls = "wiki-image-align-" + o.get("align", "normal")
        if o.get("theme"):
            cls += " wiki-theme-" + o["theme"]
        outer, dark = [], []
        if "width" in o:
            outer.append("width: %s" % o["width"])
        if "height" in o:
            outer.append("height: %s" % o["height"])
        _color_decl("background-color", o.get("bgcolor"), outer, dark)
        img_style = []
        if "border-radius" in o:
            img_style.append("border-radius: %s" % o["border-radius"])
        if "rendering" in o:
            img_style.append("image-rendering: %s" % o["rendering"])
        if "object-fit" in o:
            img_style.append("object-fit: %s" % o["object-fit"])
        img_attrs = ""
        if "width" in o:
            img_attrs += ' width="100%"'
        if "height" in o:
            img_attrs += ' height="100%"'
        if info.width and "width" not in o and "height" not in o:
            img_attrs += ' width="%d"' % int(info.width)
            if info.height:
                img_attrs += ' height="%d"' % int(info.height)
        link = not self.in_link
        if link:
            out.append('<a class="wiki-link-internal" href="%s" title="%s">' % (
                esc.attr(href), esc.attr(node.title)))
        out.append('<span class="%s"%s><span class="wiki-image-wrapper">'
                   '<img src="%s" alt="%s"%s%s loading="lazy"></span></span>' % (
                       cls, _style_attr(outer, dark), esc.attr(info.url), esc.attr(node.title),
                       img_attrs, _style_attr(img_style, [])))
        if link:
            out.append("</a>")

    # -- footnotes -----------------------------------------------------------------------
    def _footnote(self, node: Footnote, out: list) -> None:
        if self.in_toc:
            return
        fn = self.fn
        if fn.count >= limits.MAX_FOOTNOTES:
            out.append(esc.text("[*]"))
            return
        fn.count += 1
        ref = fn.count
        entry = fn.named.get(node.name) if node.name is not None else None
        fn.ref_ids[ref] = self._fresh_id("rfn-%d" % ref)
        body: list[str] | None = None
        if entry is None:
            plain = self._plain(node.children) if node.children is not None else ""
            label = node.name if node.name is not None else str(ref)
            # help 2018-04 §앵커: every note has an fn-번호 or fn-이름 anchor. The entry is listed
            # before its body renders: a note inside it comes after it, and an inner [*A …]
            # is the same note A (issue 11 item 5; help 2017-07 line 523 각주 안의 각주)
            entry = [ref, label, "", plain, [ref], self._fresh_id("fn-" + label)]
            if node.name is not None:
                fn.named[node.name] = entry
            fn.pending.append(entry)
            fn.all.append(entry)
            body = []
        else:
            entry[4].append(ref)
        tag = "span" if self.in_link else "a"  # inside a link label the marker is not a link
        href = "" if self.in_link else ' href="%s"' % esc.attr(esc.anchor_href(entry[5]))
        out.append('<%s class="wiki-fn-content" title="%s"%s><span id="%s"></span>[%s]</%s>' % (
            tag, esc.attr(entry[3].strip()), href, esc.attr(fn.ref_ids[ref]), esc.text(entry[1]), tag))
        if body is not None and node.children is not None:
            self.inlines(node.children, body)
            self.budget.release(body)
            entry[2] = "".join(body)
            # a pending note is output to come: it counts until its list is written
            self.budget.hold(len(entry[2]))

    def _flush_footnotes(self, out: list) -> None:
        fn = self.fn
        if not fn.pending:
            return
        budget = self.budget
        if budget.stopped:
            fn.pending = []
            return
        budget.meter(out)
        bodies = sum(len(e[2]) for e in fn.pending)
        budget.unhold(bodies)  # counted again below, as the list is written
        if bodies + 100 * len(fn.pending) > budget.room():
            fn.pending = []
            fn.named = {}
            out.append(budget.refusal("footnotes", "[각주]", block=True))
            return
        def back(ref: int, inner: str) -> str:
            # inside a link label (an included page's notes) the back-link is text: no <a> in <a>
            return "<span>%s</span> " % inner if self.in_link else '<a href="%s">%s</a> ' % (
                esc.attr(esc.anchor_href(fn.ref_ids.get(ref, "rfn-%d" % ref))), inner)

        out.append('<div class="wiki-macro-footnote">')
        for number, label, body, _plain, refs, anchor in fn.pending:
            out.append('<span class="footnote-list"><span id="%s"></span>' % esc.attr(anchor))
            if len(refs) == 1:
                out.append(back(refs[0], "[%s]" % esc.text(label)))
            else:
                out.append("[%s] " % esc.text(label))
                for k, r in enumerate(refs, 1):
                    out.append(back(r, "<sup>%d.%d</sup>" % (number, k)))
            out.append(body)
            out.append("</span>")
        out.append("</div>")
        budget.meter(out)
        fn.pending = []
        fn.named = {}

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

    def _toc(self, node: Macro, out: list) -> None:
        # the first TOC carries id="toc" (the headings link back to it); ids stay unique.
        # The list itself is built once per render: a page may hold many [목차], and each
        # copy is paid from the output budget before it is added.
        body = self.shared.get("toc_body")
        if body is None:
            body = self.shared["toc_body"] = self._toc_body()
        budget = self.budget
        budget.meter(out)
        if len(body) + 100 > budget.room():
            out.append(budget.refusal("toc", node.raw))
            return
        first = not self.shared.get("toc")
        self.shared["toc"] = True
        out.append('<div class="wiki-macro-toc"%s><details open><summary>목차</summary>' % (
            ' id="toc"' if first else ""))
        out.append(body)
        out.append("</details></div>")
        budget.meter(out)  # paid now: the list may be a footnote's, never metered again

    def _toc_body(self) -> str:
        out: list[str] = []
        depth = 0
        for h, num in self.headings:
            d = num.count(".") + 1
            while depth < d:
                out.append('<div class="toc-indent">')
                depth += 1
            while depth > d:
                out.append("</div>")
                depth -= 1
            # the item shows the heading as written (links and styles live), without its
            # footnotes and anchors (their ids belong to the heading itself)
            out.append('<span class="toc-item"><a href="#s-%s">%s</a>. ' % (num, num))
            self.in_toc += 1
            item: list[str] = []
            self.inlines(h.children, item)
            self.budget.release(item)
            self.in_toc -= 1
            out.append("".join(item).strip())
            out.append("</span>")
        out.append("</div>" * depth)
        return "".join(out)

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
                           include_depth=self.include_depth + 1, footnotes=_FootnoteState(),
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

    def _media_hosts(self):
        hosts = self.shared.get("media_hosts")
        if hosts is None:
            hosts = getattr(self.ctx, "html_media_hosts", None) or ()
            if isinstance(hosts, str):
                hosts = hosts.split(",")
            hosts = self.shared["media_hosts"] = tuple(
                h.strip().lower() for h in hosts if isinstance(h, str) and h.strip())
        return hosts

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

_PLAIN_TD = {None: "<td>", "left": '<td style="text-align: left;">',
             "center": '<td style="text-align: center;">', "right": '<td style="text-align: right;">'}


def table_area(node: Table) -> int:
    """Grid cells the table covers: each cell's colspan × rowspan, the rowspan clipped to the
    rows below it (a browser lays out no more)."""
    rows = node.rows
    n = len(rows)
    area = 0
    for i, row in enumerate(rows):
        left = n - i
        for cell in row.cells:
            area += cell.colspan * (cell.rowspan if cell.rowspan < left else left)
    return area


def _table_open(ta: dict) -> str:
    """The wrapper and ``<table>`` tags for the table attributes ``ta``."""
    wrap_cls = "wiki-table-wrap"
    if ta.get("align") in ("center", "right", "left"):
        wrap_cls += " table-" + ta["align"]
    wrap_style = []
    tstyle, tdark = [], []
    if "width" in ta:
        wrap_style.append("width: %s" % ta["width"])
        tstyle.append("width: 100%")
    if "height" in ta:
        tstyle.append("height: %s" % ta["height"])
    _color_decl("background-color", ta.get("bg"), tstyle, tdark)
    _color_decl("color", ta.get("color"), tstyle, tdark)
    if "border" in ta:
        light, dark = ta["border"]
        tstyle.append("border: 2px solid %s" % light)
        if dark:
            tdark.append("border: 2px solid %s" % dark)
    table_cls = "wiki-table"
    table_data = ""
    if ta.get("sortable"):
        # our script (static/namumark.js) sorts by a click; without it the table is plain
        table_cls += " wiki-table-sortable"
        table_data = ' data-wiki-sortable="1"'
    if ta.get("class"):
        table_cls += " " + html_classes(ta["class"])
    return '<div class="%s"%s><table class="%s"%s%s>' % (
        wrap_cls, _style_attr(wrap_style, []), table_cls, table_data, _style_attr(tstyle, tdark))


def _row_open(attrs: dict) -> str:
    rstyle, rdark = [], []
    _color_decl("background-color", attrs.get("bg"), rstyle, rdark)
    _color_decl("color", attrs.get("color"), rstyle, rdark)
    row_cls = "wiki-table-tr"
    if attrs.get("class"):
        row_cls += " " + html_classes(attrs["class"])
    return '<tr class="%s"%s>' % (row_cls, _style_attr(rstyle, rdark))


def _color_decl(prop: str, pair, style: list, dark: list) -> None:
    if not pair:
        return
    light, d = pair
    style.append("%s: %s" % (prop, light))
    if d:
        dark.append("%s: %s" % (prop, d))


def _style_attr(style: list, dark: list) -> str:
    s = ""
    if style:
        s += ' style="%s"' % esc.attr("; ".join(style) + ";")
    if dark:
        s += ' data-dark-style="%s"' % esc.attr("; ".join(dark) + ";")
    return s


_PLAIN_TABLE_OPEN = _table_open({})


def render_html(doc: Document, context: Context | None = None, *, title: str | None = None
                ) -> RenderResult:
    return HtmlRenderer(context, title).render(doc)
