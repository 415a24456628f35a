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

import contextlib
import logging

from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer, Signal

from noc_contracts.api import ExecutionPublic
from noc_desktop.client import ApiError, Unauthorized
from noc_desktop.client.sse import stream_events
from noc_desktop.monitor.stream_task import StreamTask
from noc_desktop.session import Session

logger = logging.getLogger(__name__)
READY = "ready"


class ListFollower(QObject):
    """Follows ``/events`` while started; ``changed`` carries each execution's new row."""

    #: the stream is (again) live from this point: fetch the list now
    ready = Signal()
    #: an execution started, ended, or one of its hosts ended (its ExecutionPublic now)
    changed = Signal(object)
    #: the stream was refused (the ApiError), e.g. the session expired
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 100) -> None:
        super().__init__(parent)
        self._pending: dict[str, ExecutionPublic] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)
        self._stream = StreamTask()
        self.destroyed.connect(self._stream.cancel)
        self._session: Session | None = None
        self._waiting_renewal = False
        #: the id of the last event received (a restart resumes after it)
        self.last_event_id: int | None = None

    @property
    def following(self) -> bool:
        return self._stream.running

    def start(self, session: Session) -> None:
        """Follow the stream (no-op while following)."""
        if self._session is not session:
            if self._session is not None:
                self._session.renewed.disconnect(self._renewed)
            session.renewed.connect(self._renewed)
            self._session = session
        self._waiting_renewal = False
        if not self._stream.active and not session.closed:
            self._stream.task = session.spawn(self._follow(session))

    def stop(self) -> None:
        self._waiting_renewal = False
        self._stream.cancel()
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

    def _renewed(self) -> None:
        if self._waiting_renewal and self._session is not None:
            self.start(self._session)

    async def _follow(self, session: Session) -> None:
        try:
            async with contextlib.aclosing(stream_events(
                    session.client, "/events", stop_on_end=False,
                    last_event_id=self.last_event_id)) as stream:
                async for sse in stream:
                    if sse.id is not None:
                        self.last_event_id = sse.id
                    if sse.type == READY:
                        self.flush()
                        self.ready.emit()
                        continue
                    try:
                        row = ExecutionPublic.model_validate(sse.data)
                    except ValidationError:
                        logger.info("ignored an executions list event: %s", sse.data)
                        continue
                    self._coalesce(row)
        except ApiError as exc:
            self._waiting_renewal = isinstance(exc, Unauthorized)
            session.refused(exc)
            self.failed.emit(exc)
