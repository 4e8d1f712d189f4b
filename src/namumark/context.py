"""The one door between the markup and its host.

The renderer asks a Context whatever it cannot know by itself. The wiki implements it over its
database; tests and the standalone ``seedwiki render`` command use :class:`MemoryContext`.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .escape import quote


@dataclass(frozen=True)
class FileInfo:
    """What the renderer needs to show an uploaded file."""

    url: str
    width: int | None = None
    height: int | None = None


@runtime_checkable
class Context(Protocol):
    """Questions the renderer asks its host. Titles are full titles, e.g. ``틀:상위 문서``."""

    def page_exists(self, title: str) -> bool: ...

    def page_source(self, title: str) -> str | None:
        """NamuMark source of an included page, or None when it does not exist."""

    def file_info(self, title: str) -> FileInfo | None:
        """URL and size of ``파일:…``, or None when there is no such file."""

    def now(self) -> _dt.datetime:
        """The current time, timezone-aware, in the wiki's time zone."""

    def page_count(self, namespace: str | None) -> int:
        """Documents in a namespace (None: all namespaces)."""

    def page_url(self, title: str) -> str:
        """The href of a page, e.g. ``/w/%EB%AC%B8%EC%84%9C``, without anchor."""

    # Optional: ``missing_file_url(title) -> str``, the href of a ``[[파일:…]]`` whose file does not
    # exist (e.g. an upload form with the name filled in); without it, page_url(title).


@dataclass
class MemoryContext:
    """Standalone Context: pages and files held in dicts, a fixed or real clock."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, FileInfo] = field(default_factory=dict)
    clock: _dt.datetime | None = None
    url_prefix: str = "/w/"
    # When True every page exists (no red links): handy for rendering lone files.
    assume_exists: bool = False
    # The page being rendered (relative links, self links, #!if callee title). Any Context may
    # carry a ``title`` attribute; an explicit ``render_html(..., title=...)`` wins over it.
    title: str | None = None
    # Hosts {{{#!html}}} media (<video src>, poster) may load from besides the wiki itself
    # (any Context may carry this attribute; HtmlRenderer._media_hosts reads it for
    # namumark.htmlisland.sanitize_html).
    html_media_hosts: tuple = ()

    def page_exists(self, title: str) -> bool:
        return self.assume_exists or title in self.pages or title in self.files

    def page_source(self, title: str) -> str | None:
        return self.pages.get(title)

    def file_info(self, title: str) -> FileInfo | None:
        return self.files.get(title)

    def now(self) -> _dt.datetime:
        if self.clock is not None:
            return self.clock
        return _dt.datetime.now(_dt.timezone(_dt.timedelta(hours=9)))

    def page_count(self, namespace: str | None) -> int:
        if namespace is None:
            return len(self.pages)
        prefix = namespace + ":"
        if namespace in ("문서", ""):
            return sum(1 for t in self.pages if ":" not in t)
        return sum(1 for t in self.pages if t.startswith(prefix))

    def page_url(self, title: str) -> str:
        return self.url_prefix + quote(title, "/:()!,'*")
