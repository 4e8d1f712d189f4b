"""Footnotes and the table of contents → HTML: markers, the note lists, [목차]."""
from __future__ import annotations

from . import escape as esc
from . import limits
from .html_sink import SPILL_PIECES, PageSink, spill_if_long
from .nodes import Footnote, Macro
from .results import Footnote as NoteResult


class PendingNote:
    """A note of this render: listed at the next [각주] (or the page's end), then kept for the
    result's list. Slots, and the usual values left implicit (a note's first marker is its own
    number, its label str(number), its anchor fn-<label>): 10,000 notes held 10,000 lists, two
    lists each before (issue 11, memory). Once written it gives way to its result."""

    __slots__ = ("number", "name", "body", "plain", "more_refs", "_anchor", "index")

    def __init__(self, number: int, name: str | None, plain: str, anchor: str, index: int):
        self.number = number
        self.index = index  # its place in FootnoteState.all
        self.name = name  # None: an unnamed note, labelled by its number
        self.body = ""  # its HTML, until the list is written
        self.plain = plain  # the plain text, stripped (the markers' title, the result's text)
        self.more_refs: list | None = None  # the numbers of its markers after the first
        self._anchor = None if anchor == "fn-" + self.label else anchor

    @property
    def label(self) -> str:
        return self.name if self.name is not None else str(self.number)

    @property
    def anchor(self) -> str:
        """The id of its place in the list (fn-번호 or fn-이름, made unique on the page)."""
        return self._anchor if self._anchor is not None else "fn-" + self.label

    @property
    def refs(self) -> list:
        return [self.number] + self.more_refs if self.more_refs else [self.number]

    def result(self) -> NoteResult:
        return NoteResult(self.anchor, self.label, self.plain)


class FootnoteState:
    """One counter per render; included pages share it so ids stay unique."""

    def __init__(self):
        self.count = 0
        self.pending: list = []  # PendingNote
        self.named: dict = {}  # name -> PendingNote (in this scope)
        self.all: list = []  # every note: a PendingNote, its result once written
        # ref number -> id of its marker when not rfn-N (unique on the page: an anchor may
        # have taken rfn-N first, or an included page prefixes it)
        self.ref_ids: dict = {}

    def ref_id(self, ref: int) -> str:
        ident = self.ref_ids.get(ref)
        return ident if ident is not None else "rfn-%d" % ref


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
        plain_id = "rfn-%d" % ref
        ref_id = self._fresh_id(plain_id)
        if ref_id != plain_id:
            fn.ref_ids[ref] = ref_id
        body: list[str] | None = None
        if entry is None:
            plain = self._plain(node.children).strip() if node.children is not None else ""
            label = node.name if node.name is not None else str(ref)
            # help 2018-04 §앵커: every note has an fn-번호 or fn-이름 anchor. The entry is listed
            # before its body renders: a note inside it comes after it, and an inner [*A …]
            # is the same note A (issue 11 item 5; help 2017-07 line 523 각주 안의 각주)
            entry = PendingNote(ref, node.name, plain, self._fresh_id("fn-" + label), len(fn.all))
            if node.name is not None:
                fn.named[node.name] = entry
            fn.pending.append(entry)
            fn.all.append(entry)
            body = []
        else:
            if entry.more_refs is None:
                entry.more_refs = []
            entry.more_refs.append(ref)
            label = entry.label
        tag = "span" if self.in_link else "a"  # inside a link label the marker is not a link
        href = "" if self.in_link else ' href="%s"' % esc.attr(esc.anchor_href(entry.anchor))
        out.append('<%s class="wiki-fn-content" title="%s"%s><span id="%s"></span>[%s]</%s>' % (
            tag, esc.attr(entry.plain), href, esc.attr(ref_id), esc.text(label), tag))
        if body is not None and node.children is not None:
            self.inlines(node.children, body)
            self.budget.release(body)
            entry.body = "".join(body)
            # a pending note is output to come: it counts until its list is written
            self.budget.hold(len(entry.body))

    def _flush_footnotes(self, out: list) -> None:
        fn = self.fn
        if not fn.pending:
            return
        budget = self.budget
        if budget.stopped:
            fn.pending = []
            return
        budget.meter(out)
        bodies = sum(len(e.body) for e in fn.pending)
        budget.unhold(bodies)  # counted again below, as the list is written
        if bodies + 100 * len(fn.pending) > budget.room():
            fn.pending = []
            fn.named = {}
            out.append(budget.refusal("footnotes", "[각주]", block=True))
            return
        def back(ref: int, inner: str) -> str:
            # inside a link label (an included page's notes) the back-link is text: no <a> in <a>
            return "<span>%s</span> " % inner if self.in_link else '<a href="%s">%s</a> ' % (
                esc.attr(esc.anchor_href(fn.ref_id(ref))), inner)

        out.append('<div class="wiki-macro-footnote">')
        for k, entry in enumerate(fn.pending, 1):
            if not k % 16:
                # a long list goes into the page's text as it is written: its pieces are not all
                # held at once (issue 11, memory); the total metered is the same
                budget.meter(out)
                spill_if_long(out)
            number, label, refs = entry.number, entry.label, entry.refs
            out.append('<span class="footnote-list"><span id="%s"></span>' % esc.attr(entry.anchor))
            if len(refs) == 1:
                out.append(back(number, "[%s]" % esc.text(label)))
            else:
                out.append("[%s] " % esc.text(label))
                for k, r in enumerate(refs, 1):
                    out.append(back(r, "<sup>%d.%d</sup>" % (number, k)))
            out.append(entry.body)
            out.append("</span>")
            # written out: the page holds the body now, and no marker links here any more
            # (the result's notes keep only the plain text)
            entry.body = ""
            fn.all[entry.index] = entry.result()
            if fn.ref_ids:
                for r in refs:
                    fn.ref_ids.pop(r, None)
        out.append("</div>")
        budget.meter(out)
        fn.pending = []
        fn.named = {}

    def _note_results(self) -> list:
        """The result's notes, in order: those never written (past a budget) turned too."""
        notes = self.fn.all
        for k, note in enumerate(notes):
            if type(note) is PendingNote:
                notes[k] = note.result()
        return notes

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
        # the pieces are moved into the text as it grows (html_sink.py): 5,000 headings made
        # ~20,000 small strings, held beside the joined body (issue 11, memory)
        out = PageSink(None)
        depth = 0
        for h, num in self.headings:
            if len(out) >= SPILL_PIECES:
                out.spill_all()
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
        return out.finish()
