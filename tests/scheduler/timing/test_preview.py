"""preview: the next N fire times, clipped to an optional [start, end] window."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from noc_scheduler.timing import TimingError, parse_cron, preview

UTC_ZONE = ZoneInfo("UTC")
HOURLY = parse_cron("0 * * * *")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def hours(times: list[datetime]) -> list[str]:
    return [t.strftime("%d %H:%M") for t in times]


def test_next_n_without_window() -> None:
    assert hours(preview(HOURLY, UTC_ZONE, utc("2024-01-01T10:30"), 3)) == \
        ["01 11:00", "01 12:00", "01 13:00"]


def test_start_in_the_future_is_inclusive() -> None:
    found = preview(HOURLY, UTC_ZONE, utc("2024-01-01T10:30"), 2, start=utc("2024-01-05T06:00"))
    assert hours(found) == ["05 06:00", "05 07:00"]


def test_start_in_the_past_does_not_go_back_before_after() -> None:
    found = preview(HOURLY, UTC_ZONE, utc("2024-01-01T10:30"), 1, start=utc("2023-01-01T00:00"))
    assert hours(found) == ["01 11:00"]


def test_end_is_inclusive_and_cuts_the_list_short() -> None:
    found = preview(HOURLY, UTC_ZONE, utc("2024-01-01T10:30"), 10, end=utc("2024-01-01T13:00"))
    assert hours(found) == ["01 11:00", "01 12:00", "01 13:00"]


def test_window_in_the_zone_of_the_schedule() -> None:
    tz = ZoneInfo("Europe/Berlin")
    found = preview(parse_cron("30 2 * * *"), tz, utc("2024-03-29T00:00"), 5,
                    start=utc("2024-03-30T00:00"), end=utc("2024-04-01T12:00"))
    assert [t.astimezone(tz).isoformat() for t in found] == [
        "2024-03-30T02:30:00+01:00", "2024-03-31T03:00:00+02:00", "2024-04-01T02:30:00+02:00"]


def test_window_before_after_or_impossible_spec_gives_nothing() -> None:
    assert preview(HOURLY, UTC_ZONE, utc("2024-01-02T00:00"), 5, end=utc("2024-01-01T00:00")) == []
    assert preview(parse_cron("0 0 30 2 *"), UTC_ZONE, utc("2024-01-01T00:00"), 5) == []
    assert preview(HOURLY, UTC_ZONE, utc("2024-01-01T00:00"), 0) == []


@pytest.mark.parametrize("count", [-1, 1_001])
def test_count_is_bounded(count: int) -> None:
    with pytest.raises(TimingError, match="count must be between 0 and 1000"):
        preview(HOURLY, UTC_ZONE, utc("2024-01-01T00:00"), count)


def test_naive_window_is_refused() -> None:
    with pytest.raises(TimingError, match="start must be timezone-aware"):
        preview(HOURLY, UTC_ZONE, utc("2024-01-01T00:00"), 1,
                start=datetime(2024, 1, 1))
