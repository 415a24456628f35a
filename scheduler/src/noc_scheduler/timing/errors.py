"""Errors of the timing core; each message reads as a sentence a user can act on.

SchedulerError
 +-- TimingError          bad timing input: unknown zone, naive datetime, bad window
      +-- CronError       a cron expression that does not parse (names field and token)
      +-- NeverFiresError a valid cron expression with no fire time in the search horizon
"""

from __future__ import annotations

from noc_scheduler.core.errors import SchedulerError


class TimingError(SchedulerError):
    """Base of every error raised by ``noc_scheduler.timing``."""


class CronError(TimingError):
    """A cron expression does not parse; ``field``/``position`` say where when known."""

    def __init__(self, message: str, field: str | None = None,
                 position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.position = position


class NeverFiresError(TimingError):
    """The schedule has no fire time (e.g. ``0 0 30 2 *``: February never has a 30th)."""
