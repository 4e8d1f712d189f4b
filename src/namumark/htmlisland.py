"""``{{{#!html …}}}`` — the one door for raw HTML, through an nh3 (ammonia) allowlist.

Only presentational tags survive; ``script``, ``style``, ``iframe`` and similar are removed with
their content, other unknown tags are unwrapped (their text stays). ``style`` attributes go
through :func:`namumark.css.sanitize_style`; ``id`` is refused (it would collide with the page's
own anchors ``s-1``, ``fn-1``); links may only go to http, https or mailto and always get
``rel="nofollow noopener ugc"`` and ``target="_blank"``. ``<video>`` may play a source from the
wiki itself (a relative URL such as ``/file/x.mp4``) or from a host the wiki allows
(``media_hosts``, the setting ``SEEDWIKI_HTML_MEDIA_HOSTS``): a page must not make its readers'
browsers fetch from any host an author picks (it would tell that host who reads the page).
"""
from __future__ import annotations

from functools import lru_cache

import nh3

from .css import sanitize_style

MAX_HTML_LENGTH = 200_000

ALLOWED_TAGS = frozenset(
    """
    a abbr b bdi bdo big blockquote br caption center cite code col colgroup dd del dfn div dl dt
    em font h1 h2 h3 h4 h5 h6 hr i ins kbd li mark ol p pre q rp rt ruby s samp small span strike
    strong sub sup table tbody td tfoot th thead time tr tt u ul var video wbr
    """.split()
)

# Removed together with everything inside them.
CONTENT_DROPPED_TAGS = frozenset(
    """
    script style iframe frame frameset object embed applet noscript noembed noframes template
    textarea title xmp plaintext svg math select option button form input base meta link param
    source track audio canvas dialog portal head
    """.split()
)

_COMMON = {"class", "style", "title", "lang", "dir"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": set(_COMMON),
    "a": {"href"},
    "abbr": set(),
    "font": {"color", "size", "face"},
    "td": {"colspan", "rowspan", "align", "valign", "width", "height", "bgcolor"},
    "th": {"colspan", "rowspan", "align", "valign", "width", "height", "bgcolor"},
    "col": {"span", "width"},
    "colgroup": {"span", "width"},
    "table": {"width", "align", "border", "cellpadding", "cellspacing", "bgcolor"},
    "tr": {"align", "valign", "bgcolor"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "video": {"src", "width", "height", "controls", "loop", "muted", "poster", "preload"},
    "time": {"datetime"},
    "q": set(),
    "blockquote": set(),
    "p": {"align"},
    "div": {"align"},
}

URL_SCHEMES = frozenset({"http", "https", "mailto"})
_PLAIN_VALUE_ATTRIBUTES = frozenset(
    {"colspan", "rowspan", "span", "width", "height", "start", "value", "border", "cellpadding",
     "cellspacing", "size"}
)
_KEYWORD_VALUES = {
    "align": {"left", "right", "center", "justify"},
    "valign": {"top", "middle", "bottom", "baseline"},
    "dir": {"ltr", "rtl", "auto"},
    "type": {"1", "a", "A", "i", "I", "disc", "circle", "square"},
    "preload": {"none", "metadata", "auto"},
}


def _plain_number(value: str) -> bool:
    v = value.strip()
    if v.endswith("%"):
        v = v[:-1]
    return 0 < len(v) <= 8 and v.replace(".", "", 1).isdigit()


MEDIA_ATTRIBUTES = frozenset({"src", "poster"})


def media_allowed(url: str, hosts: tuple = ()) -> bool:
    """A media URL the page may load: relative to the wiki (``/file/x.mp4``, not ``//host``),
    or http(s) on a host of ``hosts`` (``example.org``; ``.example.org`` adds its subdomains)."""
    from urllib.parse import urlsplit

    v = url.strip()
    if "\\" in v or any(ord(c) < 0x21 for c in v):
        return False
    if v.startswith("/") and not v.startswith("//"):
        return True
    lowered = v.lower()
    if not (lowered.startswith("https://") or lowered.startswith("http://")) or not hosts:
        return False
    try:
        host = (urlsplit(v).hostname or "").rstrip(".")
    except ValueError:
        return False
    if not host:
        return False
    for allowed in hosts:
        if allowed.startswith("."):
            if host.endswith(allowed) or host == allowed[1:]:
                return True
        elif host == allowed:
            return True
    return False


def _filter_attribute(tag: str, attr: str, value: str, media_hosts: tuple = ()) -> str | None:
    if attr == "style":
        cleaned = sanitize_style(value)
        return cleaned or None
    if attr in MEDIA_ATTRIBUTES:
        return value.strip() if media_allowed(value, media_hosts) else None
    if attr == "href":
        # nh3 has already applied URL_SCHEMES; only absolute http(s)/mailto pass here.
        v = value.strip()
        lowered = v.lower()
        if lowered.startswith("mailto:"):
            return v
        if lowered.startswith("https://") or lowered.startswith("http://"):
            return v
        return None
    if attr in _PLAIN_VALUE_ATTRIBUTES:
        return value.strip() if _plain_number(value) else None
    if attr in _KEYWORD_VALUES:
        v = value.strip()
        return v if v in _KEYWORD_VALUES[attr] or v.lower() in _KEYWORD_VALUES[attr] else None
    if attr in ("color", "bgcolor"):
        from .css import parse_color

        return parse_color(value.strip()) or parse_color("#" + value.strip().lstrip("#"))
    if attr == "class":
        names = [c for c in value.split() if c.replace("-", "").replace("_", "").isalnum()]
        return " ".join(names[:16]) or None
    if attr in ("controls", "loop", "muted", "reversed"):
        return ""
    return value


@lru_cache(maxsize=16)
def _cleaner(media_hosts: tuple):
    """One nh3 Cleaner per media allowlist: building one costs more than cleaning a block."""
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(CONTENT_DROPPED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=lambda tag, attr, value: _filter_attribute(tag, attr, value, media_hosts),
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener ugc",
        set_tag_attribute_values={"a": {"target": "_blank"}},
        strip_comments=True,
    )


def sanitize_html(source: str, media_hosts: tuple = ()) -> str:
    """Hostile HTML in, a safe fragment out. Never raises. ``media_hosts``: the hosts media
    (``<video src>``, ``poster``) may come from besides the wiki itself."""
    if not isinstance(source, str) or not source:
        return ""
    if len(source) > MAX_HTML_LENGTH:
        source = source[:MAX_HTML_LENGTH]
    try:
        return _cleaner(tuple(media_hosts)).clean(source)
    except Exception:  # nh3 is robust, but a failure must not break the page
        import html

        return html.escape(source, quote=False)
