"""Every DST change of five zones in 2018-2027: fire_times, preview and missed agree with a model
of Debian's cron daemon (``cron_daemon``) for wildcard, fixed-time, step and range jobs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import takewhile
from zoneinfo import ZoneInfo

import pytest

from noc_scheduler.timing import fire_times, parse_cron, plan_missed, preview
from tests.scheduler.timing.cron_daemon import is_wildcard, run_instants, wakes

ZONES = ["America/New_York", "Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe",
         "Pacific/Auckland"]
SPECS = [
    # wildcard: '*' first in the minute or hour field (steps and @hourly included)
    "* * * * *", "*/15 * * * *", "30 * * * *", "0 * * * *", "@hourly", "* 1,2 * * *",
    "*/20 2,3 * * *", "*/10 23,0 * * *", "45 */2 * * *", "5,35 * * * sat,sun",
    # fixed-time: neither field starts with '*' (lists and ranges included)
    "30 2 * * *", "15 1 * * *", "45 23 * * *", "0 0 * * *", "0 3 * * *", "0,30 2,3 * * *",
    "0 1-5 * * *", "5,35 0-3 * * *", "10-50/20 1-2 * * *", "0 2 1-10 * sun", "59 1 * * *",
    "0 0 */2 * *", "30 1 * * */2", "15 0-3 */2 * *",
]
WINDOW = timedelta(hours=4)


def dst_changes(zone: str, first_year: int, last_year: int) -> list[datetime]:
    """The instants (UTC, to the second) at which ``zone``'s offset changes in those years."""
    tz = ZoneInfo(zone)
    instant, end = datetime(first_year, 1, 1, tzinfo=UTC), datetime(last_year + 1, 1, 1, tzinfo=UTC)
    found: list[datetime] = []
    while instant < end:
        following = instant + timedelta(hours=6)
        if instant.astimezone(tz).utcoffset() != following.astimezone(tz).utcoffset():
            low, high = instant, following
            while high - low > timedelta(seconds=1):
                middle = low + timedelta(seconds=(high - low).total_seconds() // 2)
                same = middle.astimezone(tz).utcoffset() == low.astimezone(tz).utcoffset()
                low, high = (middle, high) if same else (low, middle)
            found.append(high)
        instant = following
    return found


EDGES = [(zone, change) for zone in ZONES for change in dst_changes(zone, 2018, 2027)]


def test_the_edges_are_all_there() -> None:
    per_zone = {zone: sum(1 for z, _ in EDGES if z == zone) for zone in ZONES}
    # Sao Paulo observed DST until February 2019: its 2018 end and start, and the last end.
    assert per_zone == {"America/New_York": 20, "Europe/Berlin": 20, "America/Sao_Paulo": 3,
                        "Australia/Lord_Howe": 20, "Pacific/Auckland": 20}
    assert all(is_wildcard(expr) == parse_cron(expr).wildcard for expr in SPECS)


@pytest.mark.parametrize(("zone", "change"), EDGES,
                         ids=[f"{zone}-{change:%Y-%m-%d}" for zone, change in EDGES])
def test_every_edge_fires_as_debian_cron(zone: str, change: datetime) -> None:
    tz = ZoneInfo(zone)
    begin, end = change - WINDOW, change + WINDOW
    daemon = wakes(tz, begin, end)
    for expr in SPECS:
        spec = parse_cron(expr)
        expected = run_instants(spec, daemon)
        found = list(takewhile(lambda t: t <= end, fire_times(spec, tz, begin)))
        assert found == expected, (expr, [t.astimezone(tz).isoformat() for t in found])
        if not expr.startswith("* "):  # the minutely ones cost most and add nothing here
            assert preview(spec, tz, begin, 1_000, end=end) == expected, expr
            plan = plan_missed(spec, tz, begin, end, "skip", grace=timedelta(0), limit=1_000)
            assert plan.missed == tuple(expected) and not plan.run, expr


@pytest.mark.parametrize(("zone", "change"), EDGES[::7])
def test_next_fire_from_inside_the_change_agrees(zone: str, change: datetime) -> None:
    """Starting the search at any minute around a change (a second pass too) changes nothing."""
    tz = ZoneInfo(zone)
    begin = change - WINDOW
    daemon = wakes(tz, begin, change + WINDOW)
    for expr in ("*/15 * * * *", "0 1-5 * * *", "30 * * * *", "*/20 2,3 * * *", "45 23 * * *"):
        spec = parse_cron(expr)
        expected = run_instants(spec, daemon)
        for step in range(0, 150, 7):
            after = change - timedelta(minutes=75) + timedelta(minutes=step, seconds=13)
            later = [t for t in expected if t > after]
            if later:
                assert next(fire_times(spec, tz, after)) == later[0], (expr, after)
