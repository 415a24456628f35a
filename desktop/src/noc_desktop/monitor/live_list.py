"""``ListFollower``: the executions list's live stream (``GET /api/v1/events``) as Qt signals.

The stream never ends by itself; the SSE reader resumes it with ``Last-Event-ID`` after a
drop. ``ready`` comes first (and again after each reconnect): the page fetches its list then,
so nothing that happened between the fetch and the stream is missed. Each later event carries
the execution's row as it is now, so a row is updated without asking the server again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal

from noc_contracts.api import ExecutionPublic
from noc_desktop.client import ApiError, NocClient
from noc_desktop.client.sse import stream_events

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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: asyncio.Task[None] | None = None

    @property
    def following(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self, client: NocClient) -> None:
        if not self.following:
            self._task = asyncio.ensure_future(self._follow(client))

    def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def _follow(self, client: NocClient) -> None:
        try:
            async with contextlib.aclosing(
                    stream_events(client, "/events", stop_on_end=False)) as stream:
                async for sse in stream:
                    if sse.type == READY:
                        self.ready.emit()
                        continue
                    try:
                        row = ExecutionPublic.model_validate(sse.data)
                    except ValidationError:
                        logger.info("ignored an executions list event: %s", sse.data)
                        continue
                    self.changed.emit(row)
        except ApiError as exc:
            self.failed.emit(exc)
