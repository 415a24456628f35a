"""The live streams' plumbing: ``SessionStream`` follows one SSE path for as long as it is
started; its task belongs to the session (cancelled at logout) and to this object (cancelled
when it is destroyed); a refusal goes through the session (a 401 asks for the password again)
and the stream resumes after the last event received once the session is renewed.
Subclasses say which ``path`` and what to do with each event (``handle``)."""

from __future__ import annotations

import asyncio
import contextlib

from PySide6.QtCore import QObject, Signal

from noc_desktop.client import ApiError, Unauthorized
from noc_desktop.client.sse import SseEvent, stream_events
from noc_desktop.session import Session


class StreamTask:
    """The task following a stream, or None; ``cancel`` is safe to call at any time (it is
    a plain object so that a QObject's ``destroyed`` can still cancel it: the QObject's own
    attributes are gone by then)."""

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


class SessionStream(QObject):
    """One session's SSE stream of ``path()``, each event given to ``handle``."""

    #: the stream was refused (the ApiError), e.g. the session expired
    failed = Signal(object)
    #: the connection dropped or could not be made (the reason); it is being retried
    dropped = Signal(str)

    #: whether the server's ``end`` event closes the stream (else it is followed forever)
    stop_on_end = True

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stream = StreamTask()
        self.destroyed.connect(self._stream.cancel)
        self._session: Session | None = None
        self._waiting_renewal = False
        #: the id of the last event received (the stream resumes after it)
        self.last_event_id: int | None = None

    @property
    def running(self) -> bool:
        """The stream's task is alive (False once its connection is closed)."""
        return self._stream.running

    def path(self) -> str:
        raise NotImplementedError

    def handle(self, sse: SseEvent) -> None:
        """One event of the stream, in order."""
        raise NotImplementedError

    def stream_ended(self) -> None:
        """The server ended the stream (only when ``stop_on_end``)."""

    def bind(self, session: Session) -> None:
        """Follow ``session`` (its renewals resume a stream a 401 stopped)."""
        if self._session is session:
            return
        if self._session is not None:
            self._session.renewed.disconnect(self._renewed)
        session.renewed.connect(self._renewed)
        self._session = session

    def resume(self) -> None:
        """(Re)open the stream after the last event received (no-op while streaming)."""
        session = self._session
        self._waiting_renewal = False
        if session is None or session.closed or self._stream.active:
            return
        self._stream.task = session.spawn(self._follow(session, self.path()))

    def stop(self) -> None:
        """Cancel the stream (``running`` turns False once its connection is closed)."""
        self._waiting_renewal = False
        self._stream.cancel()

    def _renewed(self) -> None:
        if self._waiting_renewal:
            self.resume()

    async def _follow(self, session: Session, path: str) -> None:
        try:
            async with contextlib.aclosing(stream_events(
                    session.client, path, stop_on_end=self.stop_on_end,
                    last_event_id=self.last_event_id, on_drop=self.dropped.emit)) as stream:
                async for sse in stream:
                    if sse.id is not None:
                        self.last_event_id = sse.id
                    self.handle(sse)
        except ApiError as exc:
            self._waiting_renewal = isinstance(exc, Unauthorized)
            session.refused(exc)
            self.failed.emit(exc)
            return
        self.stream_ended()
