"""``StreamTask``: an event stream's task, held by a plain object so that a QObject's
``destroyed`` signal can still cancel it (the QObject's own attributes are gone by then)."""

from __future__ import annotations

import asyncio


class StreamTask:
    """The task following a stream, or None; ``cancel`` is safe to call at any time."""

    def __init__(self) -> None:
        self.task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    @property
    def active(self) -> bool:
        """Running and not being cancelled (a cancelled one may still be closing)."""
        return self.running and self.task is not None and not self.task.cancelling()

    def cancel(self, *_: object) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()
