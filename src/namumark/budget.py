"""One budget per render, counted while rendering: what a page may cost, whatever its markup.

The renderers charge it as they go — substituted text (``#!if`` variables, include arguments),
output characters (TOC copies and footnote lists included), highlighted code, math, table grid
area, nodes. When a charge does not fit, the construct is shown as its escaped source under a
visible notice (:meth:`Budget.refusal`); when the whole output is spent, rendering stops and the
top level shows the notice there. Nothing raises and nothing renders empty.

Output is metered per list of pieces (:meth:`Budget.meter`): the pieces added since the last
mark are summed once, so metering is linear. A side list (a footnote's body, a nested group's
lines) is counted while it grows and given back when it is finished (:meth:`Budget.release`),
since its text is counted again where it is copied into the page.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import escape as esc
from . import limits as L


@dataclass(frozen=True)
class Limits:
    """The ceilings of one render. The defaults are ``namumark.limits``; a host may lower them."""

    output_chars: int = L.MAX_OUTPUT_CHARS
    text_chars: int = L.MAX_TEXT_CHARS
    substituted_chars: int = L.MAX_SUBSTITUTED_CHARS
    condition_chars: int = L.MAX_CONDITION_CHARS
    highlight_block: int = L.MAX_HIGHLIGHT_BLOCK
    highlight_chars: int = L.MAX_HIGHLIGHT_CHARS
    math_chars: int = L.MAX_MATH_CHARS
    math_formulas: int = L.MAX_MATH_FORMULAS
    table_area: int = L.MAX_TABLE_AREA
    grid_area: int = L.MAX_GRID_AREA
    nodes: int = L.MAX_NODES
    html_chars: int = L.MAX_HTML_CHARS
    notice_source: int = L.MAX_NOTICE_SOURCE


DEFAULT_LIMITS = Limits()

# The notice shown in place of a construct past its budget (class wiki-budget-exceeded).
NOTICES = {
    "substitution": "치환된 텍스트가 너무 깁니다",
    "condition": "조건문을 더 계산할 수 없습니다",
    "include": "포함할 수 있는 문서의 양을 넘었습니다",
    "output": "문서가 너무 길어 여기까지만 표시합니다",
    "toc": "목차를 더 표시할 수 없습니다",
    "footnotes": "각주 목록을 더 표시할 수 없습니다",
    "highlight": "구문 강조 없이 표시합니다",
    "math": "수식을 더 변환할 수 없습니다",
    "table": "표가 너무 큽니다",
    "html": "HTML을 더 표시할 수 없습니다",
    "nodes": "요소가 너무 많습니다",
}


# counter -> (its ceiling in Limits, the kind refused past it)
COUNTERS = {
    "conditions": ("condition_chars", "condition"),
    "highlighted": ("highlight_chars", "highlight"),
    "html": ("html_chars", "html"),
    "math": ("math_chars", "math"),
    "formulas": ("math_formulas", "math"),
    "grid": ("grid_area", "table"),
}


def notice_text(kind: str) -> str:
    return "[렌더링 한도 초과: %s]" % NOTICES.get(kind, kind)


class Budget:
    """Counters of one render (shared by the included pages it renders)."""

    __slots__ = ("limits", "output", "substituted", "conditions", "html", "highlighted", "math", "formulas", "grid",
                 "nodes", "stopped", "exceeded", "_marks", "_shown")

    def __init__(self, limits: Limits | None = None):
        self.limits = limits or DEFAULT_LIMITS
        self.output = 0
        self.substituted = 0
        self.conditions = 0
        self.html = 0
        self.highlighted = 0
        self.math = 0
        self.formulas = 0
        self.grid = 0
        self.nodes = 0
        self.stopped: str | None = None  # why rendering stopped ("output", "nodes")
        self.exceeded: list[str] = []  # kinds refused at least once, in order
        # id(list) -> [list, pieces counted, characters counted]; side lists are released
        self._marks: dict[int, list] = {}
        self._shown: set = set()  # kinds whose notice was written out in full

    # -- what was refused --------------------------------------------------------------------
    def refuse(self, kind: str) -> None:
        if kind not in self.exceeded:
            self.exceeded.append(kind)

    def stop(self, kind: str) -> None:
        if self.stopped is None:
            self.stopped = kind
        self.refuse(kind)

    # -- output ------------------------------------------------------------------------------
    def meter(self, out: list, cap: int | None = None) -> bool:
        """Count the pieces added to ``out`` since it was last metered; False once the output
        is over its cap (rendering then stops). Renderers call this after every block, so it
        is kept to a few steps: an empty list gets no mark (there is nothing to count yet)."""
        n = len(out)
        if n:
            marks = self._marks
            entry = marks.get(id(out))
            if entry is None:
                added = sum(map(len, out)) if n > 1 else len(out[0])
                marks[id(out)] = [out, n, added]  # the reference keeps the id unique
                self.output += added
            elif n > entry[1]:
                start = entry[1]
                added = sum(map(len, out[start:n])) if n - start > 1 else len(out[start])
                self.output += added
                entry[1] = n
                entry[2] += added
        if self.output > (self.limits.output_chars if cap is None else cap):
            self.stop("output")
            return False
        return True

    def extend_metered(self, out: list, pieces: list, size: int) -> None:
        """``out.extend(pieces)`` then :meth:`meter` (without its verdict), when the caller
        knows ``size``, the pieces' summed length: lines moved up from a nested group are not
        summed again at every level. Without a mark at the end of ``out``, a plain extend (the
        next meter counts them)."""
        entry = self._marks.get(id(out))
        n = len(out)
        if entry is None and n == 0 and pieces:
            out.extend(pieces)
            self._marks[id(out)] = [out, len(out), size]
            self.output += size
        elif entry is not None and entry[1] == n:
            out.extend(pieces)
            entry[1] = len(out)
            entry[2] += size
            self.output += size
        else:
            out.extend(pieces)

    def take_metered(self, out: list) -> int:
        """How many leading pieces of ``out`` are metered. The caller moves them out of the
        list (the page's text so far, html_sink.py): ``out`` is counted from its new start."""
        entry = self._marks.get(id(out))
        if entry is None:
            return 0
        k = entry[1]
        entry[1] = 0
        return k

    def release(self, out: list, cap: int | None = None) -> None:
        """``out`` is a side list (a footnote's body, a nested group's lines) that is finished:
        its text will be counted again where it is copied, so its own count is given back (it
        was counted while it grew, so a runaway side list still stops the render), and the
        list is no longer held, so it is freed as soon as its text is joined.

        The same as :meth:`meter` then giving back what ``out`` was counted, in one step."""
        entry = self._marks.pop(id(out), None)
        n = len(out)
        start = 0 if entry is None else entry[1]
        if n - start == 1:
            added = len(out[start])
        elif n > start:
            added = sum(map(len, out[start:n] if start else out))
        else:
            added = 0
        if self.output + added > (self.limits.output_chars if cap is None else cap):
            self.stop("output")
        if entry is not None:
            self.output -= entry[2]

    def room(self, cap: int | None = None) -> int:
        return (self.limits.output_chars if cap is None else cap) - self.output

    def hold(self, amount: int) -> None:
        """Count ``amount`` characters of output that are not in a metered list yet (a pending
        footnote's body, written out later with its list)."""
        self.output += amount

    def unhold(self, amount: int) -> None:
        """Give back what :meth:`hold` counted, just before it is written and metered."""
        self.output -= amount

    # -- counters ----------------------------------------------------------------------------
    def take(self, counter: str, amount: int) -> bool:
        """Add ``amount`` to ``counter`` when it stays within its ceiling (:data:`COUNTERS`);
        else refuse the counter's kind."""
        ceiling, kind = COUNTERS[counter]
        value = getattr(self, counter) + amount
        if value > getattr(self.limits, ceiling):
            self.refuse(kind)
            return False
        setattr(self, counter, value)
        return True

    def substitution_room(self) -> int:
        """Characters substitution (``#!if`` variables, include arguments) may still produce."""
        return max(0, self.limits.substituted_chars - self.substituted)

    def spend_substitution(self, amount: int) -> None:
        """Count ``amount`` substituted characters as work done, up to the ceiling (text built
        before a refusal was work too)."""
        self.substituted = min(self.limits.substituted_chars, self.substituted + amount)

    def count_nodes(self, n: int) -> bool:
        self.nodes += n
        if self.nodes > self.limits.nodes:
            self.stop("nodes")
            return False
        return True

    # -- what a refused construct shows ------------------------------------------------------
    def source_excerpt(self, source: str) -> str:
        cap = self.limits.notice_source
        if len(source) > cap:
            return source[:cap] + "…"
        return source

    def refusal(self, kind: str, source: str, *, block: bool = False) -> str:
        """HTML for a construct past its budget: the notice, then its escaped source. The
        notice is written out at the first refusal of its kind; later ones carry it as a
        tooltip (a page of 1,000 refused [목차] shows one notice, not 1,000)."""
        repeated = kind in self._shown
        self._shown.add(kind)
        self.refuse(kind)
        shown = esc.text(self.source_excerpt(source or ""))
        if repeated:
            return '<span class="wiki-budget-exceeded" title="%s"><code>%s</code></span>' % (
                esc.attr(notice_text(kind)), shown)
        if block:
            return ('<div class="wiki-budget-exceeded"><span class="wiki-budget-notice">%s</span>'
                    "<pre>%s</pre></div>\n" % (esc.text(notice_text(kind)), shown))
        return ('<span class="wiki-budget-exceeded"><span class="wiki-budget-notice">%s</span> '
                "<code>%s</code></span>" % (esc.text(notice_text(kind)), shown))

    def text_refusal(self, kind: str, source: str) -> str:
        """Plain-text form of :meth:`refusal` (search index, render_text)."""
        self.refuse(kind)
        return "%s %s" % (notice_text(kind), self.source_excerpt(source or ""))
