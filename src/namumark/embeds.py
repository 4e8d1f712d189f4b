"""Video macros: ``[youtube(…)]``, ``[kakaotv(…)]``, ``[nicovideo(…)]``, ``[vimeo(…)]``,
``[navertv(…)]`` → an ``<iframe class="wiki-media">``.

The help page (2022/2023, "동영상") lists the five platforms, the id's place in each URL, and the
parameters ``width`` (number or percent), ``height`` (number only) and ``start``/``end`` (seconds, YouTube only).
Every id is checked against a strict character class and every URL is built by us on a fixed
https host, so nothing the author writes reaches ``src`` unchecked. Invalid input gives None: the
caller then shows the macro as written.
"""
from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

DEFAULT_WIDTH = "640"
DEFAULT_HEIGHT = "360"
MAX_SECONDS = 24 * 3600 * 10

# host → the path every embed on it starts with; the safety tests check iframes against this.
EMBED_PREFIXES: dict[str, str] = {
    "youtube": "https://www.youtube.com/embed/",
    "kakaotv": "https://tv.kakao.com/embed/player/cliplink/",
    "nicovideo": "https://embed.nicovideo.jp/watch/",
    "vimeo": "https://player.vimeo.com/video/",
    "navertv": "https://tv.naver.com/embed/",
}
ALLOWED_HOSTS = frozenset(
    {"www.youtube.com", "tv.kakao.com", "embed.nicovideo.jp", "player.vimeo.com", "tv.naver.com"}
)

_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_DIGITS = frozenset("0123456789")


def _youtube_id(s: str) -> bool:
    return 1 <= len(s) <= 20 and all(c in _ASCII_ALNUM or c in "-_" for c in s)


def _digits_id(s: str) -> bool:
    return 1 <= len(s) <= 20 and all(c in _DIGITS for c in s)


def _kakao_id(s: str) -> bool:
    # cliplink ids are numbers; older links carry a letter-number mix ("v…", "l…").
    return 1 <= len(s) <= 32 and all(c in _ASCII_ALNUM for c in s)


def _nico_id(s: str) -> bool:
    # sm8628149, so12345, nm123, or a bare number
    letters = len(s) - len(s.lstrip("abcdefghijklmnopqrstuvwxyz"))
    rest = s[letters:]
    return letters <= 2 and _digits_id(rest)


_ID_CHECKS = {
    "youtube": _youtube_id,
    "kakaotv": _kakao_id,
    "nicovideo": _nico_id,
    "vimeo": _digits_id,
    "navertv": _digits_id,
}


def parse_dimension(value: str | None, default: str) -> str | None:
    """``"640"``, ``"640px"``, ``"100%"`` → ``"640"`` / ``"100%"``; None when malformed."""
    if value is None:
        return default
    v = value.strip().lower()
    if v == "":
        return default
    percent = v.endswith("%")
    if percent:
        v = v[:-1]
    elif v.endswith("px"):
        v = v[:-2]
    whole, dot, frac = v.partition(".")
    if not whole or not all(c in _DIGITS for c in whole) or (dot and not all(c in _DIGITS for c in frac)):
        return None
    number = int(whole)
    if percent:
        if number > 100 or number == 0:
            return None
        return f"{number}%"
    if number == 0 or number > 4000:
        return None
    return str(number)


def _seconds(value: str | None) -> int | None | bool:
    """Seconds parameter → int, None when absent, False when malformed."""
    if value is None or value.strip() == "":
        return None
    v = value.strip()
    if not all(c in _DIGITS for c in v) or len(v) > 8:
        return False
    n = int(v)
    return n if n <= MAX_SECONDS else False


def video_src(kind: str, video_id: str, start: int | None = None, end: int | None = None) -> str | None:
    kind = (kind or "").lower()
    check = _ID_CHECKS.get(kind)
    if check is None or not isinstance(video_id, str) or not check(video_id):
        return None
    url = EMBED_PREFIXES[kind] + video_id
    if kind == "youtube":
        query = []
        if start is not None:
            query.append(f"start={start}")
        if end is not None:
            query.append(f"end={end}")
        if query:
            url += "?" + "&".join(query)
    return url


def video_embed(kind: str, args: Sequence[str], kwargs: Mapping[str, str]) -> str | None:
    """The iframe for a video macro, or None when the macro is not valid.

    ``args`` are the positional arguments (the first is the id), ``kwargs`` the ``name=value``
    ones. Unknown parameters are ignored, like the seed does.
    """
    try:
        if not args:
            return None
        video_id = (args[0] or "").strip()
        kwargs = {str(k).strip().lower(): str(v) for k, v in (kwargs or {}).items()}
        width = parse_dimension(kwargs.get("width"), DEFAULT_WIDTH)
        height_arg = kwargs.get("height")
        # help 2023: "높이(height)는 비율을 지정할 수 없습니다" — a percent height is ignored
        if height_arg is not None and height_arg.strip().endswith("%"):
            height_arg = None
        height = parse_dimension(height_arg, DEFAULT_HEIGHT)
        if width is None or height is None:
            return None
        start = end = None
        if (kind or "").lower() == "youtube":
            start = _seconds(kwargs.get("start"))
            end = _seconds(kwargs.get("end"))
            if start is False or end is False:
                return None
        src = video_src(kind, video_id, start, end)  # type: ignore[arg-type]
        if src is None:
            return None
    except (TypeError, ValueError, AttributeError):
        return None
    return (
        f'<iframe class="wiki-media" src="{html.escape(src, quote=True)}" '
        f'width="{width}" height="{height}" frameborder="0" allowfullscreen loading="lazy" '
        f'referrerpolicy="strict-origin-when-cross-origin"></iframe>'
    )
