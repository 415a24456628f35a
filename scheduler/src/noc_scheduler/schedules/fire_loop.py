"""The fire loop: a thread that plans due schedules and starts pending fires, then sleeps
until the next fire time (at most ``tick_s``), so a fire starts well within a second of its
time. Kept apart from the maintenance loop so slow event delivery never delays a fire."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from noc_scheduler.background import BackgroundLoop
from noc_scheduler.schedules import fire_start, firing

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)


def fire_pass(rt: Runtime) -> float:
    """One pass; returns how long to sleep before the next (0 when more work is waiting)."""
    busy = False
    try:
        busy = firing.plan_due(rt, rt.clock.now()) >= firing.BATCH
    except Exception:
        logger.exception("planning due schedules failed")
        return rt.settings.tick_s  # never spin on a schedule that cannot be planned
    try:
        busy = fire_start.start_pending(rt) >= fire_start.BATCH or busy
    except Exception:
        logger.exception("starting pending fires failed")
    if busy:
        return 0.0
    delay = rt.settings.tick_s
    try:
        due = firing.next_due(rt)
    except Exception:
        logger.exception("reading the next fire time failed")
        return delay
    if due is not None:
        delay = min(delay, max(0.0, (due - rt.clock.now()).total_seconds()))
    return delay


class FireLoop(BackgroundLoop):
    """Runs ``fire_pass`` until stopped; wakes early on schedule changes."""

    name = "noc-fire-loop"

    def _wake(self) -> None:
        self._rt.schedules_changed.set()

    def _run(self) -> None:
        changed = self._rt.schedules_changed
        while not self._stop.is_set():
            delay = fire_pass(self._rt)
            if delay > 0 and changed.wait(delay):
                changed.clear()
