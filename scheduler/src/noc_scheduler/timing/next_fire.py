"""When a cron schedule fires next: a field-by-field search in the zone's local wall time.

The search walks only the months, days, hours and minutes the spec allows (a day is checked
once, never minute by minute) and maps each matching wall time to the instants it fires at as
Debian's cron would (``walltime.fire_instants``: DST gaps and folds). A wildcard job fires in
both passes of a repeated wall time, so those instants are not in wall-time order: the search
keeps the earliest second pass it has seen until a first pass comes later.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterator
from datetime import MAXYEAR, UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from noc_scheduler.timing.cron import CronSpec
from noc_scheduler.timing.errors import NeverFiresError, TimingError
from noc_scheduler.timing.walltime import fire_instants, runs_again

#: A spec with no fire time within this many years counts as never firing. Covers the rarest
#: sensible spec, ``0 0 29 2 *`` (8 years apart across 2100), with room to spare.
HORIZON_YEARS = 30
_MINUTE = timedelta(minutes=1)
_DAY = timedelta(days=1)


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
    start = _first_wall(tz, after, spec.wildcard)
    last_year = min(start.year + HORIZON_YEARS, MAXYEAR - 1)
    best: datetime | None = None  # the earliest second pass after ``after`` seen so far
    for wall in _wall_times(spec, start, last_year):
        first, again = fire_instants(wall, tz, spec.wildcard)
        # First passes never go back in time as wall times advance, and a second pass comes
        # after its own first pass: the first first pass after ``after`` ends the search.
        if first is not None and first > after:
            return first if best is None or first < best else best
        if again is not None and again > after and (best is None or again < best):
            best = again
    return best


def _first_wall(tz: ZoneInfo, after: datetime, wildcard: bool) -> datetime:
    """The earliest naive wall minute that can still fire after ``after``.

    Normally the minute after ``after``'s wall time; but when a fold the job runs again in
    begins less than its own length after ``after``, wall times before that minute repeat
    after ``after``: start from ``after`` read in the offset the fold leads to.
    """
    here = _offset_at(tz, after)
    later = _offset_at(tz, after + _DAY)  # DST changes are months apart: one fold at most
    fold = here - later
    repeats = later < here and runs_again(fold, wildcard)
    # The fold's wall times before ``after``'s only repeat after it if it begins within ``fold``.
    shift = later if repeats and _offset_at(tz, after + fold) != here else here
    local = (after + shift).replace(tzinfo=None, fold=0)
    return local.replace(second=0, microsecond=0) + _MINUTE


def _offset_at(tz: ZoneInfo, instant: datetime) -> timedelta:
    found = instant.astimezone(tz).utcoffset()
    assert found is not None  # a ZoneInfo always knows its offset
    return found


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
