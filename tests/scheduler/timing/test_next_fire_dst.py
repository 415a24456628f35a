"""next_fire across real DST changes: gaps fire once at the gap's end, folds fire once.

Policy under test: every wall-clock time fires at most once (the first pass of a repeated
hour); a wall time lost in a spring-forward gap fires at the first instant after the gap,
except for jobs whose hour field starts with '*', which simply skip it (as Vixie cron).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from noc_scheduler.timing import fire_times, next_fire, parse_cron


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def chain(expr: str, zone: str, after: str, count: int) -> list[str]:
    """The next ``count`` fire times as local ISO strings (offset shows which pass/side)."""
    tz = ZoneInfo(zone)
    times = fire_times(parse_cron(expr), tz, utc(after))
    return [next(times).astimezone(tz).isoformat() for _ in range(count)]


@pytest.mark.parametrize(("zone", "expr", "after", "expected"), [
    # New York, 2024-03-10: 02:00 EST -> 03:00 EDT.
    ("America/New_York", "30 2 * * *", "2024-03-10T05:00",
     ["2024-03-10T03:00:00-04:00", "2024-03-11T02:30:00-04:00"]),
    ("America/New_York", "30 * * * *", "2024-03-10T06:00",
     ["2024-03-10T01:30:00-05:00", "2024-03-10T03:30:00-04:00"]),
    ("America/New_York", "*/20 2 * * *", "2024-03-10T06:00",
     ["2024-03-10T03:00:00-04:00", "2024-03-11T02:00:00-04:00"]),
    # Berlin, 2024-03-31: 02:00 CET -> 03:00 CEST.
    ("Europe/Berlin", "30 2 * * *", "2024-03-30T12:00",
     ["2024-03-31T03:00:00+02:00", "2024-04-01T02:30:00+02:00"]),
    ("Europe/Berlin", "0,30 2,3 * * *", "2024-03-30T12:00",
     ["2024-03-31T03:00:00+02:00", "2024-03-31T03:30:00+02:00", "2024-04-01T02:00:00+02:00"]),
    # Sao Paulo, 2018-11-04 (its last spring-forward, at midnight): 00:00 -03 -> 01:00 -02.
    ("America/Sao_Paulo", "0 0 * * *", "2018-11-03T12:00",
     ["2018-11-04T01:00:00-02:00", "2018-11-05T00:00:00-02:00"]),
    ("America/Sao_Paulo", "30 0 * * *", "2018-11-03T12:00",
     ["2018-11-04T01:00:00-02:00", "2018-11-05T00:30:00-02:00"]),
    ("America/Sao_Paulo", "30 * * * *", "2018-11-04T02:00",
     ["2018-11-03T23:30:00-03:00", "2018-11-04T01:30:00-02:00"]),
    ("America/Sao_Paulo", "0 0 4 11 *", "2018-01-01T00:00",
     ["2018-11-04T01:00:00-02:00", "2019-11-04T00:00:00-03:00"]),
    # Lord Howe, 2024-10-06: 02:00 +10:30 -> 02:30 +11 (a 30-minute shift).
    ("Australia/Lord_Howe", "15 2 * * *", "2024-10-05T00:00",
     ["2024-10-06T02:30:00+11:00", "2024-10-07T02:15:00+11:00"]),
    ("Australia/Lord_Howe", "*/15 2 * * *", "2024-10-05T00:00",
     ["2024-10-06T02:30:00+11:00", "2024-10-06T02:45:00+11:00", "2024-10-07T02:00:00+11:00"]),
    ("Australia/Lord_Howe", "0 * * * *", "2024-10-05T14:00",
     ["2024-10-06T01:00:00+10:30", "2024-10-06T03:00:00+11:00"]),
])
def test_spring_forward_gap(zone: str, expr: str, after: str, expected: list[str]) -> None:
    assert chain(expr, zone, after, len(expected)) == expected


@pytest.mark.parametrize(("zone", "expr", "after", "expected"), [
    # New York, 2024-11-03: 02:00 EDT -> 01:00 EST; 01:00-01:59 happens twice.
    ("America/New_York", "30 1 * * *", "2024-11-03T04:00",
     ["2024-11-03T01:30:00-04:00", "2024-11-04T01:30:00-05:00"]),
    ("America/New_York", "*/30 * * * *", "2024-11-03T04:00",
     ["2024-11-03T00:30:00-04:00", "2024-11-03T01:00:00-04:00", "2024-11-03T01:30:00-04:00",
      "2024-11-03T02:00:00-05:00", "2024-11-03T02:30:00-05:00"]),
    # Berlin, 2024-10-27: 03:00 CEST -> 02:00 CET; 02:00-02:59 happens twice.
    ("Europe/Berlin", "30 2 * * *", "2024-10-26T12:00",
     ["2024-10-27T02:30:00+02:00", "2024-10-28T02:30:00+01:00"]),
    ("Europe/Berlin", "0 * * * *", "2024-10-26T23:30",
     ["2024-10-27T02:00:00+02:00", "2024-10-27T03:00:00+01:00"]),
    # Sao Paulo, 2019-02-17: 00:00 -02 -> 23:00 -03 on the 16th; 23:00-23:59 happens twice.
    ("America/Sao_Paulo", "30 23 * * *", "2019-02-16T12:00",
     ["2019-02-16T23:30:00-02:00", "2019-02-17T23:30:00-03:00"]),
    ("America/Sao_Paulo", "0 0 17 2 *", "2019-02-16T12:00", ["2019-02-17T00:00:00-03:00"]),
    # Lord Howe, 2024-04-07: 02:00 +11 -> 01:30 +10:30; 01:30-01:59 happens twice.
    ("Australia/Lord_Howe", "45 1 * * *", "2024-04-06T12:00",
     ["2024-04-07T01:45:00+11:00", "2024-04-08T01:45:00+10:30"]),
    ("Australia/Lord_Howe", "*/20 1 * * *", "2024-04-06T12:00",
     ["2024-04-07T01:00:00+11:00", "2024-04-07T01:20:00+11:00", "2024-04-07T01:40:00+11:00",
      "2024-04-08T01:00:00+10:30"]),
])
def test_fall_back_fold_fires_each_wall_time_once(
        zone: str, expr: str, after: str, expected: list[str]) -> None:
    assert chain(expr, zone, after, len(expected)) == expected


def test_after_inside_the_second_pass_skips_wall_times_already_fired() -> None:
    tz = ZoneInfo("America/New_York")
    after = utc("2024-11-03T06:10")  # 01:10 EST, the second 01:10 of the day
    assert after.astimezone(tz).fold == 1
    fired = next_fire(parse_cron("*/30 * * * *"), tz, after)
    assert fired.astimezone(tz).isoformat() == "2024-11-03T02:00:00-05:00"


def test_gap_end_is_not_fired_twice() -> None:
    tz = ZoneInfo("America/New_York")
    spec = parse_cron("*/30 2,3 * * *")
    first = next_fire(spec, tz, utc("2024-03-10T06:00"))
    assert first == utc("2024-03-10T07:00")  # 02:00, 02:30 and 03:00 all map here
    assert next_fire(spec, tz, first) == utc("2024-03-10T07:30")


def test_results_are_aware_utc() -> None:
    fired = next_fire(parse_cron("0 9 * * *"), ZoneInfo("Asia/Kolkata"),
                      datetime.fromisoformat("2024-06-01T12:00:00+05:30"))
    assert fired.tzinfo is UTC
    assert fired == utc("2024-06-02T03:30")
