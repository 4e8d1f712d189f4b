"""Tables → HTML: the grid, its spans, its cell, row, column and table attributes."""
from __future__ import annotations

from . import escape as esc
from . import limits
from .html_sink import spill_if_long
from .html_style import color_decl, style_attr
from .nodes import Paragraph, Table
from .made_on_read import each
from .table_rows import TableRows
from .tables import plain_text_cell
from .userclass import html_classes


class TableRendering:
    """The table methods of :class:`namumark.html.HtmlRenderer`."""

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
        rows, n_rows = _rows_of(node)
        # leading rows marked <thead> form the table's head (sortable tables keep it in place)
        head_rows = 0
        first = rows.made() if type(rows) is TableRows else rows
        while head_rows < len(first) and first[head_rows].attrs.get("thead"):
            head_rows += 1
        if head_rows == len(first) < n_rows:
            rows, n_rows = _rows_of(node, made=True)  # a head longer than the rows made first
            while head_rows < n_rows and rows[head_rows].attrs.get("thead"):
                head_rows += 1
        if ta.get("sortable") and not head_rows and n_rows > 1:
            head_rows = 1  # a sortable table sorts below its first row
        out.append("<thead>" if head_rows else "<tbody>")
        colbg: dict = {}
        colcolor: dict = {}
        # columns still covered by a cell of an earlier row (rowspan): column -> last row index.
        # Marking and skipping them costs one step per covered grid cell: the area paid above.
        taken: dict = {}
        # a long table's rows are made a batch at a time and dropped once written (table_rows)
        for row_index, row in enumerate(each(rows)):
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
                if cell.rowspan > 1 and row_index + 1 < n_rows:
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
                if colbg or colcolor:
                    # help 2023: column colours skip empty cells ("빈 셀에는 색상이 적용되지 않습니다")
                    ch = cell.children
                    empty = len(ch) == 1 and type(ch[0]) is Paragraph and not ch[0].children
                    out.append(_cell_open(cell, a, a.get("bg") or (None if empty else colbg.get(col)),
                                          a.get("color") or (None if empty else colcolor.get(col))))
                else:
                    # a table repeats a few option sets in many cells: their tag is made once
                    key = (tuple(a.items()), cell.align, cell.valign, cell.colspan, cell.rowspan)
                    tag = _CELL_OPEN.get(key)
                    if tag is None:
                        if len(_CELL_OPEN) >= 1024:
                            _CELL_OPEN.clear()
                        tag = _CELL_OPEN[key] = _cell_open(cell, a, a.get("bg"), a.get("color"))
                    out.append(tag)
                self._cell_body(cell, out)
                out.append("</td>")
                col += cell.colspan
            out.append("</tr>")
        out.append("</thead></table></div>\n" if head_rows == n_rows else "</tbody></table></div>\n")

    def _cell_body(self, cell, out: list) -> None:
        """``self.blocks(cell.children, out)``; one paragraph of plain text (most cells with
        options) is written at once, with the same node count and the same meter after it."""
        budget = self.budget
        kids = plain_text_cell(cell)
        if kids is None or budget.stopped or budget.nodes + 1 + len(kids) > budget.limits.nodes:
            self.blocks(cell.children, out)
            return
        budget.nodes += 1 + len(kids)
        body = esc.text(kids[0].text) if len(kids) == 1 else "".join([esc.text(k.text) for k in kids])
        out.append('<div class="wiki-paragraph">%s</div>\n' % body)
        if budget.meter(out):
            spill_if_long(out)

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


_PLAIN_TD = {None: "<td>", "left": '<td style="text-align: left;">',
             "center": '<td style="text-align: center;">', "right": '<td style="text-align: right;">'}


# (cell options, align, valign, colspan, rowspan) -> the cell's <td> tag, without column colours
_CELL_OPEN: dict = {}


def _cell_open(cell, a: dict, bg, fg) -> str:
    """The ``<td>`` tag of a cell with options ``a``, background ``bg`` and colour ``fg``."""
    cstyle, cdark = [], []
    if cell.align:
        cstyle.append("text-align: %s" % cell.align)
    if cell.valign and cell.valign != "middle":
        cstyle.append("vertical-align: %s" % cell.valign)
    color_decl("background-color", bg, cstyle, cdark)
    color_decl("color", fg, cstyle, cdark)
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
    return "<td%s%s>" % (attrs, style_attr(cstyle, cdark))


def table_area(node: Table) -> int:
    """Grid cells the table covers: each cell's colspan × rowspan, the rowspan clipped to the
    rows below it (a browser lays out no more)."""
    rows, n = _rows_of(node)
    area = rows.area_of_rest() if type(rows) is TableRows else 0
    for i, row in enumerate(list.__iter__(rows)):
        left = n - i
        for cell in row.cells:
            area += cell.colspan * (cell.rowspan if cell.rowspan < left else left)
    return area


def _rows_of(node: Table, made: bool = False) -> tuple:
    """(The table's rows, how many): a :class:`TableRows` is left as it is (not made in
    full) unless ``made``."""
    rows = node.rows
    if type(rows) is TableRows:
        if made:
            rows.materialise()
        return rows, rows.total
    return rows, len(rows)


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
    color_decl("background-color", ta.get("bg"), tstyle, tdark)
    color_decl("color", ta.get("color"), tstyle, tdark)
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
        wrap_cls, style_attr(wrap_style, []), table_cls, table_data, style_attr(tstyle, tdark))


def _row_open(attrs: dict) -> str:
    rstyle, rdark = [], []
    color_decl("background-color", attrs.get("bg"), rstyle, rdark)
    color_decl("color", attrs.get("color"), rstyle, rdark)
    row_cls = "wiki-table-tr"
    if attrs.get("class"):
        row_cls += " " + html_classes(attrs["class"])
    return '<tr class="%s"%s>' % (row_cls, style_attr(rstyle, rdark))


_PLAIN_TABLE_OPEN = _table_open({})
