"""The tree: one dataclass per construct. Every node keeps its source span ``start``..``end``
(offsets into the text that was parsed; nodes built from a quoted or indented body point at the
start of their enclosing block when no exact offset exists)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .paragraph_runs import LongParagraph


@dataclass(slots=True)
class Node:
    start: int
    end: int

    @property
    def kind(self) -> str:
        return type(self).__name__


class _Computed(Node):
    """A node that can hold a reference to the parsed text instead of what it computes from
    its span (issue 11, peak memory): ``_of`` is either that text (a ``str``: the value is
    computed from ``_of[start:end]`` when asked for) or the value itself."""

    __slots__ = ("_of",)
    _FIELDS: tuple = ()  # plain fields between the span and the computed one (repr, __eq__)
    _FIELD = ""  # the name of the computed field (in repr and __eq__)

    def _value(self):
        raise NotImplementedError

    def _key(self) -> tuple:
        return (self.start, self.end, *[getattr(self, f) for f in self._FIELDS], self._value())

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None

    def __repr__(self) -> str:
        names = ("start", "end", *self._FIELDS, self._FIELD)
        return "%s(%s)" % (type(self).__name__,
                           ", ".join("%s=%r" % (n, v) for n, v in zip(names, self._key())))


class _PlainTitled(_Computed):
    """A node whose children may be one Text run lying ``_margin()`` characters inside each
    end of its span (a heading's title, a style's text): made by ``plain``, it holds only the
    parsed text and makes that run when ``children`` is asked for, so a plain heading or
    ``'''bold'''`` costs one object while the tree lives instead of three (issue 11,
    peak memory). Else ``_of`` holds the children themselves."""

    __slots__ = ()
    _FIELD = "children"

    def _margin(self) -> int:
        raise NotImplementedError

    @property
    def children(self):
        of = self._of
        if type(of) is str:
            w = self._margin()
            return (Text(self.start + w, self.end - w, "", of),)
        return of

    @children.setter
    def children(self, value) -> None:
        self._of = value

    _value = children.fget


_NODE_END = Node.end  # the slot, under Heading's end property


# --- blocks ---------------------------------------------------------------------------------

@dataclass(slots=True)
class Document(Node):
    children: list = field(default_factory=list)
    redirect: Any = None  # nodes.Redirect | None
    # the normalised text the spans point into (refused constructs show their source from it)
    source: str = field(default="", repr=False, compare=False)


@dataclass(slots=True)
class Redirect(Node):
    title: str = ""
    anchor: str | None = None


class Paragraph(_Computed):
    """A paragraph. One of plain text (no markup: the common line of a list or a quote) is made
    by ``Paragraph.plain`` and holds only the parsed text: its single Text child is made when
    ``children`` is asked for, so the paragraph costs one object while the tree lives instead
    of three (issue 11, peak memory). ``Paragraph(start, end, children)`` holds its children."""

    __slots__ = ()
    __match_args__ = ("start", "end", "children")
    _FIELD = "children"

    def __init__(self, start: int, end: int, children=()):
        self.start = start
        self.end = end
        self._of = children  # never a str: children are a tuple (or a list)

    @classmethod
    def plain(cls, start: int, end: int, source: str) -> "Paragraph":
        """The paragraph whose one Text child reads ``source[start:end]`` (none if empty)."""
        p = cls.__new__(cls)
        p.start = start
        p.end = end
        p._of = source
        return p

    @classmethod
    def long(cls, start: int, end: int, runs) -> "Paragraph":
        """A long paragraph whose nodes are made when read (paragraph_runs.LongParagraph)."""
        p = cls.__new__(cls)
        p.start = start
        p.end = end
        p._of = runs
        return p

    @property
    def children(self):
        of = self._of
        if type(of) is str:
            return (Text(self.start, self.end, "", of),) if self.start < self.end else ()
        if type(of) is LongParagraph:  # an ordinary read makes them all, and keeps them
            of = self._of = of.all()
        return of

    @children.setter
    def children(self, value) -> None:
        self._of = value

    def __reduce_ex__(self, protocol):
        # a long paragraph is copied or pickled with every node made (not its parser's state)
        if type(self._of) is LongParagraph:
            self._of = self._of.all()
        return object.__reduce_ex__(self, protocol)

    _value = children.fget


class Heading(_PlainTitled):
    """``== title ==`` (``level`` equal signs; ``folded``: written ``==# title #==``).
    ``Heading.plain`` makes one whose title is plain text (see _PlainTitled)."""

    __slots__ = ("level", "folded")
    __match_args__ = ("start", "end", "level", "folded", "children")
    _FIELDS = ("level", "folded")

    def __init__(self, start: int, end: int, level: int = 2, folded: bool = False, children=None):
        self._of = [] if children is None else children  # first: end's setter reads it
        self.start = start
        self.end = end
        self.level = level
        self.folded = folded

    def _margin(self) -> int:
        return self.level + self.folded + 1  # "=" * level, "#" if folded, one space

    @property
    def end(self) -> int:
        of = self._of
        if type(of) is str:  # Heading.plain: its line's end, found in the text it reads
            e = of.find("\n", self.start)
            return len(of) if e < 0 else e
        return _NODE_END.__get__(self)

    @end.setter
    def end(self, value: int) -> None:
        if type(self._of) is str:  # a moved plain heading holds its title run from now on
            self._of = self.children
        _NODE_END.__set__(self, value)

    @classmethod
    def plain(cls, start: int, end: int, level: int, folded: bool, source: str) -> "Heading":
        """A heading of the whole text's line ``start..end`` (headings are read only there):
        ``end``, the line's end, is found again when asked for, not held (one int object
        less for each heading)."""
        h = cls.__new__(cls)
        h.start, h.level, h.folded, h._of = start, level, folded, source
        return h


@dataclass(slots=True)
class HorizontalRule(Node):
    pass


@dataclass(slots=True)
class ListBlock(Node):
    style: str = "bullet"  # bullet | decimal | alpha | upper-alpha | roman | upper-roman
    first: int = 1
    items: list = field(default_factory=list)


@dataclass(slots=True)
class ListItem(Node):
    value: int | None = None  # explicit "#N" start
    children: list = field(default_factory=list)


@dataclass(slots=True)
class Indent(Node):
    children: list = field(default_factory=list)


@dataclass(slots=True)
class Quote(Node):
    children: list = field(default_factory=list)


@dataclass(slots=True)
class Table(Node):
    caption: list | None = None
    attrs: dict = field(default_factory=dict)  # validated table-level attributes
    rows: list = field(default_factory=list)


@dataclass(slots=True)
class TableRow(Node):
    attrs: dict = field(default_factory=dict)
    cells: list = field(default_factory=list)


@dataclass(slots=True)
class TableCell(Node):
    attrs: dict = field(default_factory=dict)  # validated cell attributes (css-ready values)
    colspan: int = 1
    rowspan: int = 1
    align: str | None = None
    valign: str | None = None
    children: list = field(default_factory=list)


# --- inline ---------------------------------------------------------------------------------

class Text(_Computed):
    """A run of plain text. A run read from the parsed text holds that whole text (one shared
    object, no copy) and slices its span only when ``text`` is asked for: a page's runs then
    cost no string each while the tree lives (issue 11, peak memory). A run whose text is not
    its span's (an escape, a parameter's value) holds its own, in a 1-tuple.

    ``Text(start, end, text)`` holds ``text``; ``Text(start, end, "", source)`` reads
    ``source[start:end]``."""

    __slots__ = ()
    __match_args__ = ("start", "end", "text")
    _FIELD = "text"

    def __init__(self, start: int, end: int, text: str = "", source: str | None = None):
        self.start = start
        self.end = end
        self._of = (text,) if source is None else source

    @property
    def text(self) -> str:
        of = self._of
        return of[self.start:self.end] if type(of) is str else of[0]

    @text.setter
    def text(self, value: str) -> None:
        self._of = (value,)

    _value = text.fget


@dataclass(slots=True)
class LineBreak(Node):
    pass


class Style(_PlainTitled):
    """Styled text: ``style`` is bold | italic | underline | strike | sup | sub (or plain, a
    link's label kept as text). ``Style.plain`` makes one whose text has no markup (its
    markers: ''' for bold, two characters for the others; see _PlainTitled)."""

    __slots__ = ("style",)
    __match_args__ = ("start", "end", "style", "children")
    _FIELDS = ("style",)

    def __init__(self, start: int, end: int, style: str = "bold", children=None):
        self.start = start
        self.end = end
        self.style = style
        self._of = [] if children is None else children

    @classmethod
    def plain(cls, start: int, end: int, style: str, source: str) -> "Style":
        """The style whose one Text child reads its text from ``source`` when asked for."""
        s = cls.__new__(cls)
        s.start = start
        s.end = end
        s.style = style
        s._of = source
        return s

    def _margin(self) -> int:
        return 3 if self.style == "bold" else 2


@dataclass(slots=True)
class Code(Node):
    text: str = ""
    block: bool = False  # multi-line {{{ }}} → <pre>


@dataclass(slots=True)
class Size(Node):
    delta: int = 1
    children: list = field(default_factory=list)


@dataclass(slots=True)
class Color(Node):
    light: str = ""
    dark: str | None = None
    children: list = field(default_factory=list)


@dataclass(slots=True)
class WikiBox(Node):
    """{{{#!wiki style="…" dark-style="…" … }}}: raw attribute strings, sanitised when rendered."""
    style: str = ""
    dark_style: str = ""
    children: list = field(default_factory=list)
    classes: tuple = ()  # class=… (checked names, userclass.py)
    toggle: tuple | None = None  # onclick="toggle-class,…": (target classes, class) or None


@dataclass(slots=True)
class StyleSheet(Node):
    """{{{#!style …}}}: the article's own rules, already checked (stylesheet.py)."""
    rules: list = field(default_factory=list)


@dataclass(slots=True)
class Folding(Node):
    summary: str = ""
    children: list = field(default_factory=list)


@dataclass(slots=True)
class SyntaxBlock(Node):
    lang: str = ""
    code: str = ""


@dataclass(slots=True)
class HtmlBlock(Node):
    html: str = ""


@dataclass(slots=True)
class Conditional(Node):
    expr: str = ""
    children: list = field(default_factory=list)
    body: str = ""  # the body's source, re-read when #!if variables fill @name@ in it


@dataclass(slots=True)
class Link(Node):
    """[[target#anchor|label]]. ``target`` is the unescaped target as written (relative forms
    like ``../`` and ``/x`` are resolved at render time against the page title)."""
    target: str = ""
    anchor: str | None = None
    external: bool = False
    label: list | None = None
    pinned: bool = False  # written with 문서: — never resolved as a relative title


@dataclass(slots=True)
class FileEmbed(Node):
    title: str = ""  # full title, 파일:…
    options: dict = field(default_factory=dict)  # validated options
    link: bool = False  # unused marker for future use


@dataclass(slots=True)
class CategoryLink(Node):
    title: str = ""  # full title, 분류:…
    sort_key: str | None = None
    blur: bool = False


@dataclass(slots=True)
class Footnote(Node):
    name: str | None = None
    children: list | None = None  # None: a bare reuse [*A]


@dataclass(slots=True)
class Macro(Node):
    name: str = ""  # lower-cased
    args: str | None = None  # raw argument text inside ( )
    raw: str = ""  # the source text, shown when the macro cannot run


@dataclass(slots=True)
class Include(Node):
    title: str = ""
    args: dict = field(default_factory=dict)
    raw: str = ""


BLOCK_CONTAINERS = (Document, ListItem, Indent, Quote, TableCell, WikiBox, Folding, Conditional)


def to_dict(node: Any) -> Any:
    """The tree as plain JSON-able data: {"type": ..., "span": [start, end], ...}."""
    if isinstance(node, (list, tuple)):  # children are tuples; JSON shows them as lists
        return [to_dict(n) for n in node]
    if not isinstance(node, Node):
        if isinstance(node, dict):
            return {k: to_dict(v) for k, v in node.items()}
        return node
    out: dict[str, Any] = {"type": node.kind, "span": [node.start, node.end]}
    if type(node) is Text:  # its text is a property, not a field
        out["text"] = node.text
        return out
    if isinstance(node, _Computed):  # Paragraph, Heading, Style: children are a property
        for name in (*node._FIELDS, node._FIELD):
            out[name] = to_dict(getattr(node, name))
        return out
    for name in node.__dataclass_fields__:
        if name in ("start", "end"):
            continue
        out[name] = to_dict(getattr(node, name))
    return out
