"""The scheduler's source of "now", injected so that tests can set and advance time."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

from noc_scheduler.timing.errors import TimingError


@runtime_checkable
class Clock(Protocol):
    """Something that tells the current time as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def __repr__(self) -> str:
        return "SystemClock()"


class FakeClock:
    """A clock that moves only when told: ``set`` jumps (either way), ``advance`` moves on.

    Safe to share between threads, as the scheduler's loop and a test do.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._now = _utc(start) if start is not None else datetime(2025, 1, 1, tzinfo=UTC)

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, value: datetime) -> None:
        with self._lock:
            self._now = _utc(value)

    def advance(self, delta: timedelta | None = None, /, **units: float) -> datetime:
        """Move forward by ``delta`` or by keyword units (``seconds=30``); returns the new now."""
        step = (delta or timedelta()) + timedelta(**units)
        if step < timedelta():
            raise TimingError("a FakeClock only advances forwards; use set() to go back")
        with self._lock:
            self._now += step
            return self._now

    def __repr__(self) -> str:
        return f"FakeClock({self.now().isoformat()})"


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise TimingError("clock times must be timezone-aware")
    return value.astimezone(UTC)
