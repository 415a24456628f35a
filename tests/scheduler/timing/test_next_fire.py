"""next_fire without DST: day rules, month ends, leap years, steps, bounds and errors."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from itertools import islice
from zoneinfo import ZoneInfo

import pytest

from noc_scheduler.timing import (
    NeverFiresError,
    TimingError,
    fire_times,
    next_fire,
    parse_cron,
)

UTC_ZONE = ZoneInfo("UTC")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def upcoming(expr: str, after: str, count: int) -> list[str]:
    times = islice(fire_times(parse_cron(expr), UTC_ZONE, utc(after)), count)
    return [t.strftime("%Y-%m-%d %H:%M %a") for t in times]


@pytest.mark.parametrize(("expr", "after", "expected"), [
    # Vixie: both day fields restricted -> the 13th OR any Friday.
    ("0 0 13 * fri", "2024-01-01T00:00",
     ["2024-01-05 00:00 Fri", "2024-01-12 00:00 Fri", "2024-01-13 00:00 Sat",
      "2024-01-19 00:00 Fri"]),
    # Day-of-month starts with '*' -> AND: odd days that are Mondays.
    ("0 0 */2 * mon", "2024-01-01T00:00",
     ["2024-01-15 00:00 Mon", "2024-01-29 00:00 Mon", "2024-02-05 00:00 Mon",
      "2024-02-19 00:00 Mon"]),
    ("0 0 * * mon", "2024-01-01T00:00",
     ["2024-01-08 00:00 Mon", "2024-01-15 00:00 Mon"]),
    # Steps in the day fields still restrict, even when the field starts with '*'.
    ("0 0 */2 * *", "2024-01-30T00:00", ["2024-01-31 00:00 Wed", "2024-02-01 00:00 Thu",
                                         "2024-02-03 00:00 Sat"]),
    ("0 0 * * */3", "2024-01-01T00:00", ["2024-01-03 00:00 Wed", "2024-01-06 00:00 Sat",
                                         "2024-01-07 00:00 Sun"]),
    ("0 12 * * 7", "2024-01-01T00:00", ["2024-01-07 12:00 Sun", "2024-01-14 12:00 Sun"]),
    # Month ends: April, June have no 31st.
    ("0 0 31 * *", "2024-04-01T00:00", ["2024-05-31 00:00 Fri", "2024-07-31 00:00 Wed"]),
    ("59 23 30 * *", "2024-01-31T00:00", ["2024-03-30 23:59 Sat", "2024-04-30 23:59 Tue"]),
    # Leap years, including 2100 which is not one.
    ("0 0 29 2 *", "2024-03-01T00:00", ["2028-02-29 00:00 Tue", "2032-02-29 00:00 Sun"]),
    ("0 0 29 2 *", "2096-03-01T00:00", ["2104-02-29 00:00 Fri"]),
    ("0 0 29 2 *", "2000-01-01T00:00", ["2000-02-29 00:00 Tue"]),
    # Steps over ranges.
    ("10-50/20 9-17/8 * * *", "2024-01-01T00:00",
     ["2024-01-01 09:10 Mon", "2024-01-01 09:30 Mon", "2024-01-01 09:50 Mon",
      "2024-01-01 17:10 Mon", "2024-01-01 17:30 Mon", "2024-01-01 17:50 Mon",
      "2024-01-02 09:10 Tue"]),
    ("0 0 1 */4 *", "2024-02-01T00:00", ["2024-05-01 00:00 Wed", "2024-09-01 00:00 Sun",
                                         "2025-01-01 00:00 Wed"]),
    # Year rollover and strictly-after.
    ("0 0 1 1 *", "2024-12-31T23:59:59", ["2025-01-01 00:00 Wed"]),
    ("* * * * *", "2024-01-01T10:00", ["2024-01-01 10:01 Mon", "2024-01-01 10:02 Mon"]),
    ("* * * * *", "2024-01-01T10:00:00.000001", ["2024-01-01 10:01 Mon"]),
])
def test_upcoming_fire_times(expr: str, after: str, expected: list[str]) -> None:
    assert upcoming(expr, after, len(expected)) == expected


def test_after_in_another_offset_is_the_same_instant() -> None:
    after = datetime(2024, 1, 1, 10, 0, tzinfo=timezone(timedelta(hours=5)))  # 05:00 UTC
    assert next_fire(parse_cron("30 5 * * *"), UTC_ZONE, after) == utc("2024-01-01T05:30")


def test_local_wall_time_of_the_zone_is_used() -> None:
    tz = ZoneInfo("Asia/Tokyo")  # +09:00, no DST
    assert next_fire(parse_cron("0 9 * * *"), tz, utc("2024-01-01T00:00")) == \
        utc("2024-01-02T00:00")


@pytest.mark.parametrize("expr", ["0 0 30 2 *", "0 0 31 2,4,6 *"])
def test_impossible_spec_never_fires(expr: str) -> None:
    with pytest.raises(NeverFiresError, match="never fires"):
        next_fire(parse_cron(expr), UTC_ZONE, utc("2024-01-01T00:00"))
    assert list(fire_times(parse_cron(expr), UTC_ZONE, utc("2024-01-01T00:00"))) == []


def test_search_stops_at_year_9999_without_overflow() -> None:
    with pytest.raises(NeverFiresError):
        next_fire(parse_cron("0 0 1 1 *"), ZoneInfo("Asia/Tokyo"), utc("9999-12-31T12:00"))


def test_naive_after_is_refused() -> None:
    with pytest.raises(TimingError, match="after must be timezone-aware"):
        next_fire(parse_cron("* * * * *"), UTC_ZONE, datetime(2024, 1, 1))


def test_search_skips_by_fields_not_minutes() -> None:
    """Eight years to the next 29 February: a minute-by-minute walk would take seconds."""
    spec = parse_cron("0 0 29 2 *")
    began = time.perf_counter()
    for _ in range(20):
        next_fire(spec, UTC_ZONE, utc("2096-03-01T00:00"))
    assert time.perf_counter() - began < 0.5
