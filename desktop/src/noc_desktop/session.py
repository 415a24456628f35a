"""``Session``: the logged-in user's connection to one backend, shared by every page.

Pages call the API through ``session.call(...)``, which counts calls in flight (the window shows
a busy state, never freezes) and turns a 401 into ``expired``: the main window then asks for
the password again over the current screen, so nothing the user was doing is lost. Every task
that is inside a call, and every task started with ``spawn`` (event streams), belongs to the
session: ``close()`` cancels them before it closes the client, so none outlives its window.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from noc_contracts.api import UserPublic
from noc_desktop.client import ApiError, ClientClosed, NocClient, Unauthorized

T = TypeVar("T")


class Session(QObject):
    """The client, who is logged in, and the app-wide signals pages react to."""

    #: the token stopped working mid-session (expired, revoked, logged out elsewhere)
    expired = Signal()
    #: True while at least one call is in flight
    busy_changed = Signal(bool)
    #: a run launched now (its execution id): the monitor opens it
    execution_started = Signal(str)
    #: the user logged in again after ``expired`` (pages may refresh)
    renewed = Signal()

    def __init__(self, client: NocClient, user: UserPublic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.user = user
        self._in_flight = 0
        self._tasks: set[asyncio.Task[Any]] = set()
        self.closed = False

    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    @property
    def can_write(self) -> bool:
        """Whether the user's role may change the inventory, procedures and runs."""
        return self.user.role in ("admin", "operator")

    @property
    def is_admin(self) -> bool:
        return self.user.role == "admin"

    async def call(self, awaitable: Awaitable[T]) -> T:
        """Await one API call; a 401 also emits ``expired`` (the error is re-raised).

        On a closed session it raises ``ClientClosed`` at once, as the closed client would, and
        closes the call's coroutine unstarted: a page's task that only starts once its window
        is gone (one that failed to build) neither touches the session's signals, whose Qt
        object may be deleted by then, nor leaves a coroutine never awaited."""
        if self.closed:
            if inspect.iscoroutine(awaitable):
                awaitable.close()
            raise ClientClosed("the session is closed")
        task = asyncio.current_task()
        owned = task is not None and task not in self._tasks
        if owned:
            assert task is not None
            self._tasks.add(task)
        self._in_flight += 1
        if self._in_flight == 1:
            self.busy_changed.emit(True)
        try:
            return await awaitable
        except Unauthorized:
            self.expired.emit()
            raise
        finally:
            if owned:
                self._tasks.discard(task)
            self._in_flight -= 1
            if self._in_flight == 0 and not self.closed:
                self.busy_changed.emit(False)

    def refused(self, exc: ApiError) -> None:
        """A request made outside ``call`` (an event stream) was refused: a 401 also means the
        session expired."""
        if isinstance(exc, Unauthorized) and not self.closed:
            self.expired.emit()

    def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run ``coro`` as a task the session owns (cancelled by ``close``)."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    @property
    def tasks(self) -> frozenset[asyncio.Task[Any]]:
        """The session's tasks still running (spawned ones, and those inside a call)."""
        return frozenset(t for t in self._tasks if not t.done())

    async def close(self) -> None:
        """Cancel the session's tasks, wait for them to end, then close the client."""
        self.closed = True
        current = asyncio.current_task()
        pending = [t for t in self._tasks if t is not current and not t.done()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        self._tasks.clear()
        await self.client.aclose()

    def renew(self, token: str, user: UserPublic) -> None:
        """After a new login as the same user: carry on with the new token."""
        self.client.token = token
        self.user = user
        self.renewed.emit()
