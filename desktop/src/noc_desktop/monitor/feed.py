"""``EventFeed``: one execution's event stream, buffered and handed to the view in batches.

Events from the SSE reader (or pushed by a test or a bench) wait in a buffer; one single-shot
``QTimer`` per feed, started only while events wait, delivers them at most every ``interval_ms``
and at most ``max_batch`` at a time, so a burst of thousands never holds the event loop long.
The stream task belongs to the session (cancelled at logout) and to this feed (cancelled when
the feed is destroyed); a refusal goes through the session (a 401 asks for the password again)
and the stream resumes from the last event received when the session is renewed.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Iterable

from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer, Signal

from noc_contracts import ExecutionEvent
from noc_desktop.client import ApiError, Unauthorized
from noc_desktop.client.sse import stream_events
from noc_desktop.monitor.stream_task import StreamTask
from noc_desktop.session import Session

logger = logging.getLogger(__name__)


class EventFeed(QObject):
    """Buffers events; ``batch_ready`` carries them to the view a batch at a time."""

    #: a list of ExecutionEvent, in stream order
    batch_ready = Signal(list)
    #: the server said the execution is over (every event already delivered or buffered)
    ended = Signal()
    #: the stream was refused (the error), e.g. the session expired
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 100,
                 max_batch: int = 500) -> None:
        super().__init__(parent)
        self.max_batch = max_batch
        self.interval_ms = interval_ms
        self._buffer: deque[ExecutionEvent] = deque()
        self._stream = StreamTask()
        self.destroyed.connect(self._stream.cancel)
        self._session: Session | None = None
        self._execution_id = ""
        #: the id of the last event received (the stream resumes after it)
        self.last_event_id: int | None = None
        self._waiting_renewal = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._deliver)

    @property
    def pending(self) -> int:
        return len(self._buffer)

    @property
    def streaming(self) -> bool:
        return self._stream.running

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
        if self._session is not session:
            if self._session is not None:
                self._session.renewed.disconnect(self._renewed)
            session.renewed.connect(self._renewed)
        self._session, self._execution_id = session, execution_id
        self.last_event_id = None
        self.resume()

    def resume(self) -> None:
        """(Re)open the stream after the last event received (no-op while streaming)."""
        session = self._session
        if session is None or session.closed or self._stream.active:
            return
        self._waiting_renewal = False
        self._stream.task = session.spawn(self._follow(session, self._execution_id))

    def stop(self) -> None:
        """Cancel the stream (``streaming`` turns False once its connection is closed)."""
        self._waiting_renewal = False
        self._stream.cancel()

    def _renewed(self) -> None:
        if self._waiting_renewal:
            self.resume()

    async def _follow(self, session: Session, execution_id: str) -> None:
        path = f"/executions/{execution_id}/events"
        try:
            async with contextlib.aclosing(stream_events(
                    session.client, path, last_event_id=self.last_event_id)) as stream:
                async for sse in stream:
                    if sse.id is not None:
                        self.last_event_id = sse.id
                    with contextlib.suppress(ValidationError):
                        self.push([ExecutionEvent.model_validate(sse.data)])
        except ApiError as exc:
            self._waiting_renewal = isinstance(exc, Unauthorized)
            session.refused(exc)
            self.failed.emit(exc)
            return
        self.ended.emit()

