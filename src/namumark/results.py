"""What the renderers and metadata() hand back (the API in docs/namumark-api.md)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    level: int
    number: str  # "1.2"
    id: str  # "s-1.2"
    text: str
    folded: bool = False


@dataclass(frozen=True, slots=True)  # one per note: 10,000 notes, no __dict__ each (issue 11)
class Footnote:
    id: str  # "fn-1"
    label: str  # "1" or the name of a named footnote
    text: str


@dataclass(frozen=True)
class CategoryRef:
    title: str  # "분류:x"
    sort_key: str | None = None
    blur: bool = False


@dataclass(frozen=True)
class RedirectTarget:
    title: str
    anchor: str | None = None


@dataclass(frozen=True)
class IncludeRef:
    title: str
    args: dict = field(default_factory=dict)


@dataclass
class RenderResult:
    html: str
    headings: list = field(default_factory=list)
    footnotes: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    redirect: RedirectTarget | None = None
    # budgets this render ran past ("output", "toc", "math", …; see namumark.budget.NOTICES)
    exceeded: list = field(default_factory=list)
    # render_html(..., utf8=True): the HTML as UTF-8 bytes, and ``html`` is "" (a page of Korean
    # holds half the memory this way: html_sink.py)
    utf8: bytes | None = None

    @classmethod
    def of(cls, html: str | bytes, *rest, **fields) -> RenderResult:
        """The result for ``html`` as made: a str is ``html``, UTF-8 bytes are ``utf8``."""
        if isinstance(html, bytes):
            return cls("", *rest, utf8=html, **fields)
        return cls(html, *rest, **fields)


@dataclass
class Metadata:
    links: list = field(default_factory=list)
    includes: list = field(default_factory=list)
    files: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    headings: list = field(default_factory=list)
    redirect: RedirectTarget | None = None
