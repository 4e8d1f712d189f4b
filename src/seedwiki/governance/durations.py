"""Block durations: "1h", "7d", "30m", "2w", plain seconds; 0 or "permanent" means no end.
Shown the way /BlockHistory words them: "1일 2시간 동안" or "영구적으로"."""
from __future__ import annotations

from django.utils.translation import gettext as _

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "y": 365 * 86400}
MAX_SECONDS = 100 * 365 * 86400  # beyond this, say "permanent"
PERMANENT_WORDS = {"0", "permanent", "영구", "영구적으로", "forever"}


def parse_duration(text) -> int | None:
    """Seconds, or None for permanent; ValueError with a Korean message on anything else."""
    value = str(text if text is not None else "").strip().lower()
    if value in PERMANENT_WORDS or value == "":
        return None
    unit = value[-1] if value[-1:] in UNITS else "s"
    number = value[:-1] if value[-1:] in UNITS else value
    if not number.isascii() or not number.isdigit() or len(number) > 12:
        raise ValueError(_("기간 '%(value)s'을(를) 알 수 없습니다. 예: 3600, 1h, 7d, 0(영구)") % {"value": value[:40]})
    seconds = int(number) * UNITS[unit]
    if seconds == 0:
        return None
    if seconds > MAX_SECONDS:
        raise ValueError(_("기간이 너무 깁니다. 영구 차단은 0을 쓰세요."))
    return seconds


def describe_duration(seconds: int | None) -> str:
    """ "1일 2시간 동안", or "영구적으로" for None."""
    if not seconds:
        return _("영구적으로")
    parts = []
    for size, label in ((86400, _("%(n)s일")), (3600, _("%(n)s시간")), (60, _("%(n)s분")), (1, _("%(n)s초"))):
        if seconds >= size:
            parts.append(label % {"n": seconds // size})
            seconds %= size
    return _("%(span)s 동안") % {"span": " ".join(parts)}
