"""``RunPreview``: the next fire times the SERVER computes for the run being edited.

Each edit restarts a ~400 ms single-shot timer; when it fires the current request is sent to
``POST /procedures/{id}/runs/preview``. Every request carries a ticket: an answer whose ticket
is not the newest (the user kept typing meanwhile) is dropped, so the list never shows times
for a cron that is no longer in the field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from noc_contracts import RunRequest
from noc_desktop.client import ApiError
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.slots import async_slot
from noc_desktop.widgets.tickets import Tickets

DEBOUNCE_MS = 400


class RunPreview(QObject):
    """Debounced, stale-proof previews of one procedure's run request."""

    #: the fire times (aware, UTC) for the newest request
    previewed = Signal(list)
    #: the newest request was refused (the ApiError; a 422 names the bad field)
    failed = Signal(object)

    def __init__(self, session: Session, procedure_id: int,
                 build: Callable[[], RunRequest | None], parent: QObject | None = None,
                 *, delay_ms: int = DEBOUNCE_MS, count: int = 5) -> None:
        super().__init__(parent)
        self.session = session
        self.procedure_id = procedure_id
        self.count = count
        self._build = build
        self.tickets = Tickets()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._send)

    @property
    def ticket(self) -> int:
        """The newest request's ticket."""
        return self.tickets.issued

    @property
    def answered(self) -> int:
        """The ticket of the last answer shown (tests wait on it)."""
        return self.tickets.applied

    def request(self) -> None:
        """Something changed: ask again once the user pauses (older answers are dropped)."""
        self.tickets.take()
        self._timer.start()

    def stop(self) -> None:
        """Send nothing more; an answer still on its way is dropped."""
        self._timer.stop()
        self.tickets.take()

    @async_slot
    async def _send(self) -> None:
        ticket = self.tickets.issued
        body = self._build()
        if body is None:
            return
        try:
            preview = await call_for(self, self.session,
                self.session.client.preview_run(self.procedure_id, body, self.count))
        except ApiError as exc:
            if self.tickets.is_latest(ticket):
                self.failed.emit(exc)
            return
        if not self.tickets.is_latest(ticket):
            return  # a newer edit is on its way: this answer is stale
        times: list[datetime] = list(preview.fire_times)
        self.previewed.emit(times)
