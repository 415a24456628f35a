"""load_zone, the clocks, and the package's public surface."""

from __future__ import annotations

import threading
import types
from datetime import UTC, datetime, timedelta

import pytest

import noc_scheduler.timing as timing
from noc_scheduler.timing import Clock, FakeClock, SystemClock, TimingError, load_zone
from noc_scheduler.timing.zones import zone_or_default


@pytest.mark.parametrize("name", ["Europe/Berlin", "America/Sao_Paulo", "UTC",
                                  "Australia/Lord_Howe"])
def test_known_zones_load(name: str) -> None:
    assert load_zone(name).key == name


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "America", "../etc/passwd",
                                  "/etc/localtime", " Europe/Berlin", "x" * 65])
def test_unknown_zones_are_named(name: str) -> None:
    with pytest.raises(TimingError) as caught:
        load_zone(name)
    assert str(caught.value) == f"unknown time zone {name!r}"


def test_no_zone_means_utc() -> None:
    assert zone_or_default(None).key == "UTC"


def test_system_clock_is_aware_utc_and_current() -> None:
    clock: Clock = SystemClock()
    now = clock.now()
    assert now.tzinfo is UTC
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)


def test_fake_clock_sets_and_advances() -> None:
    clock = FakeClock(datetime(2024, 3, 10, 1, 59, tzinfo=UTC))
    assert isinstance(clock, Clock)
    assert clock.advance(minutes=1) == datetime(2024, 3, 10, 2, 0, tzinfo=UTC)
    assert clock.advance(timedelta(hours=1), seconds=30) == \
        datetime(2024, 3, 10, 3, 0, 30, tzinfo=UTC)
    clock.set(datetime(2020, 1, 1, tzinfo=UTC))
    assert clock.now() == datetime(2020, 1, 1, tzinfo=UTC)


def test_fake_clock_refuses_naive_times_and_going_back() -> None:
    with pytest.raises(TimingError, match="timezone-aware"):
        FakeClock(datetime(2024, 1, 1))
    with pytest.raises(TimingError, match="only advances forwards"):
        FakeClock().advance(seconds=-1)


def test_fake_clock_is_thread_safe() -> None:
    clock = FakeClock(datetime(2024, 1, 1, tzinfo=UTC))
    workers = [threading.Thread(target=lambda: [clock.advance(seconds=1) for _ in range(500)])
               for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert clock.now() == datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=2_000)


def test_public_surface_is_exactly_all() -> None:
    exported = {name for name, value in vars(timing).items()
                if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert exported == set(timing.__all__)
    assert callable(timing.next_fire) and callable(timing.preview)  # not the same-named modules
