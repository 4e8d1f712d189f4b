"""The ``from``/``until`` cursors of keyset-paged lists as request parameters, and the pager links.

Old ``?page=N`` addresses keep working for the first MAX_LEGACY_PAGE pages: they redirect to the
same page by cursor (one bounded OFFSET to find where it starts)."""
from __future__ import annotations

from typing import Callable, Sequence
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from seedwiki.documents.views.common import RequestError, int_param
from seedwiki.keyset import KeysetPage, key_at
from seedwiki.titles import TitleError, parse_title

MAX_CURSOR_LENGTH = 512
MAX_LEGACY_PAGE = 50


def cursor_params(request, parse: Callable[[str], tuple], full_title: str | None = None,
                  names: tuple[str, str] = ("from", "until")):
    """(start, end) keys from ?from= / ?until= (at most one of them), or a 400 refusal.

    ``names``: other parameter names (category pages use cfrom/cuntil: /w/ keeps ?from= for redirects)."""
    raw_from, raw_until = request.GET.get(names[0]), request.GET.get(names[1])
    if raw_from is not None and raw_until is not None:
        raise RequestError(_("%(start)s과 %(end)s은 함께 쓸 수 없습니다.") % {"start": names[0], "end": names[1]},
                           400, full_title)
    keys = []
    for name, raw in zip(names, (raw_from, raw_until)):
        if raw is None:
            keys.append(None)
            continue
        try:
            if not raw or len(raw) > MAX_CURSOR_LENGTH:
                raise ValueError(raw)
            keys.append(parse(raw))
        except (ValueError, TitleError):
            raise RequestError(_("'%(name)s' 값이 올바르지 않습니다.") % {"name": name}, 400, full_title) from None
    return keys[0], keys[1]


def title_cursor(request, full_title: str | None = None):
    """Cursors that are page titles: the key is (namespace, title)."""
    return cursor_params(request, parse_title, full_title)


def _number(raw: str) -> tuple[int]:
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10) or int(raw) > 2**31 - 1:
        raise ValueError(raw)
    return (int(raw),)


def number_cursor(request, full_title: str | None = None):
    """Cursors that are whole numbers (a revision number, a row id): the key is (n,)."""
    return cursor_params(request, _number, full_title)


def _query(params: dict, **cursor) -> str:
    return "?" + urlencode({**{k: v for k, v in params.items() if v}, **cursor})


def cursor_links(page: KeysetPage, encode: Callable[[tuple], str], params: dict | None = None) -> dict:
    """The addresses of the previous and next pages ('' where there is none), keeping ``params``."""
    params = params or {}
    return {
        "previous": _query(params, until=encode(page.previous_key)) if page.previous_key is not None else "",
        "next": _query(params, **{"from": encode(page.next_key)}) if page.next_key is not None else "",
    }


def legacy_page_redirect(request, queryset, keys: Sequence[str], per_page: int, key_of, encode, *,
                         descending: bool = False, params: dict | None = None, full_title: str | None = None):
    """A redirect from an old ``?page=N`` (N > 1) to the same page by cursor; None when there is no ?page=.

    ``queryset`` may be a function returning it, called only for such an address."""
    number = int_param(request, "page", 1) or 1
    if number <= 1:
        return None
    if callable(queryset):
        queryset = queryset()
    if number > MAX_LEGACY_PAGE:
        raise RequestError(_("쪽 번호로는 %(n)s쪽까지만 찾아갈 수 있습니다. '다음' 링크를 쓰세요.")
                           % {"n": MAX_LEGACY_PAGE}, 400, full_title)
    key = key_at(queryset, keys, (number - 1) * per_page, key_of, descending=descending)
    if key is None:
        raise RequestError(_("해당 쪽이 없습니다."), 404, full_title)
    return HttpResponseRedirect(_query(params or {}, **{"from": encode(key)}))
