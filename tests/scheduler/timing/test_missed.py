"""Missed-run policies: what runs now and what is recorded as missed after downtime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from noc_scheduler.timing import (
    MissedPlan,
    MissedPolicy,
    TimingError,
    parse_cron,
    plan_missed,
    plan_missed_at,
)

UTC_ZONE = ZoneInfo("UTC")
HOURLY = parse_cron("0 * * * *")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def stamps(times: tuple[datetime, ...]) -> list[str]:
    return [t.strftime("%H:%M") for t in times]


# Last fired at 10:00, back at 15:20: 11:00..15:00 passed (five fire times), none on time.
@pytest.mark.parametrize(("policy", "run", "missed"), [
    ("skip", [], ["11:00", "12:00", "13:00", "14:00", "15:00"]),
    ("run_once", ["15:00"], ["11:00", "12:00", "13:00", "14:00"]),
    ("catch_up", ["11:00", "12:00", "13:00", "14:00", "15:00"], []),
    (MissedPolicy.run_once, ["15:00"], ["11:00", "12:00", "13:00", "14:00"]),
])
def test_policies_after_an_outage(policy: str, run: list[str], missed: list[str]) -> None:
    plan = plan_missed(HOURLY, UTC_ZONE, utc("2024-01-01T10:00"), utc("2024-01-01T15:20"), policy)
    assert (stamps(plan.run), stamps(plan.missed), plan.truncated) == (run, missed, False)


def test_catch_up_runs_the_latest_up_to_the_bound() -> None:
    plan = plan_missed(HOURLY, UTC_ZONE, utc("2024-01-01T10:00"), utc("2024-01-01T15:20"),
                       "catch_up", max_catch_up=2)
    assert stamps(plan.run) == ["14:00", "15:00"]
    assert stamps(plan.missed) == ["11:00", "12:00", "13:00"]


def test_a_fire_time_within_grace_is_simply_due() -> None:
    now = utc("2024-01-01T15:00:30")
    for policy in MissedPolicy:
        plan = plan_missed(HOURLY, UTC_ZONE, utc("2024-01-01T14:00"), now, policy)
        assert plan == MissedPlan(run=(utc("2024-01-01T15:00"),)), policy


def test_run_once_does_not_double_up_with_an_on_time_run() -> None:
    plan = plan_missed(HOURLY, UTC_ZONE, utc("2024-01-01T12:00"), utc("2024-01-01T15:00:10"),
                       "run_once")
    assert stamps(plan.run) == ["15:00"]
    assert stamps(plan.missed) == ["13:00", "14:00"]


def test_nothing_due() -> None:
    plan = plan_missed(HOURLY, UTC_ZONE, utc("2024-01-01T15:00"), utc("2024-01-01T15:59"), "skip")
    assert plan == MissedPlan()


def test_fire_times_after_end_are_ignored() -> None:
    plan = plan_missed(HOURLY, UTC_ZONE, utc("2024-01-01T10:00"), utc("2024-01-01T15:20"),
                       "skip", end=utc("2024-01-01T12:30"))
    assert stamps(plan.missed) == ["11:00", "12:00"]


def test_long_outage_lists_only_the_latest_and_stays_fast() -> None:
    """A minutely job down for a year: half a million fire times, only the latest listed."""
    plan = plan_missed(parse_cron("* * * * *"), UTC_ZONE, utc("2023-01-01T00:00"),
                       utc("2024-01-01T00:00:30"), "catch_up", max_catch_up=3, limit=5)
    assert [t.isoformat() for t in plan.run] == [
        "2023-12-31T23:57:00+00:00", "2023-12-31T23:58:00+00:00", "2023-12-31T23:59:00+00:00",
        "2024-01-01T00:00:00+00:00"]
    assert stamps(plan.missed) == ["23:52", "23:53", "23:54", "23:55", "23:56"]
    assert plan.truncated


def test_missed_across_a_fold_follows_debian_cron() -> None:
    """A wildcard job misses both passes of the repeated hour; a fixed-time one, the first."""
    tz = ZoneInfo("America/New_York")
    hourly = plan_missed(parse_cron("30 * * * *"), tz, utc("2024-11-03T04:00"),
                         utc("2024-11-03T08:00"), "skip")
    assert [t.astimezone(tz).strftime("%H:%M%z") for t in hourly.missed] == [
        "00:30-0400", "01:30-0400", "01:30-0500", "02:30-0500"]
    fixed = plan_missed(parse_cron("30 0-2 * * *"), tz, utc("2024-11-03T04:00"),
                        utc("2024-11-03T08:00"), "skip")
    assert [t.astimezone(tz).strftime("%H:%M%z") for t in fixed.missed] == [
        "00:30-0400", "01:30-0400", "02:30-0500"]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"policy": "sometimes"}, "unknown missed-run policy 'sometimes'"),
    ({"max_catch_up": 0}, "max_catch_up at least 1"),
    ({"grace": timedelta(seconds=-1)}, "must not be negative"),
])
def test_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"policy": "skip"} | kwargs
    with pytest.raises(TimingError, match=message):
        plan_missed(HOURLY, UTC_ZONE, utc("2024-01-01T10:00"), utc("2024-01-01T15:20"),
                    **args)  # type: ignore[arg-type]


@pytest.mark.parametrize(("at", "policy", "fired", "expected"), [
    ("2024-01-01T16:00", "skip", False, MissedPlan()),  # not due yet
    ("2024-01-01T15:00", "skip", True, MissedPlan()),  # already ran
    ("2024-01-01T15:19:30", "skip", False, MissedPlan(run=(utc("2024-01-01T15:19:30"),))),
    ("2024-01-01T15:00", "skip", False, MissedPlan(missed=(utc("2024-01-01T15:00"),))),
    ("2024-01-01T15:00", "run_once", False, MissedPlan(run=(utc("2024-01-01T15:00"),))),
    ("2024-01-01T15:00", "catch_up", False, MissedPlan(run=(utc("2024-01-01T15:00"),))),
])
def test_one_shot_at(at: str, policy: str, fired: bool, expected: MissedPlan) -> None:
    assert plan_missed_at(utc(at), utc("2024-01-01T15:20"), policy, fired=fired) == expected


def test_rare_schedule_on_time_check_does_not_search_past_now() -> None:
    """Only fire times up to now are looked at, even for a spec that fires every 4-8 years."""
    plan = plan_missed(parse_cron("0 0 29 2 *"), UTC_ZONE, utc("2024-01-01T00:00"),
                       utc("2024-02-29T00:00:10"), "skip")
    assert plan == MissedPlan(run=(utc("2024-02-29T00:00"),))
