"""Check a run request's timing before anything is sent: the scheduler's rules for ``at``,
``timezone`` and the ``start``/``end`` window, each problem naming its field (422).

The cron expression itself is parsed by the scheduler (the layers share no code but the
contracts); its 422 naming ``cron`` is passed through unchanged.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from noc_backend.core.errors import Invalid
from noc_contracts import ErrorDetail, RunRequest


def _aware(value: datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() is not None


def _zone_ok(name: str) -> bool:
    if not name or name != name.strip():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def timing_problems(request: RunRequest, now: datetime) -> list[ErrorDetail]:
    """Every timing problem of ``request`` at ``now`` (aware); empty when it may be sent."""
    problems: list[ErrorDetail] = []

    def add(field: str, message: str) -> None:
        problems.append(ErrorDetail(field=field, message=message))

    if request.at is not None and request.cron is not None:
        add("cron", "give either 'at' or 'cron', not both")
    if request.at is not None:
        if not _aware(request.at):
            add("at", "must include a UTC offset, e.g. 2030-01-01T09:00:00+00:00")
        elif request.at < now:
            add("at", f"is in the past ({request.at.isoformat()} is before {now.isoformat()})")
    if request.timezone is not None and not _zone_ok(request.timezone):
        add("timezone", f"unknown time zone {request.timezone!r}")
    window = {}
    for name in ("start", "end"):
        value = getattr(request, name)
        if value is not None and not _aware(value):
            add(name, "must include a UTC offset")
        elif value is not None:
            window[name] = value
    start, end = window.get("start"), window.get("end")
    if start is not None and end is not None and end <= start:
        add("end", "must be after 'start'")
    elif end is not None and end <= now:
        add("end", "is in the past")
    return problems


def check_run_timing(request: RunRequest, now: datetime | None = None) -> None:
    """Raise ``Invalid`` (422) listing every timing problem."""
    problems = timing_problems(request, now or datetime.now(UTC))
    if problems:
        raise Invalid("the run's timing is invalid", problems)
