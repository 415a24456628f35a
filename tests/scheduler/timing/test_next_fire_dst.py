"""next_fire across real DST changes, as Debian's cron runs jobs (see ``walltime``).

Wildcard jobs ('*' first in the minute or hour field) follow the clock: they skip the wall
times a spring-forward gap loses and run in both passes of a fall-back fold. Fixed-time jobs
(lists and ranges included) run once: a time lost in a gap runs at the gap's end, a repeated
time runs in the first pass only. Times are local, "HH:MM+zzzz", in (after, until].
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import takewhile
from zoneinfo import ZoneInfo

import pytest

from noc_scheduler.timing import fire_times, next_fire, parse_cron


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def between(expr: str, zone: str, after: str, until: str) -> list[str]:
    tz = ZoneInfo(zone)
    found = takewhile(lambda t: t <= utc(until), fire_times(parse_cron(expr), tz, utc(after)))
    return [t.astimezone(tz).strftime("%H:%M%z") for t in found]


NY, BERLIN, SAO_PAULO = "America/New_York", "Europe/Berlin", "America/Sao_Paulo"
LORD_HOWE, AUCKLAND = "Australia/Lord_Howe", "Pacific/Auckland"
QUARTERS_NY = ["00:15-0500", "00:30-0500", "00:45-0500", "01:00-0500", "01:15-0500",
               "01:30-0500", "01:45-0500", "03:00-0400", "03:15-0400", "03:30-0400"]

SPRING_FORWARD = [  # (zone, expr, after, until (UTC), expected)
    # New York 2024-03-10 02:00 EST -> 03:00 EDT; the window is 00:00-03:30 local.
    (NY, "30 2 * * *", "2024-03-10T05:00", "2024-03-10T07:30", ["03:00-0400"]),
    (NY, "30 * * * *", "2024-03-10T05:00", "2024-03-10T07:30",
     ["00:30-0500", "01:30-0500", "03:30-0400"]),
    (NY, "*/15 * * * *", "2024-03-10T05:00", "2024-03-10T07:30", QUARTERS_NY),
    (NY, "0 1-5 * * *", "2024-03-10T05:00", "2024-03-10T07:30", ["01:00-0500", "03:00-0400"]),
    (NY, "*/20 2 * * *", "2024-03-10T05:00", "2024-03-10T07:30", []),
    (NY, "0,30 2,3 * * *", "2024-03-10T05:00", "2024-03-10T07:30", ["03:00-0400", "03:30-0400"]),
    # Berlin 2024-03-31 02:00 CET -> 03:00 CEST.
    (BERLIN, "30 2 * * *", "2024-03-31T00:00", "2024-03-31T03:00", ["03:00+0200"]),
    (BERLIN, "30 * * * *", "2024-03-31T00:00", "2024-03-31T03:00",
     ["01:30+0100", "03:30+0200", "04:30+0200"]),
    (BERLIN, "0 1-5 * * *", "2024-03-31T00:00", "2024-03-31T03:00",
     ["03:00+0200", "04:00+0200", "05:00+0200"]),
    (BERLIN, "*/20 2 * * *", "2024-03-31T00:00", "2024-03-31T03:00", []),
    # Sao Paulo 2018-11-04 (its last spring-forward, at midnight) 00:00 -03 -> 01:00 -02.
    (SAO_PAULO, "30 0 * * *", "2018-11-04T01:30", "2018-11-04T05:00", ["01:00-0200"]),
    (SAO_PAULO, "30 * * * *", "2018-11-04T01:30", "2018-11-04T05:00",
     ["23:30-0300", "01:30-0200", "02:30-0200"]),
    (SAO_PAULO, "0 0-3 * * *", "2018-11-04T01:30", "2018-11-04T05:00",
     ["01:00-0200", "02:00-0200", "03:00-0200"]),
    (SAO_PAULO, "*/20 0 * * *", "2018-11-04T01:30", "2018-11-04T05:00", []),
    (SAO_PAULO, "0 0 4 11 *", "2018-11-04T01:30", "2018-11-04T05:00", ["01:00-0200"]),
    # Lord Howe 2024-10-06 02:00 +10:30 -> 02:30 +11: a 30-minute gap.
    (LORD_HOWE, "15 2 * * *", "2024-10-05T14:00", "2024-10-05T17:00", ["02:30+1100"]),
    (LORD_HOWE, "15 * * * *", "2024-10-05T14:00", "2024-10-05T17:00",
     ["01:15+1030", "03:15+1100"]),
    (LORD_HOWE, "*/15 2 * * *", "2024-10-05T14:00", "2024-10-05T17:00",
     ["02:30+1100", "02:45+1100"]),
    (LORD_HOWE, "0 1-5 * * *", "2024-10-05T14:00", "2024-10-05T17:00",
     ["01:00+1030", "02:30+1100", "03:00+1100", "04:00+1100"]),
    (LORD_HOWE, "*/20 2 * * *", "2024-10-05T14:00", "2024-10-05T17:00", ["02:40+1100"]),
    # Auckland 2024-09-29 02:00 NZST -> 03:00 NZDT.
    (AUCKLAND, "30 2 * * *", "2024-09-28T12:30", "2024-09-28T15:30", ["03:00+1300"]),
    (AUCKLAND, "30 * * * *", "2024-09-28T12:30", "2024-09-28T15:30",
     ["01:30+1200", "03:30+1300", "04:30+1300"]),
    (AUCKLAND, "0 1-5 * * *", "2024-09-28T12:30", "2024-09-28T15:30",
     ["01:00+1200", "03:00+1300", "04:00+1300"]),
    (AUCKLAND, "*/20 2 * * *", "2024-09-28T12:30", "2024-09-28T15:30", []),
]

FALL_BACK = [
    # New York 2024-11-03 02:00 EDT -> 01:00 EST: 01:00-01:59 happens twice.
    (NY, "30 1 * * *", "2024-11-03T04:00", "2024-11-03T07:30", ["01:30-0400"]),
    (NY, "30 * * * *", "2024-11-03T04:00", "2024-11-03T07:30",
     ["00:30-0400", "01:30-0400", "01:30-0500", "02:30-0500"]),
    (NY, "*/30 * * * *", "2024-11-03T04:00", "2024-11-03T07:30",
     ["00:30-0400", "01:00-0400", "01:30-0400", "01:00-0500", "01:30-0500", "02:00-0500",
      "02:30-0500"]),
    (NY, "0 1-5 * * *", "2024-11-03T04:00", "2024-11-03T07:30", ["01:00-0400", "02:00-0500"]),
    (NY, "*/20 1 * * *", "2024-11-03T04:00", "2024-11-03T07:30",
     ["01:00-0400", "01:20-0400", "01:40-0400", "01:00-0500", "01:20-0500", "01:40-0500"]),
    # Berlin 2024-10-27 03:00 CEST -> 02:00 CET: 02:00-02:59 happens twice.
    (BERLIN, "30 2 * * *", "2024-10-26T23:30", "2024-10-27T03:00", ["02:30+0200"]),
    (BERLIN, "30 * * * *", "2024-10-26T23:30", "2024-10-27T03:00",
     ["02:30+0200", "02:30+0100", "03:30+0100"]),
    (BERLIN, "0 1-5 * * *", "2024-10-26T23:30", "2024-10-27T03:00",
     ["02:00+0200", "03:00+0100", "04:00+0100"]),
    (BERLIN, "*/20 2 * * *", "2024-10-26T23:30", "2024-10-27T03:00",
     ["02:00+0200", "02:20+0200", "02:40+0200", "02:00+0100", "02:20+0100", "02:40+0100"]),
    # Sao Paulo 2019-02-17 00:00 -02 -> 23:00 -03 on the 16th: 23:00-23:59 happens twice.
    (SAO_PAULO, "30 23 * * *", "2019-02-17T00:30", "2019-02-17T04:00", ["23:30-0200"]),
    (SAO_PAULO, "30 * * * *", "2019-02-17T00:30", "2019-02-17T04:00",
     ["23:30-0200", "23:30-0300", "00:30-0300"]),
    (SAO_PAULO, "0 20-23 * * *", "2019-02-17T00:30", "2019-02-17T04:00", ["23:00-0200"]),
    (SAO_PAULO, "*/20 23 * * *", "2019-02-17T00:30", "2019-02-17T04:00",
     ["23:00-0200", "23:20-0200", "23:40-0200", "23:00-0300", "23:20-0300", "23:40-0300"]),
    (SAO_PAULO, "0 0 17 2 *", "2019-02-17T00:30", "2019-02-17T04:00", ["00:00-0300"]),
    # Lord Howe 2024-04-07 02:00 +11 -> 01:30 +10:30: 01:30-01:59 happens twice.
    (LORD_HOWE, "45 1 * * *", "2024-04-06T13:30", "2024-04-06T16:30", ["01:45+1100"]),
    (LORD_HOWE, "45 * * * *", "2024-04-06T13:30", "2024-04-06T16:30",
     ["00:45+1100", "01:45+1100", "01:45+1030", "02:45+1030"]),
    (LORD_HOWE, "0 1-5 * * *", "2024-04-06T13:30", "2024-04-06T16:30",
     ["01:00+1100", "02:00+1030", "03:00+1030"]),
    (LORD_HOWE, "*/20 1 * * *", "2024-04-06T13:30", "2024-04-06T16:30",
     ["01:00+1100", "01:20+1100", "01:40+1100", "01:40+1030"]),
    # Auckland 2024-04-07 03:00 NZDT -> 02:00 NZST: 02:00-02:59 happens twice.
    (AUCKLAND, "30 2 * * *", "2024-04-06T12:30", "2024-04-06T15:30", ["02:30+1300"]),
    (AUCKLAND, "30 * * * *", "2024-04-06T12:30", "2024-04-06T15:30",
     ["02:30+1300", "02:30+1200", "03:30+1200"]),
    (AUCKLAND, "0 1-5 * * *", "2024-04-06T12:30", "2024-04-06T15:30",
     ["02:00+1300", "03:00+1200"]),
    (AUCKLAND, "*/20 2 * * *", "2024-04-06T12:30", "2024-04-06T15:30",
     ["02:00+1300", "02:20+1300", "02:40+1300", "02:00+1200", "02:20+1200", "02:40+1200"]),
]


@pytest.mark.parametrize(("zone", "expr", "after", "until", "expected"), SPRING_FORWARD)
def test_spring_forward(zone: str, expr: str, after: str, until: str,
                        expected: list[str]) -> None:
    assert between(expr, zone, after, until) == expected


@pytest.mark.parametrize(("zone", "expr", "after", "until", "expected"), FALL_BACK)
def test_fall_back(zone: str, expr: str, after: str, until: str, expected: list[str]) -> None:
    assert between(expr, zone, after, until) == expected


@pytest.mark.parametrize(("zone", "expr", "day", "count"), [
    # '*' minute, fixed hour: a wildcard job, so the minutes it fires follow the clock.
    (NY, "* 2 * * *", "2024-03-10", 0), (NY, "* 1 * * *", "2024-11-03", 120),
    (BERLIN, "* 2 * * *", "2024-03-31", 0), (BERLIN, "* 2 * * *", "2024-10-27", 120),
    (SAO_PAULO, "* 0 * * *", "2018-11-04", 0), (SAO_PAULO, "* 23 * * *", "2019-02-16", 120),
    (LORD_HOWE, "* 2 * * *", "2024-10-06", 30), (LORD_HOWE, "* 1 * * *", "2024-04-07", 90),
    (AUCKLAND, "* 2 * * *", "2024-09-29", 0), (AUCKLAND, "* 2 * * *", "2024-04-07", 120),
    # The whole day of a minutely job: 24 hours of real time, whatever the clock says.
    (NY, "* * * * *", "2024-03-10", 23 * 60), (NY, "* * * * *", "2024-11-03", 25 * 60),
    (LORD_HOWE, "* * * * *", "2024-10-06", 23 * 60 + 30),
])
def test_wildcard_minute_counts_real_minutes(zone: str, expr: str, day: str, count: int) -> None:
    tz = ZoneInfo(zone)
    start = datetime.fromisoformat(day).replace(tzinfo=tz)
    fired = takewhile(lambda t: t.astimezone(tz).date() == start.date(),
                      fire_times(parse_cron(expr), tz, start - timedelta(seconds=1)))
    assert sum(1 for _ in fired) == count


def test_a_search_from_inside_the_second_pass_goes_on_in_it() -> None:
    tz = ZoneInfo(NY)
    after = utc("2024-11-03T06:10")  # 01:10 EST, the second 01:10 of the day
    assert after.astimezone(tz).fold == 1
    assert next_fire(parse_cron("*/30 * * * *"), tz, after) == utc("2024-11-03T06:30")
    assert next_fire(parse_cron("30 1 * * *"), tz, after) == utc("2024-11-04T06:30")


def test_a_search_just_before_the_fold_finds_the_second_pass() -> None:
    """01:50 EDT: the next hourly fire is 01:00 EST, a wall time already behind the search."""
    tz = ZoneInfo(NY)
    assert next_fire(parse_cron("0 * * * *"), tz, utc("2024-11-03T05:50")) == utc(
        "2024-11-03T06:00")


def test_gap_times_of_one_job_fire_once_at_the_gap_end() -> None:
    tz = ZoneInfo(NY)
    spec = parse_cron("0,30 2,3 * * *")  # fixed: 02:00, 02:30 and 03:00 all map to 03:00
    first = next_fire(spec, tz, utc("2024-03-10T06:00"))
    assert first == utc("2024-03-10T07:00")
    assert next_fire(spec, tz, first) == utc("2024-03-10T07:30")


@pytest.mark.parametrize(("zone", "expr", "after", "until", "expected"), [
    # Casey 2018-10-07 04:00 +08 -> 07:00 +11: a 3-hour jump forward is a clock correction,
    # so even a fixed-time job skips it.
    ("Antarctica/Casey", "30 5 * * *", "2018-10-06T18:00", "2018-10-06T22:00", []),
    ("Antarctica/Casey", "0 7 * * *", "2018-10-06T18:00", "2018-10-06T22:00", ["07:00+1100"]),
    # Casey 2019-03-17 03:00 +11 -> 00:00 +08: a 3-hour fold is still a DST change to cron.
    ("Antarctica/Casey", "30 1 * * *", "2019-03-16T14:00", "2019-03-16T18:00", ["01:30+1100"]),
    ("Antarctica/Casey", "30 * * * *", "2019-03-16T14:00", "2019-03-16T18:00",
     ["01:30+1100", "02:30+1100", "00:30+0800", "01:30+0800"]),
    # Apia skipped 2011-12-30 entirely (-10 -> +14): no noon that day, then the 31st's.
    ("Pacific/Apia", "0 12 * * *", "2011-12-29T23:00", "2011-12-31T00:00", ["12:00+1400"]),
])
def test_changes_over_three_hours_are_clock_corrections(
        zone: str, expr: str, after: str, until: str, expected: list[str]) -> None:
    assert between(expr, zone, after, until) == expected


def test_results_are_aware_utc() -> None:
    fired = next_fire(parse_cron("0 9 * * *"), ZoneInfo("Asia/Kolkata"),
                      datetime.fromisoformat("2024-06-01T12:00:00+05:30"))
    assert fired.tzinfo is UTC
    assert fired == utc("2024-06-02T03:30")
