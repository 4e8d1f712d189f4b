"""Footnotes and the table of contents → HTML: markers, the note lists, [목차]."""
from __future__ import annotations

from . import escape as esc
from . import limits
from .html_sink import spill_if_long
from .nodes import Footnote, Macro


class FootnoteState:
    """One counter per render; included pages share it so ids stay unique."""

    def __init__(self):
        self.count = 0
        self.pending: list = []  # entries: [number, label, html, text, ref numbers, anchor]
        self.named: dict = {}  # name -> entry (in this scope)
        self.all: list = []
        self.ref_ids: dict = {}  # ref number -> id of its marker (rfn-N, unique on the page)


class NoteRendering:
    """The footnote and TOC methods of :class:`namumark.html.HtmlRenderer`."""

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
        for k, entry in enumerate(fn.pending, 1):
            if not k % 16:
                # a long list goes into the page's text as it is written: its pieces are not all
                # held at once (issue 11, memory); the total metered is the same
                budget.meter(out)
                spill_if_long(out)
            number, label, body, _plain, refs, anchor = entry
            out.append('<span class="footnote-list"><span id="%s"></span>' % esc.attr(anchor))
            if len(refs) == 1:
                out.append(back(refs[0], "[%s]" % esc.text(label)))
            else:
                out.append("[%s] " % esc.text(label))
                for k, r in enumerate(refs, 1):
                    out.append(back(r, "<sup>%d.%d</sup>" % (number, k)))
            out.append(body)
            out.append("</span>")
            # written out: the page holds the body now, and no marker links here any more
            # (the result's notes keep only the plain text)
            entry[2] = ""
            for r in refs:
                fn.ref_ids.pop(r, None)
        out.append("</div>")
        budget.meter(out)
        fn.pending = []
        fn.named = {}

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
