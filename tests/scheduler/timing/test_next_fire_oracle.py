"""next_fire against a minute-by-minute oracle walking real UTC instants around DST changes.

The oracle is written independently of the field search: it steps through every real minute,
reads the local wall time zoneinfo gives it (``fold`` marks the repeated hour's second pass)
and applies the documented rules directly.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from noc_scheduler.timing import CronSpec, next_fire, parse_cron

MINUTE = timedelta(minutes=1)
TRANSITIONS = [  # (zone, instant of a DST change in UTC)
    ("America/New_York", "2024-03-10T07:00"), ("America/New_York", "2024-11-03T06:00"),
    ("Europe/Berlin", "2024-03-31T01:00"), ("Europe/Berlin", "2024-10-27T01:00"),
    ("America/Sao_Paulo", "2018-11-04T03:00"), ("America/Sao_Paulo", "2019-02-17T02:00"),
    ("Australia/Lord_Howe", "2024-10-05T15:30"), ("Australia/Lord_Howe", "2024-04-06T15:00"),
]
SPECS = ["30 2 * * *", "*/15 * * * *", "30 * * * *", "*/20 1 * * *", "0 0 * * *",
         "45 23 * * *", "15 2 * * *", "*/10 2 * * *", "0 */2 * * *", "5,35 0-3 * * *",
         "0 0 */2 * *", "30 1 * * */2", "0 2 1-7 * mon-fri", "15 0-3 */2 * *"]


def _matches(spec: CronSpec, wall: datetime) -> bool:
    weekday = wall.isoweekday() % 7
    dom, dow = wall.day in spec.days, weekday in spec.weekdays
    day_ok = (dom and dow) if (spec.dom_star or spec.dow_star) else (dom or dow)
    return (wall.minute in spec.minutes and wall.hour in spec.hours
            and wall.month in spec.months and day_ok)


def _oracle(spec: CronSpec, tz: ZoneInfo, after: datetime) -> datetime:
    instant = after.replace(second=0, microsecond=0) + MINUTE
    previous = (instant - MINUTE).astimezone(tz).replace(tzinfo=None, fold=0)
    for _ in range(3 * 24 * 60):
        local = instant.astimezone(tz)
        wall = local.replace(tzinfo=None, fold=0)
        skipped = []  # wall minutes a forward jump jumped over
        probe = previous + MINUTE
        while probe < wall and wall - previous <= timedelta(hours=3):
            skipped.append(probe)
            probe += MINUTE
        if local.fold == 0 and _matches(spec, wall):
            return instant
        if not spec.hour_star and any(_matches(spec, w) for w in skipped):
            return instant
        previous, instant = wall, instant + MINUTE
    raise AssertionError("oracle found nothing within three days")


@pytest.mark.parametrize(("zone", "change"), TRANSITIONS)
def test_next_fire_agrees_with_minute_walk(zone: str, change: str) -> None:
    tz = ZoneInfo(zone)
    start = datetime.fromisoformat(change).replace(tzinfo=UTC) - timedelta(hours=4)
    for expr in SPECS:
        spec = parse_cron(expr)
        cursor = start
        for _ in range(6):
            expected = _oracle(spec, tz, cursor)
            assert next_fire(spec, tz, cursor) == expected, (zone, expr, cursor)
            cursor = expected
