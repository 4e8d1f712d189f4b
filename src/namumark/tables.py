"""Tables: rows that end only at ``||`` + newline, cells, and the ``<…>`` attribute grammar.

Attribute values are validated here (lengths, colours, alignments); anything that fails is
dropped, and an attribute we do not know stops attribute parsing so the rest is cell text.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from . import limits
from .css_cache import color_pair
from .files import parse_length
from .inline import _SPECIAL as INLINE_MARKUP  # text without it is one Text node
from .nodes import Paragraph, Table, TableCell, TableRow, Text
from .table_rows import EAGER_ROWS, TableRows
from .userclass import user_classes

_SPAN = re.compile(r"([-|]|\^\||v\|)(\d{1,6})\Z")
_TABLE_KEYS = {"tablewidth": "width", "tablealign": "align", "tablebgcolor": "bg",
               "tablecolor": "color", "tablebordercolor": "border", "tableheight": "height",
               "table width": "width", "table align": "align", "table bgcolor": "bg",
               "table color": "color", "table bordercolor": "border"}
# help 2023: "<row bgcolor=…>는 지원하지 않습니다", "<col bgcolor=…>는 지원하지 않습니다"
_ROW_KEYS = {"rowbgcolor": "bg", "rowcolor": "color"}
_COL_KEYS = {"colbgcolor": "colbg", "colcolor": "colcolor"}
_CELL_KEYS = {"bgcolor": "bg", "color": "color", "width": "width", "height": "height"}
_FLAGS = {"nopad": "nopad", "keepall": "keepall", "rowkeepall": None, "colkeepall": None}
# today's help (나무위키:문법 도움말/심화): a header row and a sortable table, written in a cell
_ROW_FLAGS = {"thead": "thead"}
_TABLE_FLAGS = {"sortable": "sortable"}
# class names for the article's own #!style rules and toggles (userclass.py)
_CLASS_KEYS = {"tableclass": "table", "rowclass": "row", "class": "cell"}


def apply_attr(raw: str, cell: dict, row: dict, table: dict, span: dict) -> bool:
    """Apply one ``<raw>``; False when it is not an attribute we know (stop parsing)."""
    s = raw.strip()
    if not s:
        return False
    if s == "(":
        span["align"] = "left"
        return True
    if s == ":":
        span["align"] = "center"
        return True
    if s == ")":
        span["align"] = "right"
        return True
    m = _SPAN.match(s)
    if m:
        kind, n = m.group(1), min(int(m.group(2)), limits.MAX_SPAN)
        if kind == "-":
            span["colspan"] = max(n, 1)
        else:
            span["rowspan"] = max(n, 1)
            span["valign"] = {"|": "middle", "^|": "top", "v|": "bottom"}[kind]
        return True
    low = s.lower()
    if low in _FLAGS:
        flag = _FLAGS[low]
        if flag:
            cell[flag] = True
        return True
    if low in _ROW_FLAGS:
        row[_ROW_FLAGS[low]] = True
        return True
    if low in _TABLE_FLAGS:
        table[_TABLE_FLAGS[low]] = True
        return True
    if "=" in s:
        key, _, value = s.partition("=")
        key = " ".join(key.lower().split())
        value = value.strip()
        if key in _CLASS_KEYS:
            names = user_classes(value)
            if names:
                target = {"table": table, "row": row, "cell": cell}[_CLASS_KEYS[key]]
                target["class"] = names
            return True
        if key in _TABLE_KEYS:
            name = _TABLE_KEYS[key]
            if name in ("width", "height"):
                v = parse_length(value)
                if v:
                    table[name] = v
            elif name == "align":
                if value.lower() in ("left", "center", "right"):
                    table["align"] = value.lower()
            else:
                pair = color_pair(value, allow_transparent=True)
                if pair:
                    table[name] = pair
            return True
        if key in _ROW_KEYS:
            pair = color_pair(value, allow_transparent=True)
            if pair:
                row[_ROW_KEYS[key]] = pair
            return True
        if key in _COL_KEYS:
            pair = color_pair(value, allow_transparent=True)
            if pair:
                cell[_COL_KEYS[key]] = pair
                # it covers as many columns as the cell spans at this point of its options
                cell["colspan_at"] = span.get("colspan", span.get("pipes", 1))
            return True
        if key in _CELL_KEYS:
            name = _CELL_KEYS[key]
            if name in ("width", "height"):
                v = parse_length(value)
                if v:
                    cell[name] = v
            else:
                pair = color_pair(value, allow_transparent=True)
                if pair:
                    cell[name] = pair
            return True
        return False
    # <#ff0000> / <red>: a bare colour is the cell background
    pair = color_pair(s, allow_transparent=True)
    if pair:
        cell["bg"] = pair
        return True
    return False


# <raw> -> what apply_attr does with it, or None when it stops attribute parsing. A table
# repeats the same few options in every cell (<width=10px><:><#f00>): looked up, not re-parsed.
_ATTR_EFFECTS: dict = {}
_COLSPAN_AT = object()  # the value "colspan_at" takes from the cell's span when applied


def apply_attr_cached(raw: str, cell: dict, row: dict, table: dict, span: dict) -> bool:
    """:func:`apply_attr`, with the parsing of each distinct ``raw`` done once per process."""
    effects = _ATTR_EFFECTS.get(raw, False)
    if effects is False:
        dicts = ({}, {}, {}, {})
        known = apply_attr(raw, *dicts)
        effects = tuple((k, key, _COLSPAN_AT if key == "colspan_at" else value)
                        for k, d in enumerate(dicts) for key, value in d.items()) if known else None
        if len(_ATTR_EFFECTS) >= 4096:
            _ATTR_EFFECTS.clear()  # bounded: a page of distinct options recomputes them
        _ATTR_EFFECTS[raw] = effects
    if effects is None:
        return False
    targets = (cell, row, table, span)
    for k, key, value in effects:
        if value is _COLSPAN_AT:
            value = span.get("colspan", span.get("pipes", 1))
        targets[k][key] = value
    return True


_NO_SPAN: dict = {}
# cells read before a row is checked to end at all (a longer row costs one more scan)
_LONG_ROW = 512


def plain_text_cell(cell) -> list | None:
    """The Text nodes of a cell that holds one paragraph of plain text (the renderers write
    such cells without walking the block machinery), else None."""
    ch = cell.children
    if len(ch) != 1 or type(ch[0]) is not Paragraph:
        return None
    kids = ch[0].children
    for k in kids:
        if type(k) is not Text:
            return None
    return kids

# the attributes of every table, row and cell that has none (read-only: one shared dict)
_NO_ATTRS: dict = {}


class TableParser:
    """Parses tables inside one text; shares the BlockParser's pairs and memo."""

    def __init__(self, blocks):
        self.blocks = blocks  # BlockParser
        self.text = blocks.text
        self.pairs = blocks.pairs
        self._fail_from: dict[int, int] = {}  # range end -> earliest row start that failed
        # (attribute text, pipes) -> (cell attrs, span, length read): cells written with the
        # same attributes share one read-only dict (a column of "<bgcolor=…>" cells)
        self._attr_memo: dict = {}

    def parse(self, pos: int, end: int, depth: int):
        """A table starting at line start ``pos``: (Table, next line start) or None. Past
        :data:`EAGER_ROWS` rows, the rows of a table of the document's own text are only
        scanned (their end, their options): :class:`TableRows` makes them again when read."""
        text = self.text
        table_attrs: dict = {}
        opened = self._opening(pos, end)
        if opened is None:
            return None
        q, cap = opened
        parsed = self._row(pos, q, end, depth, table_attrs)
        if parsed is None:
            return None
        row, p = parsed
        caption = self._inline(cap[0], cap[1], depth + 1) if cap is not None else None
        rows: list = [row]
        deferrable = self.blocks.source_map is None  # spans of a stripped body are moved later
        p = self.rows_from(self._after_comments(p, end), end, depth, table_attrs, rows,
                           EAGER_ROWS if deferrable else None)
        if deferrable and len(rows) == EAGER_ROWS:
            start = p
            count, plain, spanned, p = self._scan_rows(p, end, table_attrs)
            if count:
                rows = TableRows(rows, (text, self.pairs, start, end, depth, self.blocks.quotes),
                                 count, plain, spanned)
        return Table(pos, min(p, end), caption, table_attrs or _NO_ATTRS, rows), p

    def extent(self, pos: int, end: int) -> int | None:
        """Where the table :meth:`parse` would make at ``pos`` ends (the next line start), or None
        when there is none; found by the rows' separators alone, no cell made (a long page's
        skim, top_blocks.py, measures its tables this way)."""
        found = self.first_row(pos, end)
        if found is None:
            return None
        text = self.text
        p = self._after_comments(found[1] + 1, end)
        while p < end and text.startswith("||", p):
            found = self._row_spans(p, p + 2, end)
            if found is None:
                break
            p = self._after_comments(found[1] + 1, end)
        return p

    def first_row(self, pos: int, end: int):
        """The separators of the first row of a table at ``pos`` (as :meth:`_row_spans` gives
        them), or None when no table starts there."""
        opened = self._opening(pos, end)
        return None if opened is None else self._row_spans(pos, opened[0], end)

    def _opening(self, pos: int, end: int):
        """(where the first cell starts, the caption's span or None) of a line opening a table
        at ``pos`` ("||" or "|caption|"), or None."""
        text = self.text
        if text.startswith("||", pos):
            return pos + 2, None
        if text.startswith("|", pos):
            eol = text.find("\n", pos, end)
            k = text.find("|", pos + 1, end if eol < 0 else eol)
            if k >= 0:
                return k + 1, (pos + 1, k)
        return None

    def _after_comments(self, p: int, end: int) -> int:
        """``p`` past the "##" comment lines there: between rows they vanish without ending
        the table."""
        text = self.text
        while p < end and text.startswith("##", p):
            e = text.find("\n", p, end)
            p = end if e < 0 else e + 1
        return p

    def rows_from(self, p: int, end: int, depth: int, table_attrs: dict, rows: list,
                  limit: int | None = None) -> int:
        """Append to ``rows`` the rows that follow from ``p`` (each opened by ``||``), up to
        ``limit`` rows in ``rows``; return where the next one would start."""
        text = self.text
        while p < end and text.startswith("||", p) and (limit is None or len(rows) < limit):
            parsed = self._row(p, p + 2, end, depth, table_attrs)
            if parsed is None:
                break
            rows.append(parsed[0])
            p = self._after_comments(parsed[1], end)
        return p

    def _scan_rows(self, p: int, end: int, table_attrs: dict):
        """The rows :meth:`rows_from` would make from ``p``, found without making them: (how
        many, grid area of their cells without a rowspan, (row index, colspan, rowspan) of
        those with one, where the table ends). Their options reach ``table_attrs`` as they
        would from the made rows."""
        text = self.text
        count = plain = 0
        spanned: list = []
        scratch: dict = {}  # a row's own options: the made row has them
        while p < end and text.startswith("||", p):
            found = self._row_spans(p, p + 2, end)
            if found is None:
                break
            spans, row_end = found
            for a, b, colspan in spans:
                rowspan = 1
                if text.startswith("<", a):
                    span = self._attrs(a, b, colspan, scratch, table_attrs)[1]
                    colspan = span.get("colspan", colspan)
                    rowspan = span.get("rowspan", 1)
                if rowspan == 1:
                    plain += colspan
                else:
                    spanned.append((count, colspan, rowspan))
            count += 1
            p = self._after_comments(row_end + 1, end)
        return count, plain, spanned, p

    def _inline(self, a: int, b: int, depth: int) -> list:
        """Inline nodes of ``a``..``b``; plain text is one Text node without the inline parser."""
        text = self.text
        if INLINE_MARKUP.search(text, a, b) is None:
            return [Text(a, b, "", text)] if a < b else []  # read from the text, no copy (nodes.Text)
        return self.blocks.inline.parse(a, b, depth)

    def _find_sep(self, q: int, end: int) -> int:
        text = self.text
        pairs = self.pairs
        openers = pairs.openers
        brace = pairs.brace
        oi = pairs.first_opener_from(q)
        while True:
            k = text.find("||", q, end)
            if k < 0:
                return -1
            while oi < len(openers) and openers[oi] < q:
                oi += 1
            if oi < len(openers) and openers[oi] < k:
                c = brace[openers[oi]]
                if c + 3 <= end:
                    q = c + 3
                    oi = pairs.first_opener_from(q)
                    continue
                oi += 1
                continue
            if k > 0 and text[k - 1] == "\\":
                q = k + 2
                continue
            return k

    def row_extent(self, p: int, end: int) -> int:
        """End (the newline's position) of the table row opened by ``||`` at ``p``, or -1."""
        return self._extent_from(p + 2, end, 0)

    def _extent_from(self, q: int, end: int, cells: int) -> int:
        """:meth:`row_extent` from ``q``, ``cells`` cells of the row already read."""
        text = self.text
        while True:
            while text.startswith("||", q):
                cells += 1
                q += 2
            if q >= end or text[q] == "\n":
                if cells or q >= end:
                    return q if cells else -1
            k = self._find_sep(q, end)
            if k < 0:
                return -1
            cells += 1
            q = k + 2
            if q >= end or text[q] == "\n":
                return q

    def _row(self, row_start: int, q: int, end: int, depth: int, table_attrs: dict):
        """One row: separators are found first; cells are parsed only once the row is known to
        end with ``||`` + newline (an unterminated row costs one scan, no cell parsing)."""
        found = self._row_spans(row_start, q, end)
        if found is None:
            return None
        return self._row_cells(row_start, found[0], found[1], end, depth, table_attrs)

    def _row_spans(self, row_start: int, q: int, end: int):
        """The cells of the row opened at ``row_start`` (its first cell at ``q``) as (start,
        end, pipes before it), and the row's end; None when it does not end as a row."""
        text = self.text
        fail = self._fail_from.get(end)
        if fail is not None and row_start >= fail:
            return None
        spans: list[tuple[int, int, int]] = []
        colspan = 1
        row_end = -1
        # the next "{{{" that pairs: before it, the next "||" not after a backslash is the
        # separator, found without the group-skipping search
        openers = self.pairs.openers
        oi = bisect_left(openers, q) if openers else 0
        next_open = openers[oi] if oi < len(openers) else end
        while True:
            while text.startswith("||", q):
                colspan += 1
                q += 2
            if q >= end or text[q] == "\n":
                if spans or colspan > 1:
                    # trailing "||||" vanish; a lone "||||" line is a row without cells
                    row_end = q
                    break
                if q >= end:
                    break
                # "||" then a line break: the only cell starts on the next line
            k = text.find("||", q, end)
            if k >= 0 and (next_open < k or text[k - 1] == "\\"):
                k = self._find_sep(q, end)
            if k < 0:
                self._fail_from[end] = row_start if fail is None else min(fail, row_start)
                return None
            spans.append((q, k, colspan))
            colspan = 1
            after = k + 2
            if after >= end or text[after] == "\n":
                row_end = after
                break
            q = after
            if len(spans) == _LONG_ROW and self._extent_from(q, end, 1) < 0:
                # a line of many "||" that never ends a row: refused after one scan, without
                # holding a tuple per separator (1 MB of "|| 칸 ": 19x the source before)
                self._fail_from[end] = row_start if fail is None else min(fail, row_start)
                return None
            if next_open < q:
                oi = bisect_left(openers, q)
                next_open = openers[oi] if oi < len(openers) else end
        if row_end < 0:
            return None
        return spans, row_end

    def _row_cells(self, row_start: int, spans: list, row_end: int, end: int, depth: int,
                   table_attrs: dict):
        """(The row of the cells ``spans``, the next line start)."""
        row_attrs: dict = {}
        cells = [self._cell(a, b, span, depth, row_attrs, table_attrs) for a, b, span in spans]
        if not row_attrs:
            row_attrs = _NO_ATTRS
        markers = self.blocks._markers
        if len(markers) > 4096:
            # list markers cached for finished cells are not looked up again (a miss recomputes)
            markers.clear()
        return TableRow(row_start, min(row_end, end), row_attrs, cells), row_end + 1

    def _attrs(self, a: int, b: int, colspan: int, row_attrs: dict, table_attrs: dict):
        """The ``<…>`` options at the start of the cell ``a``..``b``: (cell attrs, span, where
        the content starts). Options that set only the cell are read once per distinct text."""
        text = self.text
        # the run of "<…>" as written (an option that is refused ends it no later)
        q = a
        while q < b and text[q] == "<":
            gt = text.find(">", q + 1, b)
            if gt < 0 or gt - q > 200:
                break
            q = gt + 1
        key = (text[a:q], colspan) if q - a <= 256 else None
        memo = self._attr_memo
        hit = memo.get(key) if key is not None else None
        if hit is not None:
            return hit[0], hit[1], a + hit[2]
        attrs: dict = {}
        span = {"pipes": colspan}
        row: dict = {}
        table: dict = {}
        q = a
        while q < b and text[q] == "<":
            gt = text.find(">", q + 1, b)
            if gt < 0 or gt - q > 200:
                break
            if not apply_attr_cached(text[q + 1:gt], attrs, row, table, span):
                break
            q = gt + 1
        if not attrs:
            attrs = _NO_ATTRS
        if row or table:
            # applied in order, as if written into them directly
            row_attrs.update(row)
            table_attrs.update(table)
        elif key is not None:
            if len(memo) >= 1024:
                memo.clear()
            memo[key] = (attrs, span, q - a)
        return attrs, span, q

    def _cell(self, a: int, b: int, colspan: int, depth: int, row_attrs: dict, table_attrs: dict):
        text = self.text
        q = a
        if text.startswith("<", a):
            attrs, span, q = self._attrs(a, b, colspan, row_attrs, table_attrs)
        else:
            attrs = _NO_ATTRS
            span = _NO_SPAN
        # the content between the spaces around it; those spaces give the default alignment
        ca = q
        if ca < b and text[ca] == " ":
            ca += 1
            if ca < b and text[ca] == " ":
                ca = b - len(text[ca:b].lstrip(" "))
        if ca == b:
            cb = ca = q  # only spaces (or nothing): an empty cell
        else:
            cb = b
            if text[cb - 1] == " ":
                cb -= 1
                if text[cb - 1] == " ":
                    cb = ca + len(text[ca:cb].rstrip(" "))
        align = span.get("align")
        if align is None and (ca != q or cb != b):
            if text[q] == " ":
                align = "center" if b - q > 1 and text[b - 1] == " " else "right"
            else:
                align = "left"
        one_line = text.find("\n", ca, cb) < 0
        if not one_line:
            if text[ca] == "\n":
                ca += 1  # a cell that starts on the next line has no empty first line
            if cb > ca and text[cb - 1] == "\n":
                cb -= 1
                while cb > ca and text[cb - 1] == " ":
                    cb -= 1
        if one_line and cb > ca and (text[ca] not in " >-#|"
                                     or (text[ca] == "|" and text.find("|", ca + 1, cb) < 0)):
            # (a line with one "|" cannot open a table: it is a paragraph, as the blocks say)
            # one line of inline text: the common cell, parsed without the block machinery
            children = [Paragraph(ca, cb, self._inline(ca, cb, depth + 1))]
        else:
            children = self.blocks.parse_range(ca, cb, depth + 1, top=False)
            if not children:
                children = [Paragraph(ca, ca, [])]
        if span is _NO_SPAN:
            return TableCell(a, b, attrs, colspan, 1, align, None, children)
        return TableCell(a, b, attrs, span.get("colspan", colspan), span.get("rowspan", 1),
                         align, span.get("valign"), children)
