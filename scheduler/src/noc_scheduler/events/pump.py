"""Delivers the event outbox to the backend as soon as events are written (and on every tick).

``outbox.emit`` sets ``outbox.written`` inside the transaction that records an event; the pump
wakes at once, and because it may wake before that transaction commits, it looks again a few
times shortly after. One pump per process keeps the delivery order of that process.
"""

from __future__ import annotations

import logging

from noc_scheduler.background import BackgroundLoop
from noc_scheduler.events import outbox

logger = logging.getLogger(__name__)

RECHECK_S = (0.0, 0.02, 0.03, 0.05, 0.1, 0.2, 0.4)


class EventPump(BackgroundLoop):
    name = "noc-event-pump"

    def _wake(self) -> None:
        outbox.written.set()

    def _drain(self) -> int:
        delivered = 0
        while True:
            n = outbox.flush(self._rt.db, self._rt.backend)
            delivered += n
            if n < outbox.BATCH_SIZE:
                return delivered

    def _run(self) -> None:
        while not self._stop.is_set():
            outbox.written.wait(self._rt.settings.tick_s)
            outbox.written.clear()
            try:
                for delay in RECHECK_S:
                    if self._stop.wait(delay):
                        return
                    if self._drain():
                        break
            except Exception:
                logger.exception("event delivery failed")
                self._stop.wait(self._rt.settings.tick_s)
