"""The next few fire times of a cron schedule, optionally inside a [start, end] window."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from noc_scheduler.timing.cron import CronSpec
from noc_scheduler.timing.errors import TimingError
from noc_scheduler.timing.next_fire import fire_times, require_aware

MAX_PREVIEW = 1_000
_TICK = timedelta(microseconds=1)


def preview(spec: CronSpec, tz: ZoneInfo, after: datetime, count: int,
            start: datetime | None = None, end: datetime | None = None) -> list[datetime]:
    """Up to ``count`` fire times (UTC) strictly after ``after`` and within [start, end].

    Fewer come back when the window closes first, or none when the spec never fires.
    """
    if not 0 <= count <= MAX_PREVIEW:
        raise TimingError(f"count must be between 0 and {MAX_PREVIEW}, got {count}")
    cursor = require_aware(after, "after")
    if start is not None:
        # A fire time exactly at ``start`` is inside the window: search from just before it.
        cursor = max(cursor, require_aware(start, "start") - _TICK)
    limit = require_aware(end, "end") if end is not None else None
    found: list[datetime] = []
    for instant in islice(fire_times(spec, tz, cursor), count):
        if limit is not None and instant > limit:
            break
        found.append(instant)
    return found
