"""Namespaces, title normalisation and validation, URL quoting.

A full title is ``"<namespace>:<title>"``, except in the main namespace 문서 where the prefix is
left out (``"문서:X"`` is accepted and means ``"X"``). A prefix that is not a known namespace is
part of the title (``"Re:제로"`` lives in 문서).

Normalisation (decided here, applied everywhere a title enters the wiki):
- Unicode NFC, so a title typed as decomposed jamo and one typed as syllables are the same page;
- leading and trailing whitespace removed, runs of whitespace collapsed to one space;
- underscores are KEPT: like namu.wiki, ``"A_B"`` and ``"A B"`` are two different pages.

Validation: not empty, at most 255 characters (the column size), no character a reader cannot see
(control and format characters, Hangul fillers, stray variation selectors … — seedwiki/invisible.py),
no ``.``/``..`` path segment (browsers would rewrite the URL).
``#`` is allowed in a title (namu.wiki has ``C#``): in links it must be escaped, in URLs it is
quoted as ``%23``.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _

from seedwiki.invisible import describe, first_invisible

MAIN = "문서"
TEMPLATE = "틀"
CATEGORY = "분류"
FILE = "파일"
USER = "사용자"
TRASH = "휴지통"

MAX_TITLE_LENGTH = 255

# Characters left unquoted in /w/<title> URLs (like the seed: the path separator and a few signs).
URL_SAFE = "/:()!,'*"


class TitleError(ValueError):
    """A title the wiki refuses; ``str(error)`` is a Korean message for the reader."""


def project_namespace() -> str:
    return settings.SITE_NAME


def namespaces() -> tuple[str, ...]:
    """All namespaces, main first; the project namespace is named after the site."""
    return (MAIN, TEMPLATE, CATEGORY, FILE, USER, project_namespace(), TRASH)


def normalize(full_title: str) -> str:
    """Canonical spelling of a title as typed (no validation)."""
    text = unicodedata.normalize("NFC", full_title or "")
    return " ".join(text.split())


def _check(title: str, full: str) -> None:
    if not title:
        raise TitleError(_("문서 이름이 비어 있습니다."))
    if len(full) > MAX_TITLE_LENGTH:
        raise TitleError(_("문서 이름이 너무 깁니다. (%(n)s자 이하)") % {"n": MAX_TITLE_LENGTH})
    invisible = first_invisible(full)
    if invisible is not None:
        raise TitleError(_("문서 이름에 사용할 수 없는 문자가 있습니다. (보이지 않는 문자 %(code)s)")
                         % {"code": describe(invisible)})
    if any(part in (".", "..") for part in title.split("/")):
        raise TitleError(_("문서 이름에 '.' 또는 '..'만으로 된 경로 조각을 쓸 수 없습니다."))


@lru_cache(maxsize=4096)
def _parse(full: str, ns_tuple: tuple[str, ...]) -> tuple[str, str]:
    namespace, title = MAIN, full
    prefix, sep, rest = full.partition(":")
    # The prefix must be spelled exactly ("틀 :x" is a main-namespace title); space after the colon is dropped.
    if sep and prefix in ns_tuple:
        namespace, title = prefix, rest.strip()
    return namespace, title


def parse_title(full_title: str) -> tuple[str, str]:
    """``"틀:상위 문서"`` → ``("틀", "상위 문서")``; ``"대문"`` → ``("문서", "대문")``.

    Raises TitleError with the reason when the title cannot name a page.
    """
    full = normalize(full_title)
    namespace, title = _parse(full, namespaces())
    _check(title, join_title(namespace, title))
    return namespace, title


def join_title(namespace: str, title: str) -> str:
    """The full title of (namespace, title): no prefix in the main namespace."""
    return title if namespace == MAIN else f"{namespace}:{title}"


def canonical(full_title: str) -> str:
    """Normalised, validated full title (``"문서:X"`` → ``"X"``)."""
    return join_title(*parse_title(full_title))


def quote_title(full_title: str) -> str:
    """Percent-encode a full title for a URL path."""
    return quote(full_title, safe=URL_SAFE)


def page_url(full_title: str, action: str = "w") -> str:
    """``/w/<quoted title>`` (or /edit/, /history/, … with ``action``)."""
    return f"/{action}/{quote_title(full_title)}"
