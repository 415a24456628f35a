"""``EventFeed``: one execution's event stream, buffered and handed to the view in batches.

Events from the SSE reader (or pushed by a test or a bench) wait in a buffer; one single-shot
``QTimer`` per feed, started only while events wait, delivers them at most every ``interval_ms``
and at most ``max_batch`` at a time, so a burst of thousands never holds the event loop long.
The stream's life (session, renewal, resuming) is ``SessionStream``'s.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable

from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer, Signal

from noc_contracts import ExecutionEvent
from noc_desktop.client.sse import SseEvent
from noc_desktop.monitor.stream_task import SessionStream
from noc_desktop.session import Session

logger = logging.getLogger(__name__)


class EventFeed(SessionStream):
    """Buffers events; ``batch_ready`` carries them to the view a batch at a time."""

    #: a list of ExecutionEvent, in stream order
    batch_ready = Signal(list)
    #: the server said the execution is over (every event already delivered or buffered)
    ended = Signal()

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 100,
                 max_batch: int = 500) -> None:
        super().__init__(parent)
        self.max_batch = max_batch
        self.interval_ms = interval_ms
        self._buffer: deque[ExecutionEvent] = deque()
        self._execution_id = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._deliver)

    @property
    def pending(self) -> int:
        return len(self._buffer)

    @property
    def streaming(self) -> bool:
        return self.running

    def push(self, events: Iterable[ExecutionEvent]) -> None:
        """Add events to the buffer; the timer delivers them (never right away)."""
        self._buffer.extend(events)
        if self._buffer and not self._timer.isActive():
            self._timer.start()

    def _deliver(self) -> None:
        count = min(len(self._buffer), self.max_batch)
        batch = [self._buffer.popleft() for _ in range(count)]
        if self._buffer:
            self._timer.start(0)  # the rest right after the window has had its turn
        else:
            self._timer.setInterval(self.interval_ms)
        if batch:
            self.batch_ready.emit(batch)

    def start(self, session: Session, execution_id: str) -> None:
        """Follow ``/executions/{id}/events`` from its first event until it ends."""
        self.stop()
        self.bind(session)
        self._execution_id = execution_id
        self.last_event_id = None
        self.resume()

    def path(self) -> str:
        return f"/executions/{self._execution_id}/events"

    def handle(self, sse: SseEvent) -> None:
        try:
            event = ExecutionEvent.model_validate(sse.data)
        except ValidationError:  # the server sent what this app cannot read: say so
            logger.warning("ignored an event of execution %s that is not an execution event: "
                           "%s", self._execution_id, sse.data)
            return
        self.push([event])

    def stream_ended(self) -> None:
        self.ended.emit()
