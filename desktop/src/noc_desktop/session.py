"""``Session``: the logged-in user's connection to one backend, shared by every page.

Pages call the API through ``session.call(...)``, which counts calls in flight (the window shows
a busy state, never freezes) and turns a 401 into ``expired``: the main window then asks for
the password again over the current screen, so nothing the user was doing is lost.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from noc_contracts.api import UserPublic
from noc_desktop.client import NocClient, Unauthorized

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
        """Await one API call; a 401 also emits ``expired`` (the error is re-raised)."""
        self._in_flight += 1
        if self._in_flight == 1:
            self.busy_changed.emit(True)
        try:
            return await awaitable
        except Unauthorized:
            self.expired.emit()
            raise
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self.busy_changed.emit(False)

    def renew(self, token: str, user: UserPublic) -> None:
        """After a new login as the same user: carry on with the new token."""
        self.client.token = token
        self.user = user
        self.renewed.emit()
