"""Rendering pages from the database: DbContext (namumark.Context over the DB) and the render cache.

Cached HTML is keyed by (revision id, document.render_stamp): a new revision is a new key, and the
stamp is bumped after commit when something the HTML depends on changes (a linked page appears or
disappears, an included page is edited) — see documents/services/derive.py.

Renders for requests run in a worker process with a hard time and memory limit (render_pool.py):
the worker renders with a HostContext whose questions the requesting thread answers from a
DbContext. A render past the limit gives data with ``failed`` set (the page shows a notice); that
outcome is remembered briefly so that reloading a page that cannot render does not burn a worker
each time. Large HTML is stored compressed and HTML past SEEDWIKI_RENDER_CACHE_ENTRY_MB (after
compression) not at all, so old revisions cannot pin many megabytes each.
"""
from __future__ import annotations

import datetime as dt
import logging
import pickle
import zlib
from dataclasses import asdict
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import namumark
from namumark.escape import quote as quote_url
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils.html import escape

from seedwiki import render_pool
from seedwiki.documents.models import Document, Revision
from seedwiki.titles import MAIN, URL_SAFE, TitleError, parse_title, quote_title

log = logging.getLogger(__name__)

CACHE_VERSION = 2
COMPRESS_ABOVE = 32 * 1024  # characters of HTML; smaller entries are cheaper to keep as they are
FAILURE_TIMEOUT = 120  # seconds a failed render is remembered


class DbContext:
    """Answers the renderer's questions from the database, remembering answers for one render."""

    def __init__(self):
        self._exists: dict[str, bool] = {}
        self._sources: dict[str, str | None] = {}
        # {{{#!html}}} media may come from these hosts besides the wiki (namumark reads it)
        self.html_media_hosts = tuple(getattr(settings, "SEEDWIKI_HTML_MEDIA_HOSTS", ()))

    # -- batching: one query for all the links of a page instead of one per link --------------
    def preload(self, titles) -> None:
        wanted: dict[tuple[str, str], str] = {}
        for full in titles:
            if full in self._exists:
                continue
            try:
                wanted[parse_title(full)] = full
            except TitleError:
                self._exists[full] = False
        if not wanted:
            return
        found: set[tuple[str, str]] = set()
        items = list(wanted)
        for start in range(0, len(items), 400):
            chunk = items[start:start + 400]
            condition = Q()
            by_ns: dict[str, list[str]] = {}
            for ns, title in chunk:
                by_ns.setdefault(ns, []).append(title)
            for ns, names in by_ns.items():
                condition |= Q(namespace=ns, title__in=names)
            found.update(Document.objects.filter(condition, deleted=False, latest__isnull=False)
                         .values_list("namespace", "title"))
        for key, full in wanted.items():
            self._exists[full] = key in found

    def _document(self, title: str) -> Document | None:
        try:
            ns, name = parse_title(title)
        except TitleError:
            return None
        return (Document.objects.select_related("latest__blob")
                .filter(namespace=ns, title=name, deleted=False, latest__isnull=False).first())

    # -- namumark.Context ------------------------------------------------------------------------
    def page_exists(self, title: str) -> bool:
        if title not in self._exists:
            self.preload([title])
        if not self._exists.get(title, False) and title.startswith("파일:"):
            return self.file_info(title) is not None
        return self._exists.get(title, False)

    def page_source(self, title: str) -> str | None:
        if title not in self._sources:
            document = self._document(title)
            self._sources[title] = document.latest.text if document is not None else None
        return self._sources[title]

    def file_info(self, title: str):
        try:
            from seedwiki.files import file_info
        except ImportError:  # the files app is optional
            return None
        try:
            return file_info(title)
        except Exception:
            log.exception("file_info(%r) failed", title)
            return None

    def now(self) -> dt.datetime:
        return dt.datetime.now(ZoneInfo(settings.TIME_ZONE))

    def page_count(self, namespace: str | None) -> int:
        query = Document.objects.filter(deleted=False, latest__isnull=False)
        if namespace:
            query = query.filter(namespace=namespace or MAIN)
        return query.count()

    def page_url(self, title: str) -> str:
        # quote_title's output, through namumark's quote: its bounded cache answers a title
        # linked again (the renderer asks per link and keeps no URLs of its own)
        return "/w/" + quote_url(title, URL_SAFE)

    def missing_file_url(self, title: str) -> str:
        """A red link to a missing file opens the upload form with its name filled in."""
        return "/Upload?" + urlencode({"title": title})

    def exists_many(self, titles: list[str]) -> dict[str, bool]:
        """page_exists of many titles with one query (what a render worker asks first)."""
        self.preload(titles)
        return {title: self.page_exists(title) for title in titles}


class HostContext(DbContext):
    """A render worker's Context: the answers come from the host's DbContext (render_pool.ask)."""

    def __init__(self, now: dt.datetime, html_media_hosts: tuple = ()):
        super().__init__()
        self._now = now
        self.html_media_hosts = tuple(html_media_hosts)  # the host's setting, not the worker's

    def preload(self, titles) -> None:
        wanted = [title for title in dict.fromkeys(titles) if title not in self._exists]
        if wanted:
            self._exists.update(render_pool.ask("exists_many", wanted))

    def page_exists(self, title: str) -> bool:
        if title not in self._exists:
            self._exists[title] = render_pool.ask("page_exists", title)
        return self._exists[title]

    def page_source(self, title: str) -> str | None:
        if title not in self._sources:
            self._sources[title] = render_pool.ask("page_source", title)
        return self._sources[title]

    def file_info(self, title: str):
        return render_pool.ask("file_info", title)

    def now(self) -> dt.datetime:
        return self._now

    def page_count(self, namespace: str | None) -> int:
        return render_pool.ask("page_count", namespace)


def render_job(text: str, title: str | None, now: dt.datetime, html_media_hosts: tuple = ()) -> dict:
    """The render itself (in a worker, or in-process for the CLI): {html_utf8, headings,
    categories, redirect}."""
    context = HostContext(now, html_media_hosts)
    tree = namumark.parse(text)
    try:
        meta = namumark.metadata(tree, title=title)
        context.preload(list(meta.links) + [ref.title for ref in meta.includes])
    except Exception:
        log.exception("metadata for preload failed")
    # UTF-8 bytes: a page of Korean takes half the memory than as a str, in the worker and in
    # the message that carries it back (namumark's html_sink.py)
    result = namumark.render_html(tree, context, title=title, utf8=True)
    return {
        "html_utf8": result.utf8,
        "headings": [asdict(h) for h in result.headings],
        "categories": [asdict(c) for c in result.categories],
        "redirect": asdict(result.redirect) if result.redirect is not None else None,
    }


def render_many_job(texts: list[str], title: str | None, now: dt.datetime, html_media_hosts: tuple = ()) -> list[str]:
    """Many short texts (a block of discussion comments) in one job: one round trip to a worker and
    one existence query for all their links, instead of one of each per text."""
    context = HostContext(now, html_media_hosts)
    trees = [namumark.parse(text) for text in texts]
    wanted: list[str] = []
    for tree in trees:
        try:
            meta = namumark.metadata(tree, title=title)
            wanted += list(meta.links) + [ref.title for ref in meta.includes]
        except Exception:
            log.exception("metadata for preload failed")
    context.preload(wanted)
    return [namumark.render_html(tree, context, title=title).html for tree in trees]


def render_many(texts: list[str], title: str | None = None) -> list[str]:
    """HTML of each text, rendered like render_source (raises render_pool.RenderUnavailable past the limit)."""
    if not texts:
        return []
    host = DbContext()
    return render_pool.render_limited(render_many_job, list(texts), title, host.now(), host.html_media_hosts,
                                      host=host)


def _render(text: str, title: str | None) -> dict:
    """Raises render_pool.RenderUnavailable past the hard limit."""
    host = DbContext()
    data = render_pool.render_limited(render_job, text, title, host.now(), host.html_media_hosts, host=host)
    data["html"] = data.pop("html_utf8").decode()
    return data


def failed_render(error: render_pool.RenderUnavailable) -> dict:
    """What a page shows instead of its content when the render went past the hard limit."""
    return {"html": "", "headings": [], "categories": [], "redirect": None,
            "failed": error.reason, "failed_message": error.message}


def render_source(text: str, title: str | None = None) -> dict:
    """Render any text (the editor's preview) without caching; ``title`` is the page being edited.

    Raises render_pool.RenderUnavailable past the hard limit (the editor keeps its text)."""
    return _render(text, title)


def _pack(data: dict) -> tuple[object, int | None] | None:
    """(cache value, timeout) of ``data``, or None when it is too large to keep."""
    if data.get("failed"):
        return data, FAILURE_TIMEOUT
    if len(data["html"]) <= COMPRESS_ABOVE:
        return data, None
    packed = zlib.compress(pickle.dumps(data, pickle.HIGHEST_PROTOCOL), 1)
    if len(packed) > settings.SEEDWIKI_RENDER_CACHE_ENTRY_BYTES:
        return None
    return ("zlib", packed), None


def _unpack(value) -> dict | None:
    if isinstance(value, tuple) and value and value[0] == "zlib":
        return pickle.loads(zlib.decompress(value[1]))
    return value


def render_revision(document: Document, revision: Revision) -> dict:
    """{html, headings, categories, redirect} of ``revision``, from the cache when it can.

    Past the hard limit: {…, failed, failed_message} with empty HTML (see failed_render)."""
    key = f"sw:render:{CACHE_VERSION}:{revision.pk}:{document.render_stamp}"
    data = _unpack(cache.get(key))
    if data is None:
        try:
            data = _render(revision.text, document.full_title)
        except render_pool.RenderUnavailable as error:
            data = failed_render(error)
            if error.reason == "busy":  # not the page's fault: try again next time
                return data
        packed = _pack(data)
        if packed is not None:
            value, timeout = packed
            cache.set(key, value, *([timeout] if timeout else []))
    return data


def with_section_edit_links(html: str, headings: list[dict], full_title: str, label: str) -> str:
    """Add the seed's "[편집]" link to each of the page's own headings (section N = Nth heading).

    Headings are found by their ``id="s-…"`` anchors, in order; a heading that cannot be found
    (e.g. the same number produced by an included page first) simply gets no link. The link goes
    at the end of the heading, inside it (floated right by the skin), so it stays on the heading's
    line next to floated tables and folds with its section.
    """
    if not headings:
        return html
    edit_url = "/edit/" + quote_title(full_title) + "?section="
    parts, position = [], 0
    for index, heading in enumerate(headings, start=1):
        anchor = html.find(f'<a id="{escape(heading["id"])}" href="#toc">', position)
        if anchor < 0:
            continue
        end = html.find(f'</h{heading["level"]}>', anchor)
        if end < 0:
            continue
        parts.append(html[position:end])
        parts.append(f'<span class="wiki-edit-section"><a href="{edit_url}{index}" rel="nofollow">'
                     f'[{escape(label)}]</a></span>')
        position = end
    parts.append(html[position:])
    return "".join(parts)
