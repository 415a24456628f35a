"""A test-only clock read from a file, so that tests can drive the time of real scheduler
processes (``NOC_SCHEDULER_FAKE_CLOCK_FILE``). Never set it in production.

The file holds one ISO-8601 instant with its offset; the test rewrites it to move time.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from noc_scheduler.timing import Clock, SystemClock
from noc_scheduler.timing.errors import TimingError

logger = logging.getLogger(__name__)


class FileClock:
    """``now()`` is the instant written in ``path``; the last good value if it is unreadable."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._last: datetime | None = None

    def now(self) -> datetime:
        try:
            value = datetime.fromisoformat(self._path.read_text(encoding="utf-8").strip())
            if value.tzinfo is None:
                raise ValueError("no UTC offset")
            self._last = value
        except (OSError, ValueError) as exc:
            if self._last is None:
                raise TimingError(f"fake clock file {self._path} is unreadable: {exc}") from exc
        assert self._last is not None
        return self._last

    def __repr__(self) -> str:
        return f"FileClock({self._path})"


def build_clock(fake_clock_file: str | None) -> Clock:
    """The system clock, or the file clock when a test asks for one."""
    if not fake_clock_file:
        return SystemClock()
    logger.warning("using the fake clock file %s (tests only)", fake_clock_file)
    return FileClock(Path(fake_clock_file))
