"""A minute-by-minute model of Debian's cron daemon main loop (Vixie cron's cron.c): the oracle.

It wakes at every real minute, reads the local wall minute, classifies the jump from the wall
minute it expected (``timeDiff``) exactly as cron.c does, and lists the real instants a job
starts. Independent of ``noc_scheduler.timing``'s search: it shares only the parsed fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from noc_scheduler.timing import CronSpec

MINUTE = timedelta(minutes=1)
_EPOCH = datetime(1970, 1, 1)
_BIG_JUMP = 3 * 60  # cron.c: 3 * MINUTE_COUNT


@dataclass(frozen=True)
class Wake:
    """One wake-up of the daemon: when, and which wall minutes it checks for which job kinds."""

    instant: datetime
    checks: tuple[tuple[datetime, bool, bool], ...]  # (wall minute, wildcard jobs, fixed jobs)


def _wall_minute(instant: datetime, tz: ZoneInfo) -> int:
    """Minutes since the epoch on the local wall clock (cron.c's clockTime)."""
    offset = instant.astimezone(tz).utcoffset()
    assert offset is not None
    return ((instant + offset).replace(tzinfo=None) - _EPOCH) // MINUTE


def wakes(tz: ZoneInfo, begin: datetime, end: datetime) -> list[Wake]:
    """The daemon's wake-ups in (begin, end], started (and caught up) at ``begin``."""
    def wall(minute: int) -> datetime:
        return _EPOCH + minute * MINUTE

    # The three clocks of cron.c, in wall minutes: ``clock`` now, ``running`` at the last
    # wake-up, ``virtual`` the minute whose jobs have all been run.
    instant = begin.astimezone(UTC).replace(second=0, microsecond=0)
    virtual = running = _wall_minute(instant, tz)
    found: list[Wake] = []
    while instant < end:
        instant += MINUTE
        clock = _wall_minute(instant, tz)
        if clock == running:  # cron sleeps until the wall minute changes
            continue
        running = clock
        diff = running - virtual
        checks: list[tuple[datetime, bool, bool]] = []
        if diff == 1 or not -_BIG_JUMP <= diff <= _BIG_JUMP:  # normal, or a clock correction
            virtual = running
            checks.append((wall(running), True, True))
        elif diff > 5:  # "DST begins": wildcard jobs now, fixed jobs for every skipped minute
            checks.append((wall(running), True, False))
            while virtual < running:
                virtual += 1
                checks.append((wall(virtual), False, True))
        elif diff > 0:  # woke late: everything for every minute missed
            while virtual < running:
                virtual += 1
                checks.append((wall(virtual), True, True))
        else:  # "DST ends": wildcard jobs only; virtual time waits for the clock
            checks.append((wall(running), True, False))
        found.append(Wake(instant, tuple(checks)))
    return found


def is_wildcard(expr: str) -> bool:
    """cron's MIN_STAR | HR_STAR, read from the text as cron's parser does."""
    if expr.startswith("@"):
        return expr == "@hourly"
    minute, hour = expr.split()[:2]
    return minute.startswith("*") or hour.startswith("*")


def _matches(spec: CronSpec, wall: datetime) -> bool:
    weekday = wall.isoweekday() % 7
    dom, dow = wall.day in spec.days, weekday in spec.weekdays
    day_ok = (dom and dow) if (spec.dom_star or spec.dow_star) else (dom or dow)
    return (wall.minute in spec.minutes and wall.hour in spec.hours
            and wall.month in spec.months and day_ok)


def run_instants(spec: CronSpec, schedule: list[Wake]) -> list[datetime]:
    """The real instants (UTC) at which the daemon starts ``spec``'s job, once per wake-up."""
    wildcard = is_wildcard(spec.expr)
    return [wake.instant for wake in schedule
            if any(_matches(spec, wall) and (wild if wildcard else fixed)
                   for wall, wild, fixed in wake.checks)]
