"""Tree → plain text, the way a reader copying the page would get it: numbered headings
("1.2. 제목"), ``[N]`` footnote markers with the notes listed at the end (or where [각주] is),
images as ``파일:이름``, links as their labels, table cells separated by tabs."""
from __future__ import annotations

from . import limits, macros
from .budget import Budget

from .context import Context, MemoryContext
from .headings import number_headings
from .made_on_read import count_of, each
from .reference_pass import References, gather, references
from .tables import plain_text_cell
from .nodes import (
    CategoryLink, Code, Color, Conditional, Document, FileEmbed, Folding, Footnote, Heading,
    HorizontalRule, HtmlBlock, Include, Indent, LineBreak, Link, ListBlock, Macro, Paragraph,
    Quote, Size, Style, StyleSheet, SyntaxBlock, Table, Text, WikiBox,
)

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for v, s in _ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _alpha(n: int) -> str:
    if n <= 0:
        return str(n)
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s


# Leading spaces of code lines survive the paragraph's whitespace trimming under this mark
# (control characters never reach the tree, so it cannot clash with page text).
_KEEP = "\x00"


def _keep_indent(code: str) -> str:
    if not code.startswith(" ") and "\n " not in code:
        return code  # nothing to keep (nested groups would copy their whole text per level)
    out = []
    for line in code.split("\n"):
        stripped = line.lstrip(" ")
        out.append(_KEEP * (len(line) - len(stripped)) + stripped)
    return "\n".join(out)


def list_marker(style: str, n: int) -> str:
    if style == "bullet":
        return "•"
    if style == "decimal":
        return "%d." % n
    if style == "alpha":
        return _alpha(n) + "."
    if style == "upper-alpha":
        return _alpha(n).upper() + "."
    if style == "roman":
        return _roman(n) + "."
    return _roman(n).upper() + "."


def inline_plain(nodes: list) -> str:
    """Plain text of inline nodes without any context (heading ids, footnote titles)."""
    out: list[str] = []
    _plain_into(nodes, out)
    return "".join(out)


def _plain_into(nodes, out: list) -> None:
    for n in nodes:
        t = type(n)
        if t is Text:
            out.append(n.text)
        elif t is LineBreak:
            out.append("\n")
        elif t in (Style, Size, Color):
            _plain_into(n.children, out)
        elif t is Code:
            out.append(n.text)
        elif t is Link:
            if n.label is not None:
                _plain_into(n.label, out)
            elif n.external:
                out.append(n.target)
            else:
                out.append(n.target or "#" + (n.anchor or ""))
        elif t is FileEmbed:
            out.append(n.title)
        elif t is Macro:
            if n.name == "br":
                out.append("\n")
            elif n.name == "ruby":
                pos, _kw = macros.positional_and_keywords(n.args)
                out.append(pos[0] if pos else "")


class TextRenderer:
    def __init__(self, context: Context | None = None, title: str | None = None, *,
                 params=None, include_depth: int = 0, counter=None,
                 budget: Budget | None = None, shared: dict | None = None):
        self.ctx = context if context is not None else MemoryContext()
        self.shared = shared if shared is not None else {}  # includes (see includes.py)
        self.budget = budget if budget is not None else Budget()
        self.cap = self.budget.limits.text_chars
        self.title = title
        self.params = params or {}
        self.vars: dict = {}
        self.include_depth = include_depth
        # footnotes (shared with included renders)
        self.counter = counter if counter is not None else [0]
        self.pending: list[tuple[str, str]] = []
        self.named: dict = {}
        self.numbers: dict = {}
        self.now = None
        # meta.References to fill while rendering (text_and_references), else None
        self.refs = None

    def render(self, doc: Document) -> str:
        if doc.redirect is not None:
            return ""  # a redirect page has no body
        self.numbers = {id(h): num for h, num in number_headings(doc.children)}
        lines: list[str] = []
        self.blocks(doc.children, lines, "", top=True)
        if self.budget.stopped:
            self.pending = []
            lines.append(self.budget.text_refusal(self.budget.stopped, ""))
        if self.pending:
            lines.append("")
        self._flush(lines)
        # trailing spaces of a line are not part of what a reader copies
        text = "\n".join(lines)
        if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
            text = "\n".join([line.rstrip(" \t") for line in text.split("\n")])
        text = text.strip("\n").replace(_KEEP, " ")
        if len(text) > self.cap:  # the meter stops close to the cap; this makes it exact
            self.budget.stop("output")
            text = text[: self.cap]
        return text

    # blocks append whole lines to ``lines``
    def blocks(self, nodes, lines: list, prefix: str, top: bool = False) -> None:
        budget = self.budget
        if budget.stopped or not budget.count_nodes(count_of(nodes)):
            return
        for n in each(nodes):  # a long page's blocks a batch at a time (top_blocks.py)
            if not budget.meter(lines, self.cap):
                return
            t = type(n)
            if t is Paragraph:
                kids = n.children
                if not prefix and len(kids) == 1 and type(kids[0]) in (WikiBox, Folding):
                    self._group_paragraph(kids[0], lines)
                    continue
                body = self._one_run(kids)
                if body is None:
                    body = self.inline(kids)
                if not prefix and not body.startswith(" ") and "\n " not in body:
                    lines.extend(body.split("\n"))  # nothing to trim: no loop per line
                else:
                    for ln in body.split("\n"):
                        # like a browser, leading spaces of a line are not shown
                        lines.append(prefix + ln.lstrip(" "))
            elif t is Heading:
                num = self.numbers.get(id(n)) if top else None
                body = self._one_run(n.children)
                body = (self.inline(n.children) if body is None else body).strip()
                lines.append(prefix + (num + ". " + body if num else body))
            elif t is ListBlock:
                k = n.first
                for item in each(n.items):  # a long list's items are not kept (list_items)
                    if item.value is not None:
                        k = item.value
                    marker = list_marker(n.style, k) + " "
                    sub = self._plain_lines(item)
                    if sub is None:
                        sub = []
                        self.blocks(item.children, sub, "")
                        budget.release(sub, self.cap)
                    pad = " " * len(marker)
                    for j, ln in enumerate(sub or [""]):
                        lines.append(prefix + (marker if j == 0 else pad) + ln)
                    k += 1
            elif t is Indent:
                self.blocks(n.children, lines, prefix)
            elif t is Quote:
                self.blocks(n.children, lines, prefix + "> ")
            elif t is HorizontalRule:
                lines.append(prefix + "----")
            elif t is Table:
                if n.caption is not None:
                    lines.append(prefix + self.inline(n.caption))
                for row in each(n.rows):  # a long table's rows are not kept (table_rows)
                    cells = []
                    for cell in row.cells:
                        kids = plain_text_cell(cell)
                        if kids is not None and not budget.stopped:
                            body = "".join([k.text for k in kids])
                            if (budget.nodes + 1 + len(kids) <= budget.limits.nodes
                                    and budget.output + len(body) <= self.cap):
                                # what self.blocks writes and counts for it, without its calls
                                budget.nodes += 1 + len(kids)
                                parts = (ln.lstrip(" ").strip(" " + _KEEP) for ln in body.split("\n"))
                                cells.append(" ".join(p for p in parts if p))
                                continue
                        sub = []
                        self.blocks(cell.children, sub, "")
                        budget.release(sub, self.cap)
                        parts = (s.strip(" " + _KEEP) for s in sub)
                        cells.append(" ".join(p for p in parts if p))
                    lines.append(prefix + "\t".join(cells))
            else:
                body = self.inline([n])
                for ln in body.split("\n"):
                    lines.append(prefix + ln)
        budget.meter(lines, self.cap)

    def _one_run(self, kids) -> str | None:
        """``self.inline(kids)`` when ``kids`` is one plain run that no budget can stop on
        (a paragraph, heading or footnote of plain text: most of them), else None: the same
        text and node count, without the calls."""
        if len(kids) != 1 or type(kids[0]) is not Text:
            return None
        budget = self.budget
        body = kids[0].text
        if budget.stopped or budget.nodes >= budget.limits.nodes or budget.output + len(body) > self.cap:
            return None  # the general path stops where it must
        budget.nodes += 1  # what self.inline counts and checks for one Text
        return body

    def _plain_lines(self, item) -> list | None:
        """The lines ``self.blocks(item.children, sub, "")`` writes when they are one paragraph
        of plain text and no budget can stop on it (else None): the same lines and node count,
        without the calls."""
        kids = plain_text_cell(item)
        if kids is None:
            return None
        budget = self.budget
        body = kids[0].text if len(kids) == 1 else "".join([k.text for k in kids])
        if (budget.stopped or budget.nodes + 1 + len(kids) > budget.limits.nodes
                or budget.output + len(body) > self.cap):
            return None  # the general path stops where it must
        budget.nodes += 1 + len(kids)
        if not body.startswith(" ") and "\n " not in body:
            return body.split("\n")
        return [ln.lstrip(" ") for ln in body.split("\n")]

    def _group_paragraph(self, box, lines: list) -> None:
        """A paragraph that is one ``{{{#!wiki}}}`` or ``{{{#!folding}}}`` group, without a
        prefix: what ``lines`` gets from ``self.inline([box])`` then the paragraph's split, but
        the group's lines are moved up as they are when no line needs its indentation kept:
        nested groups do not re-split and re-count the whole text beneath them per level."""
        budget = self.budget
        if budget.stopped or not budget.count_nodes(1):
            lines.append("")
            return
        head = box.summary if type(box) is Folding else None
        sub: list[str] = []
        self.blocks(box.children, sub, "")
        budget.release(sub, self.cap)
        joined = "\n".join(sub)
        size = len(joined) + (0 if head is None else len(head) + 1)
        if budget.output + size > self.cap:  # the check inline() makes on the joined text
            budget.stop("output")
        if (not joined.startswith(" ") and "\n " not in joined and joined.count("\n") == len(sub) - 1
                and (head is None or (not head.startswith(" ") and "\n" not in head))):
            # each line of ``sub`` is one line of the paragraph, none with indentation to keep
            pieces = sub if head is None else [head, *sub]
            budget.extend_metered(lines, pieces or [""], size - max(len(pieces) - 1, 0))
            return
        body = _keep_indent(joined) if head is None else head + "\n" + _keep_indent(joined)
        if not body.startswith(" ") and "\n " not in body:
            lines.extend(body.split("\n"))
        else:
            lines.extend([ln.lstrip(" ") for ln in body.split("\n")])

    def _block_text(self, nodes) -> str:
        """Blocks inside an inline group: their own indentation (nested list items) survives
        the enclosing paragraph's trimming of leading spaces."""
        sub: list[str] = []
        self.blocks(nodes, sub, "")
        self.budget.release(sub, self.cap)
        return _keep_indent("\n".join(sub))

    def inline(self, nodes) -> str:
        out: list[str] = []
        self._inline(nodes, out)
        self.budget.release(out, self.cap)
        return "".join(out)

    def _inline(self, nodes, out: list) -> None:
        budget = self.budget
        if budget.stopped or not budget.count_nodes(len(nodes)):
            return
        for n in nodes:
            if budget.stopped:
                return
            t = type(n)
            if t is Text:
                out.append(n.text)
            elif t is Link:  # the commonest nodes are tested first
                if self.refs is not None:
                    self.refs.link(n)
                if n.label is not None:
                    self._inline(n.label, out)
                elif n.external:
                    out.append(n.target)
                else:
                    out.append(n.target or "#" + (n.anchor or ""))
            elif t is LineBreak:
                out.append("\n")
            elif t in (Style, Size, Color):
                self._inline(n.children, out)
            elif t is Code:
                out.append(_keep_indent(n.text) if n.block else n.text)
            elif t is StyleSheet:
                pass  # style rules are not text
            elif t is SyntaxBlock:
                out.append(_keep_indent(n.code))
            elif t is HtmlBlock:
                if not budget.take("html", len(n.html)):
                    out.append(budget.text_refusal("html", ""))
                    continue
                from .htmlisland import sanitize_html
                import re
                import html as _html
                out.append(_html.unescape(re.sub(r"<[^>]*>", "", sanitize_html(n.html))))
            elif t is FileEmbed:
                if self.refs is not None:
                    self.refs.file(n)
                out.append(n.title)
            elif t is CategoryLink:
                if self.refs is not None:
                    self.refs.category(n)
            elif t is Footnote:
                self._footnote(n, out)
            elif t is Macro:
                self._macro(n, out)
            elif t in (WikiBox, Folding):
                if t is Folding:
                    out.append(n.summary + "\n")
                out.append(self._block_text(n.children))
            elif t is Conditional:
                refs = self.refs
                if refs is not None:
                    # the references are the tree's, not those of the body as the variables
                    # fill it: gathered here, and the body rendered without collecting
                    gather(n.children, refs)
                    self.refs = None
                try:
                    self._conditional(n, out)
                finally:
                    self.refs = refs
            elif t is Include:
                if self.refs is not None:
                    self.refs.includes.append(n)
                out.append(self._include(n))
                budget.meter(out, self.cap)
            else:
                out.append(self._block_text([n]))

    def _conditional(self, n: Conditional, out: list) -> None:
        budget = self.budget
        from .conditions import evaluate_with_bindings
        ok, self.vars = evaluate_with_bindings(n.expr, self.params, self.vars,
                                               callee_title=self.title, budget=budget)
        if ok is None:
            out.append(budget.text_refusal("condition", n.body))
        elif ok:
            from . import conditional_children
            body = conditional_children(n, self.vars, budget)
            if body is None:
                out.append(budget.text_refusal("substitution", n.body))
            else:
                out.append(self._block_text(body.children))
            budget.meter(out, self.cap)

    def _footnote(self, n: Footnote, out: list) -> None:
        self.counter[0] += 1
        num = self.counter[0]
        if num > limits.MAX_FOOTNOTES or (n.name is not None and n.name in self.named):
            if self.refs is not None and n.children:
                gather(n.children, self.refs)  # a body not rendered still points at pages
            if num <= limits.MAX_FOOTNOTES:
                out.append("[%s]" % n.name)
            return
        label = n.name if n.name is not None else str(num)
        if n.name is not None:
            self.named[n.name] = True
        # listed before its body is read: a note inside it comes after it (issue 11 item 5)
        entry = [label, ""]
        self.pending.append(entry)
        if n.children is None:
            body = ""
        else:
            body = self._one_run(n.children)
            if body is None:
                body = self.inline(n.children)
        entry[1] = body
        out.append("[%s]" % label)

    def _flush(self, lines: list) -> None:
        for label, body in self.pending:
            lines.append("[%s] %s" % (label, body.replace("\n", " ").strip()))
        self.pending = []
        self.named = {}

    def _macro(self, n: Macro, out: list) -> None:
        name = n.name
        if name == "br":
            out.append("\n")
        elif name == "clearfix" or name == "anchor":
            pass
        elif name in macros.TOC:
            pass
        elif name in macros.FOOTNOTES:
            tmp: list[str] = []
            self._flush(tmp)
            if tmp:
                out.append("\n" + "\n".join(tmp))
        elif name in ("date", "datetime"):
            from .dates import format_datetime
            out.append(format_datetime(self._now()))
        elif name == "age":
            from .dates import age
            v = age(n.args or "", self._now())
            out.append("invalid date" if v is None else str(v))
        elif name == "dday":
            from .dates import dday, format_dday
            v = dday(n.args or "", self._now())
            out.append("invalid dday" if v is None else format_dday(v))
        elif name == "pagecount":
            try:
                out.append(str(int(self.ctx.page_count((n.args or "").strip() or None))))
            except Exception:
                out.append(n.raw)
        elif name == "ruby":
            pos, _kw = macros.positional_and_keywords(n.args)
            out.append(pos[0] if pos else n.raw)
        elif name == "math":
            out.append(n.args or "")
        elif name in macros.VIDEO:
            from .embeds import video_embed
            pos, kw = macros.positional_and_keywords(n.args)
            if video_embed(name, pos, kw) is None:
                out.append(n.raw)
        else:
            out.append(n.raw)

    def _now(self):
        if self.now is None:
            from .dates import context_now
            self.now = context_now(self.ctx)
        return self.now

    def _include(self, n: Include) -> str:
        from .includes import included_document
        budget = self.budget
        doc = included_document(self.ctx, n, self.title, self.shared, budget, self.include_depth)
        if doc is False:
            return ""
        if doc is None:
            return budget.text_refusal("include", n.raw)
        sub = TextRenderer(self.ctx, self.title, params=n.args, include_depth=self.include_depth + 1,
                           counter=self.counter, budget=budget, shared=self.shared)
        lines: list[str] = []
        sub.blocks(doc.children, lines, "")
        sub._flush(lines)
        budget.release(lines, self.cap)
        return "\n".join(lines)


def render_text(doc: Document, context: Context | None = None, *, title: str | None = None) -> str:
    return TextRenderer(context, title).render(doc)


def text_and_references(doc: Document, context: Context | None = None, *, title: str | None = None,
                        budget: Budget | None = None) -> tuple[str, References]:
    """``render_text(doc)`` and ``meta.references(doc)`` from one walk of the tree: the render
    collects the references it passes, and gathers those of the subtrees it does not write (a
    footnote past the limit or reused by name, the tree of an ``#!if``). A render the budget
    stopped did not pass everything: the references are then gathered apart."""
    renderer = TextRenderer(context, title, budget=budget)
    if doc.redirect is not None:
        return renderer.render(doc), references(doc, title=title)
    refs = renderer.refs = References(title)
    text = renderer.render(doc)
    if renderer.budget.stopped:
        refs = references(doc, title=title)
    return text, refs
