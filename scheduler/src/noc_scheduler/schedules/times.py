"""A stored schedule's timing: naive-UTC <-> aware conversions, its cron spec and zone, and
the next fire time inside its [start, end] window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from noc_scheduler.store.models import Schedule
from noc_scheduler.timing import CronSpec, NeverFiresError, next_fire, parse_cron, zone_or_default

_TICK = timedelta(microseconds=1)


def naive(value: datetime) -> datetime:
    """Naive UTC, as the database stores it."""
    return value.astimezone(UTC).replace(tzinfo=None)


def aware(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)


def cron_of(row: Schedule) -> tuple[CronSpec, ZoneInfo]:
    """The stored cron expression parsed, and its zone (validated when the schedule was made)."""
    return parse_cron(row.cron or ""), zone_or_default(row.timezone)


def initial_cursor(start: datetime | None, now: datetime) -> datetime:
    """Fire times strictly after this are the schedule's: from now, or from its start."""
    if start is not None and start - _TICK > now:
        return start - _TICK
    return now


def next_in_window(row: Schedule, after: datetime) -> datetime | None:
    """The cron schedule's first fire time (aware UTC) after ``after`` and before its end."""
    spec, zone = cron_of(row)
    start = aware(row.start_at)
    if start is not None:
        after = max(after, start - _TICK)
    try:
        found = next_fire(spec, zone, after)
    except NeverFiresError:
        return None
    end = aware(row.end_at)
    return None if end is not None and found > end else found
