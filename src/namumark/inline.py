"""Text → inline nodes: styles, links, files, categories, footnotes, macros and brace groups.

The parser walks a range of the document once. Closers are found through :class:`Pairs`
(braces and brackets) or ``str.find`` with a memo of failures (text styles), so an unclosed
opener is decided in O(1) after the first miss and never rescans the rest of the text.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left

from . import limits, links, macros
from .css_cache import color_pair
from .nodes import (
    CategoryLink, Code, Color, Conditional, FileEmbed, Folding, Footnote, HtmlBlock, Include,
    LineBreak, Link, Macro, Size, Style, StyleSheet, SyntaxBlock, Text, WikiBox,
)
from .userclass import user_classes

# line ends come as one run: a page of blank lines is one match, not one per line
_SPECIAL = re.compile(r"'''|''|__|~~|--|\^\^|,,|\{\{\{|\[|\\|\n+|@|<math>")
_RUN_CHARS = frozenset("'_~-^,{}|=*")
_QUOTE_RUN = re.compile("'+")
# a template parameter left in the text: @name@ / @name=default@ (no spaces in the name)
_PARAM = re.compile(r"@([^@=\s]{1,64})(?:=([^@\n]{0,4096}))?@")
_NEWLINE = re.compile("\n")
_NEAR = 256  # a line end this close is found by str.find, without the newline positions
_ATOMIC = re.compile(r"\{\{\{|\[\[|\[\*")
_STYLE_OF = {"'''": "bold", "''": "italic", "__": "underline", "~~": "strike", "--": "strike",
             "^^": "sup", ",,": "sub"}
_SIZE = re.compile(r"([+-])([1-5])[ \n]")
_COLOR = re.compile(r"#([#,0-9A-Za-z]{1,40})[ \n]")
_DIRECTIVE = re.compile(r"#!([A-Za-z]+)")
_ATTR = re.compile(r"""([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']*))""")
_MACRO = re.compile(r"([^\W\d_][\w]*)(?:\((.*)\))?\Z", re.S)
_CATEGORY_ONLY_WS = frozenset(" \t")
_NO_LIMIT = 1 << 62
# a link target with none of these is a plain title: no label, anchor, escape, prefix or scheme
_LINK_SYNTAX = re.compile(r"[|\\#:\n]")


class InlineParser:
    """Parses inline ranges of one text. ``blocks`` parses block ranges (for #!wiki etc.)."""

    def __init__(self, text: str, pairs, blocks, titles: dict | None = None):
        self.text = text
        # link titles already made on this page: a title linked again is the same object
        self.titles: dict = {} if titles is None else titles
        self.pairs = pairs
        self.blocks = blocks  # callable(start, end, depth) -> list of block nodes
        self._miss: dict[tuple[str, int], int] = {}
        self._newlines: array | None = None
        self._calls: dict = {}  # text inside [ ] -> its macro call or None

    def _line_end(self, pos: int, end: int) -> int:
        """End of the line holding ``pos`` (capped at ``end``). A short line's is found at once;
        past :data:`_NEAR` characters, by bisecting the newline positions: ``str.find`` would
        rescan a very long line for every marker on it. The positions are machine integers,
        made only for a text with a long line (a list of ints was ~2x the source, issue 11)."""
        text = self.text
        e = text.find("\n", pos, pos + _NEAR)
        if e >= 0:
            return e if e < end else end
        nl = self._newlines
        if nl is None:
            nl = self._newlines = array("q", (m.start() for m in _NEWLINE.finditer(text)))
        k = bisect_left(nl, pos)
        e = nl[k] if k < len(nl) else len(self.text)
        return e if e < end else end

    # -- entry point ---------------------------------------------------------------------
    def parse(self, start: int, end: int, depth: int = 0) -> tuple:
        return self.parse_some(start, end, depth, _NO_LIMIT)[0]

    def parse_some(self, start: int, end: int, depth: int, limit: int) -> tuple[tuple, int]:
        """(The inline nodes of ``start``..``end``, where they stop): ``end``, or an earlier place
        once ``limit`` nodes are made, where no text is pending and no include was the last
        node. Parsing on from there to ``end`` gives the nodes that follow (nothing before that
        place is looked at again), so a long paragraph can be read a part at a time."""
        text = self.text
        out: list = []
        if depth > limits.MAX_INLINE_DEPTH:
            if start < end:
                out.append(Text(start, end, "", text))
            return tuple(out), end
        buf_start = start  # start of pending plain text
        pos = start
        search = _SPECIAL.search
        while pos < end:
            m = search(text, pos, end)
            if m is None:
                break
            i = m.start()
            if i == buf_start:
                # a construct right after the last one starts where it ended: one int object
                # for both (40,000 back-to-back notes held 40,000 more; issue 11, memory)
                i = buf_start
            tok = m.group()
            node = None
            nxt = i + len(tok)
            if tok[0] == "\n":
                if buf_start < i:
                    out.append(Text(buf_start, i, "", text))
                if nxt - i > 1:
                    # each line end but the last closes an empty line
                    out.extend(map(LineBreak, range(i, nxt - 1), range(i + 1, nxt)))
                    i = nxt - 1
                # "##" comment lines vanish together with their newline
                while nxt < end and text.startswith("##", nxt):
                    e = text.find("\n", nxt, end)
                    nxt = end if e < 0 else e + 1
                if nxt < end or nxt == i + 1:
                    # it ends where the next run starts: one int object for both (as above)
                    out.append(LineBreak(i, nxt if nxt == i + 1 else i + 1))
                buf_start = pos = nxt
                if len(out) >= limit:
                    return tuple(out), pos
                continue
            if tok == "\\":
                c = text[i + 1:i + 2] if i + 1 < end else ""
                if c and c != "\n":
                    if buf_start < i:
                        out.append(Text(buf_start, i, "", text))
                    ch_end = i + 2
                    # an escaped marker run stays literal as a whole (\''' gives ''')
                    if c in _RUN_CHARS:
                        while ch_end < end and text[ch_end] == c:
                            ch_end += 1
                    out.append(Text(i, ch_end, text[i + 1:ch_end]))
                    buf_start = pos = ch_end
                    continue
                pos = nxt
                continue
            if tok == "@":
                pm = _PARAM.match(text, i, end)
                if pm is None:
                    pos = nxt
                    continue
                if buf_start < i:
                    out.append(Text(buf_start, i, "", text))
                value = pm.group(2)
                if value:
                    out.append(Text(i, pm.end(), value))
                buf_start = pos = pm.end()
                continue
            elif tok == "{{{":
                node, nxt = self._brace(i, end, depth)
            elif tok == "<math>":
                node, nxt = self._math_tag(i, end)
            elif tok == "[":
                node, nxt = self._bracket(i, end, depth)
            else:
                node, nxt = self._style(tok, i, end, depth)
            if node is None:
                pos = nxt
                continue
            if buf_start < i:
                out.append(Text(buf_start, i, "", text))
            out.append(node)
            buf_start = pos = nxt
            if len(out) >= limit and type(node) is not Include:
                # (an include's line break goes with it: the renderer drops that break)
                return tuple(out), pos
        if buf_start < end:
            out.append(Text(buf_start, end, "", text))
        # a tuple: no spare room, and () is one shared object (issue 11, memory)
        return tuple(out), end

    # -- text styles ---------------------------------------------------------------------
    def _style(self, tok: str, i: int, end: int, depth: int):
        text = self.text
        if tok == "'''":
            if text.startswith("''''''", i, end):
                # six quotes or more: no style can open here (each one's closer would follow it
                # at once, leaving it empty), nor at the next quotes until five are left
                return None, _QUOTE_RUN.match(text, i, end).end() - 5
            if text.startswith("'''''", i) and not text.startswith("''''''", i):
                node, nxt = self._bold_italic(i, end, depth)
                if node is not None:
                    return node, nxt
            node, nxt = self._try_style("'''", i, end, depth)
            if node is not None:
                return node, nxt
            node, nxt = self._try_style("''", i, end, depth)
            if node is not None:
                return node, nxt
            return None, i + 1
        node, nxt = self._try_style(tok, i, end, depth)
        if node is not None:
            return node, nxt
        return None, i + 1

    def _try_style(self, tok: str, i: int, end: int, depth: int):
        text = self.text
        a = i + len(tok)
        line_end = self._line_end(a, end)
        key = (tok, line_end)  # misses are remembered per line
        miss = self._miss.get(key)
        if miss is not None and a >= miss:
            return None, i + 1
        k, crossed = self._find_closer(tok, a, end, line_end)
        if k < 0:
            if not crossed:
                self._miss[key] = a if miss is None else min(miss, a)
            return None, i + 1
        if k == a:
            return None, i + 1
        z = k + len(tok)  # one int object for the node's end and the text after it
        if _SPECIAL.search(text, a, k) is None:  # plain text inside: its run made when read
            return Style.plain(i, z, _STYLE_OF[tok], text), z
        return Style(i, z, _STYLE_OF[tok], self.parse(a, k, depth + 1)), z

    def _bold_italic(self, i: int, end: int, depth: int):
        """``'''''x'''''``: bold around italic, no stray quotes (help 2023 §텍스트 형태 gives
        3 + 2 quotes; issue 11 item 6 the touching form)."""
        a = i + 5
        k, _ = self._find_closer("'''''", a, end)
        if k <= a:
            return None, i + 1
        inner = Style(i + 3, k + 2, "italic", self.parse(a, k, depth + 2))
        z = k + 5
        return Style(i, z, "bold", [inner]), z

    def _find_closer(self, tok: str, a: int, end: int, limit: int = -1) -> tuple[int, bool]:
        """The first ``tok`` at or after ``a`` on the same line that is not inside a link, a
        footnote or a brace group opened after ``a`` (those are atomic: a marker inside them is
        theirs). Text styles end on their line (help 2023 §텍스트: "서식이 적용된 텍스트의
        개행은 줄바꿈(엔터 키)이 아닌 [br] 매크로를 사용해야 합니다"); a group or link that
        spans lines is crossed as a whole. ``limit``: the end of the line at ``a`` when known.
        Returns (position or -1, crossed a construct)."""
        text = self.text
        pairs = self.pairs
        p = a
        crossed = False
        while True:
            if limit < 0:
                limit = self._line_end(p, end)
            k = text.find(tok, p, limit)
            boundary = limit if k < 0 else k
            q = p
            jumped = False
            while True:
                m = _ATOMIC.search(text, q, boundary)
                if m is None:
                    break
                o = m.start()
                g = m.group()
                if g == "{{{":
                    c = pairs.brace.get(o)
                    close_end = None if c is None else c + 3
                    step = 3
                elif g == "[[":
                    c = pairs.link.get(o)
                    close_end = None if c is None else c + 2
                    step = 2
                else:  # "[*"
                    c = pairs.bracket.get(o)
                    close_end = None if c is None else c + 1
                    step = 2
                if close_end is None or close_end > end:
                    q = o + step
                    continue
                if close_end > boundary:
                    p = close_end
                    limit = -1
                    jumped = crossed = True
                    break
                q = close_end
            if not jumped:
                return k, crossed

    def _math_tag(self, i: int, end: int):
        """``<math>TeX</math>`` — the older form of [math(…)] (help 2017-07 §수식)."""
        a = i + 6
        key = ("</math>", end)
        miss = self._miss.get(key)
        if miss is not None and a >= miss:
            return None, a
        k = self.text.find("</math>", a, end)
        if k < 0:
            self._miss[key] = a if miss is None else min(miss, a)
            return None, a
        raw = self.text[i:k + 7]
        return Macro(i, k + 7, "math", self.text[a:k], raw), k + 7

    # -- {{{ }}} groups ------------------------------------------------------------------
    def _brace(self, i: int, end: int, depth: int):
        text = self.text
        close = self.pairs.brace.get(i)
        if close is None or close + 3 > end:
            return None, i + 3
        a, z = i + 3, close + 3
        if i in self.pairs.raw:
            node = self._raw_group(i, a, close)
            return node, node.end
        if text.startswith("#!", a):
            m = _DIRECTIVE.match(text, a)
            name = m.group(1).lower()
            line_end = text.find("\n", m.end(), close)
            head_end = close if line_end < 0 else line_end
            body_start = close if line_end < 0 else line_end + 1
            head = text[m.end():head_end]
            body_end = close
            if body_end > body_start and text[body_end - 1] == "\n":
                body_end -= 1
            if name == "wiki":
                style, dark, consumed = _wiki_attrs(head)
                if line_end < 0:
                    # {{{#!wiki style="…" text}}}: the rest of the line is the body
                    body_start = m.end() + consumed
                    while body_start < close and text[body_start] == " ":
                        body_start += 1
                box = WikiBox(i, z, style, dark, self.blocks(body_start, body_end, depth + 1))
                box.classes, box.toggle = _wiki_class_and_toggle(head)
                return box, z
            if name == "folding":
                summary = head.strip() or "More"
                return Folding(i, z, summary, self.blocks(body_start, body_end, depth + 1)), z
            if name == "if":
                return Conditional(i, z, head.strip(), self.blocks(body_start, body_end, depth + 1),
                                   text[body_start:body_end]), z
            node = self._raw_group(i, a, close)
            return node, node.end
        m = _SIZE.match(text, a)
        if m:
            delta = int(m.group(2)) * (1 if m.group(1) == "+" else -1)
            return Size(i, z, delta, self.parse(m.end(), close, depth + 1)), z
        m = _COLOR.match(text, a)
        if m:
            pair = color_pair("#" + m.group(1))
            if pair:
                return Color(i, z, pair[0], pair[1], self.parse(m.end(), close, depth + 1)), z
        node = self._raw_group(i, a, close)
        return node, node.end

    def _raw_group(self, i: int, a: int, close: int):
        text = self.text
        z = close + 3
        if text.startswith("#!", a):
            m = _DIRECTIVE.match(text, a)
            name = m.group(1).lower() if m else ""
            if name == "html":
                return HtmlBlock(i, z, text[m.end():close].strip())
            if name == "style":
                from .stylesheet import parse_sheet
                return StyleSheet(i, z, parse_sheet(text[m.end():close]))
            if name == "syntax":
                line_end = text.find("\n", m.end(), close)
                if line_end < 0:
                    lang, code = text[m.end():close].strip(), ""
                else:
                    lang, code = text[m.end():line_end].strip(), text[line_end + 1:close]
                if code.endswith("\n"):
                    code = code[:-1]
                return SyntaxBlock(i, z, lang, code)
        body = text[a:close]
        if "\n" in body:
            if body.startswith("\n"):
                body = body[1:]
            if body.endswith("\n"):
                body = body[:-1]
            return Code(i, z, body, True)
        return Code(i, z, body, False)

    # -- [ ] constructs ------------------------------------------------------------------
    def _bracket(self, i: int, end: int, depth: int):
        text = self.text
        bracket = self.pairs.bracket
        nxt_c = text[i + 1:i + 2]
        if nxt_c == "[":
            close = self.pairs.link.get(i)
            if close is not None and close + 2 <= end:
                node = self._link(i, i + 2, close, depth)
                if node is not None:
                    return node, node.end
            return None, i + 1
        close = bracket.get(i)
        if close is None or close >= end:
            return None, i + 1
        if nxt_c == "*":
            node = self._footnote(i, close, depth)
            return node, node.end
        node = self._macro(i, close, depth)
        if node is None:
            return None, i + 1
        return node, node.end

    def _link(self, i: int, a: int, z: int, depth: int):
        text = self.text
        if _LINK_SYNTAX.search(text, a, z) is None:
            # the commonest link, [[제목]]: what the general path below makes of it, directly
            # (the dump import parses ~40 of them a page)
            title = text[a:z].strip()
            if not title:
                return None
            return Link(i, z + 2, self.titles.setdefault(title, title), None, False, None, False)
        inner = text[a:z]
        target_raw, label_raw = links.split_unescaped(inner, "|")
        label_start = a + len(target_raw) + 1
        end = z + 2
        # a space before 파일: still embeds (help 2023 §이미지, line 116; 2018-04 line 363)
        file_rest = links.prefixed(target_raw.lstrip(" "), links.FILE_PREFIXES)
        if file_rest is not None:
            from .files import parse_file_options
            title = "파일:" + links.unescape(file_rest).strip()
            return FileEmbed(i, end, title, parse_file_options(label_raw or ""))
        cat_rest = links.prefixed(target_raw, links.CATEGORY_PREFIXES)
        if cat_rest is not None:
            name = links.unescape(cat_rest).strip()
            blur = False
            if name.endswith("#blur"):
                name, blur = name[:-5].rstrip(), True
            sort_key = label_raw.strip() if label_raw is not None else None
            return CategoryLink(i, end, "분류:" + name, sort_key or None, blur)
        if "\n" in target_raw:
            return None  # a link target never spans lines
        stripped = target_raw.strip()
        if not stripped and label_raw is None:
            return None  # [[]] stays text
        label = self.parse(label_start, z, depth + 1) if label_raw is not None else None
        if links.is_external(stripped):
            return Link(i, end, links.unescape(stripped), None, True, label)
        if links.is_forbidden_scheme(stripped):
            # javascript:, data: … are never linked: the label (or the source) stays as text
            if label is None:
                return None
            return Style(i, end, "plain", label)
        if stripped.startswith(":"):
            stripped = stripped[1:]
        pinned = stripped.startswith("문서:")
        if pinned:
            # the default namespace's prefix is dropped and pins the title: a leading "/" is
            # part of it, not a subpage marker (spec namumark.md §4.3; issue 11 item 2)
            stripped = stripped[3:]
        title_part, anchor = links.split_unescaped(stripped, "#", last=True)
        title = links.unescape(title_part).strip()
        title = self.titles.setdefault(title, title)
        if anchor is not None:
            anchor = links.unescape(anchor).strip()
        return Link(i, end, title, anchor, False, label, pinned)

    def _footnote(self, i: int, close: int, depth: int):
        text = self.text
        a = i + 2
        name = None
        body = a
        if a < close and text[a] not in " \n":
            sp = a
            while sp < close and text[sp] not in " \n":
                sp += 1
            name = text[a:sp]
            body = sp + 1 if sp < close else close
            if sp >= close:
                return Footnote(i, close + 1, name, None)
        elif a < close:
            body = a + 1
        return Footnote(i, close + 1, name, self.parse(body, close, depth + 1))

    def _macro(self, i: int, close: int, depth: int):
        text = self.text
        if close - i - 1 > limits.MAX_MACRO_ARGS:
            return None  # decided before slicing: nested openers would copy the rest each time
        inner = text[i + 1:close]
        call = self._calls.get(inner, _UNSEEN)
        if call is _UNSEEN:
            # decided once per distinct text: a page of 100,000 [br] reads one
            call = self._calls[inner] = _macro_call(inner)
        if call is None:
            return None
        name, args, raw = call
        if name == "include":
            title, kw = macros.parse_include_args(args)
            if not title:
                return None
            return Include(i, close + 1, title, kw, raw)
        return Macro(i, close + 1, name, args, raw)


_UNSEEN = object()


def _macro_call(inner: str) -> tuple[str, str | None, str] | None:
    """(name, arguments, source) when ``[inner]`` calls a known macro, else None."""
    m = _MACRO.match(inner)
    if not m:
        return None
    name = m.group(1).lower()
    args = m.group(2)
    if name not in macros.KNOWN or not macros.arguments_fit(name, args):
        return None
    if name == "include" and args is None:
        return None
    return name, args, "[" + inner + "]"


def _wiki_class_and_toggle(head: str) -> tuple[tuple, tuple | None]:
    """class=… and onclick="toggle-class,[.대상,]클래스" of a ``#!wiki`` head. Only that one
    declarative action exists; any other onclick is ignored, never passed through."""
    classes: tuple = ()
    toggle = None
    for m in _ATTR.finditer(head):
        key = m.group(1).lower()
        val = next(g for g in (m.group(2), m.group(3), m.group(4)) if g is not None)
        if key == "class":
            classes = user_classes(val)
        elif key == "onclick":
            parts = [p.strip() for p in val.split(",")]
            if parts[0] == "toggle-class" and len(parts) in (2, 3):
                target = user_classes(parts[1].lstrip(".")) if len(parts) == 3 else ()
                name = user_classes(parts[-1].lstrip("."))
                if name and (len(parts) == 2 or len(target) == 1):
                    toggle = (target, name[0])
    return classes, toggle


def _wiki_attrs(head: str) -> tuple[str, str, int]:
    """style / dark-style of a ``#!wiki`` head; repeated attributes concatenate."""
    style = dark = ""
    pos = 0
    n = len(head)
    while pos < n:
        while pos < n and head[pos] == " ":
            pos += 1
        m = _ATTR.match(head, pos)
        if not m:
            break
        key = m.group(1).lower()
        val = m.group(2) if m.group(2) is not None else (m.group(3) if m.group(3) is not None else m.group(4))
        if key == "style":
            style += val
        elif key == "dark-style":
            dark += val
        pos = m.end()
    return style, dark, pos
