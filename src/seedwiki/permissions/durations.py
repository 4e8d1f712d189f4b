"""Durations as operators type them: "30m", "1h", "7d", "2w", "1y", a number of seconds, or
"0"/"영구"/"permanent" (no expiry)."""
from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "y": 365 * 86400}
PERMANENT = {"", "0", "영구", "permanent", "forever"}
MAX_SECONDS = 100 * 365 * 86400
_PATTERN = re.compile(r"^(\d{1,10})([smhdwy]?)$")


class DurationError(ValueError):
    pass


def parse_duration(text: str | None) -> dt.timedelta | None:
    """The duration, or None for permanent; DurationError (a Korean message) when unreadable."""
    value = (text or "").strip().lower()
    if value in PERMANENT:
        return None
    match = _PATTERN.match(value)
    if match is None:
        raise DurationError(_("기간을 읽을 수 없습니다: %(value)s (예: 30m, 1h, 7d, 2w, 영구)") % {"value": text})
    seconds = int(match.group(1)) * UNITS[match.group(2) or "s"]
    if seconds <= 0 or seconds > MAX_SECONDS:
        raise DurationError(_("기간이 너무 깁니다.") if seconds else _("기간을 읽을 수 없습니다: %(value)s") % {"value": text})
    return dt.timedelta(seconds=seconds)


def describe(seconds: int | None) -> str:
    """"3일 동안" / "영구적으로" as BlockHistory words it."""
    if seconds is None:
        return _("영구적으로")
    for unit, size, label in (("w", 7 * 86400, "주"), ("d", 86400, "일"), ("h", 3600, "시간"), ("m", 60, "분")):
        if seconds % size == 0 and seconds >= size:
            return _("%(n)s%(unit)s 동안") % {"n": seconds // size, "unit": label}
    return _("%(n)s초 동안") % {"n": seconds}
