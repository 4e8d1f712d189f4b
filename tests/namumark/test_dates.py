"""[age], [dday], [date] (namumark.dates)."""
import datetime as dt

import pytest

from namumark.dates import age, dday, format_date, format_datetime, format_dday, parse_date

KST = dt.timezone(dt.timedelta(hours=9))
NOW = dt.datetime(2026, 7, 17, 12, 0, 0, tzinfo=KST)  # 03:00 UTC, same date


def test_age_full_years():
    assert age("2000-01-01", NOW) == 26
    assert age("2000-07-17", NOW) == 26  # birthday today
    assert age("2000-07-18", NOW) == 25  # birthday tomorrow
    assert age("2026-07-17", NOW) == 0


def test_age_uses_the_utc_date():
    # 2026-07-18 08:00 KST is still 2026-07-17 in UTC: the birthday has not come yet.
    early = dt.datetime(2026, 7, 18, 8, 0, tzinfo=KST)
    assert age("2000-07-18", early) == 25
    later = dt.datetime(2026, 7, 18, 9, 0, tzinfo=KST)
    assert age("2000-07-18", later) == 26


def test_leap_day_birthdays():
    assert age("2000-02-29", dt.date(2025, 2, 28)) == 24
    assert age("2000-02-29", dt.date(2025, 3, 1)) == 25
    assert age("2000-02-29", dt.date(2028, 2, 29)) == 28


@pytest.mark.parametrize(
    "bad", ["2000-13-01", "2000-02-30", "2000-1-1", "20000101", "2000/01/01", "", "abcd-ef-gh",
            "２０００-01-01", " 2000-01-01x", None],
)
def test_invalid_dates(bad):
    assert age(bad, NOW) is None  # type: ignore[arg-type]
    assert dday(bad, NOW) is None  # type: ignore[arg-type]


def test_years_below_100():
    # help 2023: for age a year below 0100 means 1900 + year; dday only accepts 0100…9999
    assert age("0099-01-01", NOW) == 27
    assert age("0000-07-18", NOW) == 125
    assert dday("0099-12-31", NOW) is None


def test_future_birth_date_is_invalid_for_age():
    assert age("2030-01-01", NOW) is None


def test_dday_sign_and_zero():
    assert dday("2026-07-17", NOW) == 0
    assert dday("2026-07-20", NOW) == -3
    assert dday("2026-07-10", NOW) == 7
    assert dday("2000-01-01", NOW) == 9694  # opensinabro reference: D+9694
    assert dday("0100-01-01", NOW) is not None
    assert dday("9999-12-31", NOW) < 0


def test_format_dday():
    assert format_dday(-3) == "-3"
    assert format_dday(0) == "0"
    assert format_dday(12) == "+12"


def test_format_datetime():
    assert format_datetime(NOW) == "2026-07-17 12:00:00"
    assert format_date(NOW) == format_datetime(NOW)
    utc = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    assert format_datetime(utc) == "2026-01-02 03:04:05"  # the clock's own zone, not converted
    assert format_datetime(dt.datetime(2026, 1, 2, 3, 4, 5, 999)) == "2026-01-02 03:04:05"


def test_parse_date():
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_date("2023-02-29") is None
