"""``[age(…)]``, ``[dday(…)]``, ``[date]`` / ``[datetime]``.

From namu.wiki's syntax help (2018-04, 2022, 2023):

- dates are written ``YYYY-MM-DD`` with exactly four, two and two digits;
- age and dday are computed on the UTC date ("UTC 기준(KST 기준 9시)으로 자동 갱신");
- age: "연도의 값을 0100보다 작게 입력할 경우 1900이 더해진 연도로 계산됩니다" (2023), so 0099 is 1999;
  a date that does not exist is "invalid date";
- dday is 0 on the day itself and the range 0100-01-01 … 9999-12-31 is valid, anything else is
  "invalid dday"; the 2018 page's examples ``D[dday(2020-01-01)]`` (a future date, read "D-N") and
  ``[dday(2015-04-17)]일째`` (a past date) show the number is *days elapsed* — negative before the
  date, positive after — and carries no ``D`` of its own. Past dates print with a ``+`` (``+10``),
  as the opensinabro reference and our conformance cases have it; the help page does not show it;
- ``[date]`` and ``[datetime]`` print the same thing: the access time, ``YYYY-MM-DD HH:MM:SS`` in the
  wiki clock's time zone (the help page shows no format; this follows the opensinabro reference).

The clock is always passed in (``Context.now()``): this module never reads the time itself.
"""
from __future__ import annotations

import datetime as _dt

MIN_DATE = _dt.date(100, 1, 1)
MAX_DATE = _dt.date(9999, 12, 31)


def parse_date(s: str, *, add_1900_below_100: bool = False) -> _dt.date | None:
    """Strict ``YYYY-MM-DD`` inside the supported range, else None.

    With ``add_1900_below_100`` (the age macro) years 0000–0099 mean 1900–1999.
    """
    if not isinstance(s, str):
        return None
    s = s.strip()
    if len(s) != 10 or s[4] != "-" or s[7] != "-":
        return None
    y, m, d = s[0:4], s[5:7], s[8:10]
    if not (y.isascii() and y.isdigit() and m.isascii() and m.isdigit() and d.isascii() and d.isdigit()):
        return None
    year = int(y)
    if add_1900_below_100 and year < 100:
        year += 1900
    try:
        date = _dt.date(year, int(m), int(d))
    except ValueError:
        return None
    if date < MIN_DATE or date > MAX_DATE:
        return None
    return date


def _utc_today(now: _dt.datetime | _dt.date) -> _dt.date:
    if isinstance(now, _dt.datetime):
        if now.tzinfo is not None:
            return now.astimezone(_dt.timezone.utc).date()
        return now.date()
    return now


def age(date_str: str, now: _dt.datetime | _dt.date) -> int | None:
    """Full years (만 나이) from a birth date to today's UTC date; None if invalid or in the future.

    Someone born on 29 February turns a year older on 1 March in common years.
    """
    born = parse_date(date_str, add_1900_below_100=True)
    if born is None:
        return None
    today = _utc_today(now)
    if born > today:
        return None
    years = today.year - born.year
    if (today.month, today.day) < (born.month, born.day):
        years -= 1
    return years


def dday(date_str: str, now: _dt.datetime | _dt.date) -> int | None:
    """Days from the date to today's UTC date: negative before it, 0 on it, positive after."""
    target = parse_date(date_str)
    if target is None:
        return None
    return (_utc_today(now) - target).days


def context_now(ctx) -> _dt.datetime:
    """The context's clock; UTC now when the context's clock fails (a render never raises)."""
    try:
        return ctx.now()
    except Exception:
        return _dt.datetime.now(_dt.timezone.utc)


def format_dday(days: int) -> str:
    """The text ``[dday(…)]`` shows: the signed number of days (``-3``, ``0``, ``+12``)."""
    days = int(days)
    return f"+{days}" if days > 0 else str(days)


def format_datetime(now: _dt.datetime) -> str:
    """``2026-11-25 20:41:07`` — the wiki clock's local time (the Context gives it in the wiki's
    time zone)."""
    return f"{now.year:04d}-{now.month:02d}-{now.day:02d} {now.hour:02d}:{now.minute:02d}:{now.second:02d}"


def format_date(now: _dt.datetime) -> str:
    """``[date]`` prints the same as ``[datetime]`` (help page: "[date] 또는 [datetime]")."""
    return format_datetime(now)
