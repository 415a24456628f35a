"""When a cron schedule fires next: a field-by-field search in the zone's local wall time.

The search walks only the months, days, hours and minutes the spec allows (a day is checked
once, never minute by minute), maps each matching wall time to a real instant
(``walltime.fire_instant``: DST gaps and folds) and returns the first one strictly after the
given instant. Every wall-clock time fires at most once, so during a fall-back fold an hourly
job runs in the first pass of the repeated hour only.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterator
from datetime import MAXYEAR, UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from noc_scheduler.timing.cron import CronSpec
from noc_scheduler.timing.errors import NeverFiresError, TimingError
from noc_scheduler.timing.walltime import fire_instant

#: A spec with no fire time within this many years counts as never firing. Covers the rarest
#: sensible spec, ``0 0 29 2 *`` (8 years apart across 2100), with room to spare.
HORIZON_YEARS = 30


def require_aware(value: datetime, name: str) -> datetime:
    """``value`` in UTC; ``TimingError`` if it is naive (a time without an offset)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise TimingError(f"{name} must be timezone-aware (include a UTC offset)")
    return value.astimezone(UTC)


def next_fire(spec: CronSpec, tz: ZoneInfo, after: datetime) -> datetime:
    """The first fire time (aware, UTC) strictly after ``after``; ``NeverFiresError`` if none."""
    found = _search(spec, tz, require_aware(after, "after"))
    if found is None:
        raise NeverFiresError(f"cron {spec.expr!r} never fires")
    return found


def fire_times(spec: CronSpec, tz: ZoneInfo, after: datetime) -> Iterator[datetime]:
    """Every fire time strictly after ``after``, in order (UTC); ends only if the spec does."""
    cursor = require_aware(after, "after")
    while (found := _search(spec, tz, cursor)) is not None:
        yield found
        cursor = found


def _search(spec: CronSpec, tz: ZoneInfo, after: datetime) -> datetime | None:
    if spec.impossible:
        return None
    try:
        return _first_after(spec, tz, after)
    except OverflowError:  # the search ran into year 9999
        return None


def _first_after(spec: CronSpec, tz: ZoneInfo, after: datetime) -> datetime | None:
    local = after.astimezone(tz).replace(tzinfo=None, fold=0)
    start = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    last_year = min(start.year + HORIZON_YEARS, MAXYEAR - 1)
    for wall in _wall_times(spec, start, last_year):
        instant = fire_instant(wall, tz, skip_gap=spec.hour_star)
        # Several gap times share the gap's end; fold=0 instants may precede a fold=1 `after`.
        if instant is not None and instant > after:
            return instant
    return None


def _wall_times(spec: CronSpec, start: datetime, last_year: int) -> Iterator[datetime]:
    """Matching naive wall times from ``start`` (inclusive, minute-aligned) to ``last_year``."""
    for year in range(start.year, last_year + 1):
        this_year = year == start.year
        for month in spec.months:
            if this_year and month < start.month:
                continue
            this_month = this_year and month == start.month
            first_day = start.day if this_month else 1
            for day in range(first_day, monthrange(year, month)[1] + 1):
                if not spec.day_matches(year, month, day):
                    continue
                today = this_month and day == start.day
                for hour in spec.hours:
                    if today and hour < start.hour:
                        continue
                    this_hour = today and hour == start.hour
                    for minute in spec.minutes:
                        if this_hour and minute < start.minute:
                            continue
                        yield datetime(year, month, day, hour, minute)
