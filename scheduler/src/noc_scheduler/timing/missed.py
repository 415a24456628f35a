"""What to do about fire times that passed while the scheduler was not looking.

A fire time no older than ``grace`` is simply due and always runs. Older ones are late, and
the schedule's policy decides: ``skip`` runs none of them, ``run_once`` runs the latest (unless
an on-time run is happening anyway), ``catch_up`` runs the latest ``max_catch_up`` of them,
oldest first. Every late fire time not run is returned as ``missed`` for the caller to record;
after a long outage only the latest ``limit`` are listed and ``truncated`` is set.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import islice, takewhile
from zoneinfo import ZoneInfo

from noc_scheduler.timing.cron import CronSpec
from noc_scheduler.timing.errors import TimingError
from noc_scheduler.timing.next_fire import fire_times, require_aware

DEFAULT_GRACE = timedelta(seconds=60)
MAX_CATCH_UP = 10
MAX_LISTED = 100


class MissedPolicy(StrEnum):
    skip = "skip"
    run_once = "run_once"
    catch_up = "catch_up"


@dataclass(frozen=True)
class MissedPlan:
    """Fire times (UTC, oldest first) to run now and to record as missed."""

    run: tuple[datetime, ...] = ()
    missed: tuple[datetime, ...] = ()
    truncated: bool = False  # older missed fire times exist that ``missed`` does not list


def parse_policy(value: str) -> MissedPolicy:
    try:
        return MissedPolicy(value)
    except ValueError:
        options = ", ".join(p.value for p in MissedPolicy)
        raise TimingError(f"unknown missed-run policy {value!r}; use one of {options}") from None


def plan_missed(spec: CronSpec, tz: ZoneInfo, last_fire: datetime, now: datetime,
                policy: MissedPolicy | str, *, end: datetime | None = None,
                grace: timedelta = DEFAULT_GRACE, max_catch_up: int = MAX_CATCH_UP,
                limit: int = MAX_LISTED) -> MissedPlan:
    """Plan the fire times of a cron schedule in (``last_fire``, ``now``], up to ``end``.

    ``last_fire`` is the last fire time handled, or the schedule's start if it never fired.
    """
    policy = parse_policy(policy)
    if grace < timedelta() or max_catch_up < 1 or limit < 0:
        raise TimingError("grace and limit must not be negative, max_catch_up at least 1")
    low, now = require_aware(last_fire, "last_fire"), require_aware(now, "now")
    high = min(now, require_aware(end, "end")) if end is not None else now
    cutoff = min(now - grace, high)
    due = takewhile(lambda instant: instant <= high, fire_times(spec, tz, max(low, cutoff)))
    on_time = list(islice(due, MAX_LISTED))
    late, truncated = _latest(spec, tz, low, cutoff, limit + max_catch_up)
    if policy is MissedPolicy.skip:
        run: list[datetime] = []
    elif policy is MissedPolicy.run_once:
        run = late[-1:] if not on_time else []
    else:
        run = late[-max_catch_up:]
    missed = late[: len(late) - len(run)]
    if len(missed) > limit:
        missed, truncated = missed[len(missed) - limit:], True
    return MissedPlan(run=tuple(run + on_time), missed=tuple(missed), truncated=truncated)


def plan_missed_at(at: datetime, now: datetime, policy: MissedPolicy | str, *,
                   fired: bool = False, grace: timedelta = DEFAULT_GRACE) -> MissedPlan:
    """Plan a one-shot ``at`` schedule: not yet due, due, or late (then the policy decides)."""
    policy = parse_policy(policy)
    at, now = require_aware(at, "at"), require_aware(now, "now")
    if fired or at > now:
        return MissedPlan()
    if now - at <= grace or policy is not MissedPolicy.skip:
        return MissedPlan(run=(at,))
    return MissedPlan(missed=(at,))


def _latest(spec: CronSpec, tz: ZoneInfo, low: datetime, high: datetime,
            count: int) -> tuple[list[datetime], bool]:
    """The latest ``count`` fire times in (low, high], and whether earlier ones were left out.

    Searches backwards in doubling windows, so a long outage of a minutely job costs about
    ``count`` steps rather than one per minute of the outage.
    """
    span = timedelta(hours=1)
    while True:
        begin = low if span >= high - low else high - span
        window: deque[datetime] = deque(maxlen=count + 1)
        for instant in fire_times(spec, tz, begin):
            if instant > high:
                break
            window.append(instant)
        if len(window) > count:
            return list(window)[1:], True
        if begin == low:
            return list(window), False
        span *= 2
