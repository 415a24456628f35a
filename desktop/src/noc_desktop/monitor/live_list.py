"""``ListFollower``: the executions list's live stream (``GET /api/v1/events``) as Qt signals.

The stream never ends by itself; the SSE reader resumes it with ``Last-Event-ID`` after a
drop. ``ready`` comes first (and again after each reconnect): the page fetches its list then,
so nothing that happened between the fetch and the stream is missed. Each later event carries
the execution's row as it is now, so a row is updated without asking the server again; rows
are coalesced (the latest per execution, at most every ``interval_ms``), so a burst of
``host_finished`` events updates each row once. The stream task belongs to the session; a
refusal goes through it (a 401 asks for the password) and the stream resumes when the
session is renewed.
"""

from __future__ import annotations

import logging

from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer, Signal

from noc_contracts.api import ExecutionPublic
from noc_desktop.client.sse import SseEvent
from noc_desktop.monitor.stream_task import SessionStream
from noc_desktop.session import Session

logger = logging.getLogger(__name__)
READY = "ready"


class ListFollower(SessionStream):
    """Follows ``/events`` while started; ``changed`` carries each execution's new row."""

    #: the stream is (again) live from this point: fetch the list now
    ready = Signal()
    #: an execution started, ended, or one of its hosts ended (its ExecutionPublic now)
    changed = Signal(object)

    stop_on_end = False

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 100) -> None:
        super().__init__(parent)
        self._pending: dict[str, ExecutionPublic] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)
        self._ready = False  # ``ready`` came since the stream was started

    @property
    def following(self) -> bool:
        return self.running

    @property
    def live(self) -> bool:
        """Following, and ``ready`` has come: a fetch now misses nothing."""
        return self.running and self._ready

    def start(self, session: Session) -> None:
        """Follow the stream (no-op while following)."""
        self.bind(session)
        self.resume()

    def stop(self) -> None:
        super().stop()
        self._ready = False
        self._timer.stop()
        self._pending.clear()

    def flush(self) -> None:
        """Hand over the rows waiting (each execution's latest), in arrival order."""
        self._timer.stop()
        rows, self._pending = list(self._pending.values()), {}
        for row in rows:
            self.changed.emit(row)

    def _coalesce(self, row: ExecutionPublic) -> None:
        self._pending.pop(row.id, None)
        self._pending[row.id] = row
        if not self._timer.isActive():
            self._timer.start()

    def path(self) -> str:
        return "/events"

    def handle(self, sse: SseEvent) -> None:
        if sse.type == READY:
            self.flush()
            self._ready = True
            self.ready.emit()
            return
        try:
            row = ExecutionPublic.model_validate(sse.data)
        except ValidationError:
            logger.info("ignored an executions list event: %s", sse.data)
            return
        self._coalesce(row)
