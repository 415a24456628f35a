"""Map a local wall-clock time to the real instant a cron job fires, across DST changes.

- A wall time repeated by a fall-back fold fires once, at its first occurrence (fold=0).
- A wall time skipped by a spring-forward gap fires once, at the first instant after the gap
  (02:30 on the New York DST start day fires at 03:00 local). Only jobs whose hour field starts
  with ``*`` (hourly and more often) skip the missing wall times instead, as Vixie cron does
  for its wildcard jobs: their next ordinary run is near anyway.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo


def exists(wall: datetime, tz: ZoneInfo) -> bool:
    """Whether the naive local ``wall`` time happens at all in ``tz`` (not in a DST gap)."""
    instant = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    return instant.astimezone(tz).replace(tzinfo=None) == wall


def fire_instant(wall: datetime, tz: ZoneInfo, skip_gap: bool) -> datetime | None:
    """The UTC instant a job due at naive local ``wall`` fires; None if skipped in a gap."""
    local = wall.replace(tzinfo=tz, fold=0)
    if exists(wall, tz):
        return local.astimezone(UTC)
    if skip_gap:
        return None
    return gap_end(wall, tz)


def gap_end(wall: datetime, tz: ZoneInfo) -> datetime:
    """The UTC instant the DST gap containing the non-existent ``wall`` time ends.

    With the offsets before (fold=0) and after (fold=1) the change, the transition lies in
    ``(wall - after, wall - before]``; bisect that interval on whole seconds.
    """
    low = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)  # before the transition
    high = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)  # after it
    before = low.astimezone(tz).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) // 2
        middle = middle.replace(microsecond=0)
        if middle.astimezone(tz).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high
