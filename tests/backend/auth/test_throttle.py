"""Login throttling: sliding windows per username and per address, on a fake clock."""

from __future__ import annotations

import pytest

from noc_backend.auth.throttle import Limits, LoginThrottle, Throttled


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def _throttle(clock: Clock) -> LoginThrottle:
    return LoginThrottle(Limits(per_username=5, per_address=20, window_s=300), clock=clock)


def test_five_failures_per_username_then_retry_after() -> None:
    clock = Clock()
    throttle = _throttle(clock)
    for i in range(5):
        clock.now += 10
        throttle.begin("Ann", f"10.0.0.{i}")  # from anywhere: the username counts
    with pytest.raises(Throttled) as refused:
        throttle.begin("ann", "10.0.0.99")
    assert refused.value.scope == "username"
    assert refused.value.retry_after_s == 300 - 40  # the oldest attempt leaves at 1310
    clock.now += 261
    throttle.begin("ann", "10.0.0.99")


def test_twenty_failures_per_address_over_many_usernames() -> None:
    clock = Clock()
    throttle = _throttle(clock)
    for i in range(20):
        throttle.begin(f"user{i}", "10.0.0.1")
    with pytest.raises(Throttled) as refused:
        throttle.begin("fresh", "10.0.0.1")
    assert refused.value.scope == "address"
    throttle.begin("fresh", "10.0.0.2")


def test_a_success_resets_only_its_own_address() -> None:
    clock = Clock()
    throttle = _throttle(clock)
    for _ in range(3):
        throttle.begin("ann", "attacker")
    ok = throttle.begin("ann", "office")
    throttle.begin("ann", "office")
    throttle.succeeded(ok)  # drops the office's failures for ann, not the attacker's
    throttle.begin("ann", "office")
    throttle.begin("ann", "office")
    with pytest.raises(Throttled):
        throttle.begin("ann", "attacker")  # 3 attacker + 2 office = 5


def test_the_attempt_counts_when_it_starts() -> None:
    """Concurrent guesses cannot all pass before the first failure is recorded."""
    throttle = _throttle(Clock())
    started = [throttle.begin("ann", f"a{i}") for i in range(5)]
    assert len(started) == 5
    with pytest.raises(Throttled):
        throttle.begin("ann", "a9")
