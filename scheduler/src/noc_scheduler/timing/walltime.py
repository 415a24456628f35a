"""Map a local wall-clock time to the instants a cron job due then fires, as Debian's cron does.

Debian's cron (Vixie cron, ``cron.c``) wakes once a minute and compares the local wall minute
with the one it expected; a time change is a jump of that clock by ``jump`` minutes (a gap of
G minutes is a jump of G + 1, a fold of F minutes one of 1 - F):

- a jump forward of 6 to 180 (a spring-forward gap): fixed-time jobs due in the skipped wall
  times run right after the change, at the gap's end; wildcard jobs skip them.
- a jump back of up to 180 (a fall-back fold): fixed-time jobs run in the first pass of the
  repeated wall times only; wildcard jobs follow the clock and run in both passes.
- a jump forward of 2 to 5: cron merely woke late; every job due in the gap runs at its end.
- a jump of more than 180 either way is a correction of the clock: skipped wall times never
  run and repeated ones run again, for every job.

Wildcard jobs have '*' first in the minute or hour field (``CronSpec.wildcard``). Where cron
would start a job several times in the first minute after a gap (two of its times fell in the
gap), the job fires once, at the gap's end.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

#: cron.c: a jump of more than ``3 * MINUTE_COUNT`` minutes is a clock correction.
CORRECTION_MINUTES = 180
#: cron.c: a forward jump of at most 5 minutes means cron woke late, not a DST change.
LATE_WAKE_MINUTES = 5


def offset(wall: datetime, tz: ZoneInfo, fold: int) -> timedelta:
    """The UTC offset of naive local ``wall`` in ``tz``; ``fold`` picks the side of a change."""
    found = wall.replace(tzinfo=tz, fold=fold).utcoffset()
    assert found is not None  # a ZoneInfo always knows its offset
    return found


def fire_instants(wall: datetime, tz: ZoneInfo,
                  wildcard: bool) -> tuple[datetime | None, datetime | None]:
    """``(first, again)``: the UTC instants a job due at naive local ``wall`` fires.

    ``first`` is None when the job skips a wall time lost in a gap; ``again`` is the second
    pass of a repeated wall time when the job runs in it too, else None.
    """
    before, after = offset(wall, tz, 0), offset(wall, tz, 1)
    first_pass = (wall - before).replace(tzinfo=UTC)
    if before == after:
        return first_pass, None
    if before > after:  # a fold: the wall time happens twice
        again = runs_again(before - after, wildcard)
        return first_pass, (wall - after).replace(tzinfo=UTC) if again else None
    jump = (after - before) // timedelta(minutes=1) + 1
    if jump > CORRECTION_MINUTES or (wildcard and jump > LATE_WAKE_MINUTES):
        return None, None
    return gap_end(wall, tz), None


def runs_again(fold: timedelta, wildcard: bool) -> bool:
    """Whether a job runs in the second pass of a fold this long (a jump back of 1 - fold)."""
    return wildcard or 1 - fold // timedelta(minutes=1) < -CORRECTION_MINUTES


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
