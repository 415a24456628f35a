"""Check a schedule request's timing fields and say, per field, what is wrong.

The scheduler turns the returned ``(field, message)`` pairs into a 422 error body, so every
problem found is reported at once rather than the first one only.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from noc_scheduler.timing.cron import CronSpec, parse_cron
from noc_scheduler.timing.errors import CronError, NeverFiresError, TimingError
from noc_scheduler.timing.next_fire import next_fire, require_aware
from noc_scheduler.timing.zones import zone_or_default

Problem = tuple[str, str]


def validate_schedule(at: datetime | None, cron: str | None, timezone: str | None,
                      start: datetime | None, end: datetime | None,
                      now: datetime) -> list[Problem]:
    """Every problem with these timing fields; an empty list means the schedule is valid."""
    problems: list[Problem] = []
    now = require_aware(now, "now")
    if at is not None and cron is not None:
        problems.append(("cron", "give either 'at' or 'cron', not both"))
    if at is not None:
        problems.extend(_check_at(at, now))
    zone: ZoneInfo | None = None
    try:
        zone = zone_or_default(timezone)
    except TimingError as exc:
        problems.append(("timezone", str(exc)))
    window = {name: _aware(name, value, problems)
              for name, value in (("start", start), ("end", end)) if value is not None}
    first, last = window.get("start"), window.get("end")
    if first is not None and last is not None and last <= first:
        problems.append(("end", "must be after 'start'"))
    elif last is not None and last <= now:
        problems.append(("end", "is in the past"))
    spec = _parse(cron, problems) if cron is not None else None
    if spec is not None and zone is not None and not problems:
        problems.extend(_check_fires(spec, zone, max(now, first or now), last))
    return problems


def _check_at(at: datetime, now: datetime) -> list[Problem]:
    if at.tzinfo is None or at.utcoffset() is None:
        return [("at", "must include a UTC offset, e.g. 2030-01-01T09:00:00+00:00")]
    if at < now:
        return [("at", f"is in the past ({at.isoformat()} is before {now.isoformat()})")]
    return []


def _aware(name: str, value: datetime, problems: list[Problem]) -> datetime | None:
    if value.tzinfo is None or value.utcoffset() is None:
        problems.append((name, "must include a UTC offset"))
        return None
    return require_aware(value, name)


def _parse(cron: str, problems: list[Problem]) -> CronSpec | None:
    try:
        return parse_cron(cron)
    except CronError as exc:
        problems.append(("cron", str(exc)))
        return None


def _check_fires(spec: CronSpec, zone: ZoneInfo, after: datetime,
                 end: datetime | None) -> list[Problem]:
    try:
        first = next_fire(spec, zone, after)
    except NeverFiresError:
        return [("cron", f"{spec.expr!r} never fires (no such date)")]
    if end is not None and first > end:
        return [("cron", f"{spec.expr!r} does not fire between start and end")]
    return []
