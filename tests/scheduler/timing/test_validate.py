"""validate_schedule: each problem named by field, all of them at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from noc_scheduler.timing import validate_schedule

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=1)
NAIVE = datetime(2025, 7, 1, 9, 0)


def check(at: datetime | None = None, cron: str | None = None, timezone: str | None = None,
          start: datetime | None = None, end: datetime | None = None) -> list[tuple[str, str]]:
    return validate_schedule(at, cron, timezone, start, end, NOW)


@pytest.mark.parametrize("kwargs", [
    {},  # now
    {"at": LATER},
    {"at": datetime(2025, 6, 1, 14, 30, tzinfo=timezone(timedelta(hours=2)))},  # 12:30 UTC
    {"cron": "*/5 * * * *"},
    {"cron": "0 9 * * mon-fri", "timezone": "America/Sao_Paulo"},
    {"cron": "0 0 29 2 *", "timezone": "Europe/Berlin"},
    {"cron": "0 * * * *", "start": LATER, "end": LATER + timedelta(hours=2)},
])
def test_valid_requests(kwargs: dict[str, object]) -> None:
    assert check(**kwargs) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"cron": "0 24 * * *"}, [("cron", "hour: 24 is out of range 0-23")]),
    ({"cron": "0 0 30 2 *"}, [("cron", "'0 0 30 2 *' never fires (no such date)")]),
    ({"cron": "0 9 * * *", "timezone": "Mars/Olympus"},
     [("timezone", "unknown time zone 'Mars/Olympus'")]),
    ({"at": NOW - timedelta(minutes=1)},
     [("at", "is in the past (2025-06-01T11:59:00+00:00 is before 2025-06-01T12:00:00+00:00)")]),
    ({"at": NAIVE}, [("at", "must include a UTC offset, e.g. 2030-01-01T09:00:00+00:00")]),
    ({"at": LATER, "cron": "0 * * * *"}, [("cron", "give either 'at' or 'cron', not both")]),
    ({"cron": "0 * * * *", "start": LATER, "end": NOW + timedelta(hours=2)},
     [("end", "must be after 'start'")]),
    ({"cron": "0 * * * *", "start": LATER, "end": LATER}, [("end", "must be after 'start'")]),
    ({"cron": "0 * * * *", "end": NOW - timedelta(hours=1)}, [("end", "is in the past")]),
    ({"cron": "0 * * * *", "start": NAIVE}, [("start", "must include a UTC offset")]),
    ({"cron": "0 3 * * *", "start": LATER.replace(hour=4), "end": LATER.replace(hour=5)},
     [("cron", "'0 3 * * *' does not fire between start and end")]),
])
def test_each_problem_names_its_field(
        kwargs: dict[str, object], expected: list[tuple[str, str]]) -> None:
    assert check(**kwargs) == expected  # type: ignore[arg-type]


def test_every_problem_is_reported_at_once() -> None:
    problems = check(at=NAIVE, cron="61 * * * *", timezone="Nowhere/Land",
                     start=LATER, end=NOW + timedelta(hours=1))
    assert [field for field, _ in problems] == ["cron", "at", "timezone", "end", "cron"]
    assert ("cron", "minute: 61 is out of range 0-59") in problems
