"""The maintenance loop: the scheduler's heartbeat. Each tick recovers whatever work the
database says is due, so a crash or restart loses nothing: leases that expired end ``lost``,
pending steps are dispatched again, sleeping host runs wake. (Due schedules fire
in their own loop, ``fire_loop``; events go out through ``event_pump``.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from noc_contracts import ExecutionStatus, HostRunStatus, StepStatus
from noc_scheduler import flows, results
from noc_scheduler.background import BackgroundLoop
from noc_scheduler.db import claim
from noc_scheduler.models import Execution, HostRun, Step, utcnow

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

BATCH = 100


def expire_leases(rt: Runtime, now: datetime) -> int:
    """Dispatched steps whose lease ran out end ``lost`` and follow failure/retry."""
    new: list[str] = []
    with rt.db.connection_context(), rt.db.atomic():
        expired = claim(Step.select().where(Step.status == "dispatched",
                                            Step.lease_expires_at < now).limit(BATCH), rt.db)
        count = 0
        for step in expired:
            new += results.settle_lost(rt.box, step, "no result before the lease expired", now)
            count += 1
    rt.enqueue_dispatch(new)
    return count


def no_node_timeout(rt: Runtime, now: datetime) -> int:
    """Pending steps no node took within their timeout plus grace end ``error``."""
    new: list[str] = []
    grace = rt.settings.lease_grace_s
    with rt.db.connection_context(), rt.db.atomic():
        stale = [s for s in claim(Step.select().where(Step.status == "pending").limit(BATCH),
                                  rt.db)
                 if s.created_at + timedelta(seconds=s.timeout_s + grace) < now]
        for step in stale:
            new += results.settle_lost(rt.box, step, "no healthy node took the task", now,
                                       StepStatus.error)
    rt.enqueue_dispatch(new)
    return len(stale)


def redispatch(rt: Runtime, now: datetime) -> int:
    """Enqueue pending steps nobody dispatched recently (after a failure or a restart)."""
    with rt.db.connection_context(), rt.db.atomic():
        due = [s.task_id for s in claim(Step.select().where(
            Step.status == "pending", Step.next_attempt_at <= now).limit(BATCH), rt.db)]
        if due:
            Step.update(next_attempt_at=now + timedelta(seconds=flows.REDISPATCH_AFTER_S)).where(
                Step.task_id.in_(due)).execute()
    rt.enqueue_dispatch(due)
    return len(due)


def wake(rt: Runtime, now: datetime) -> int:
    """Host runs whose wait or retry delay is over continue their walk."""
    new: list[str] = []
    with rt.db.connection_context(), rt.db.atomic():
        due = list(claim(HostRun.select().join(Execution).where(
            HostRun.status == str(HostRunStatus.running), HostRun.wake_at <= now,
            Execution.status == str(ExecutionStatus.running)).limit(BATCH), rt.db))
        for host_run in due:
            new += flows.resume_host_run(rt.box, host_run, now)
    rt.enqueue_dispatch(new)
    return len(due)


def tick(rt: Runtime) -> None:
    """One pass over every kind of due work; a failing part is logged, the rest still run."""
    parts: list[Callable[[Runtime, datetime], int]] = [
        expire_leases, no_node_timeout, redispatch, wake]
    for part in parts:
        try:
            part(rt, utcnow())
        except Exception:
            logger.exception("maintenance step %s failed", part.__name__)


class MaintenanceLoop(BackgroundLoop):
    """Runs ``tick`` every ``TICK_S`` until stopped."""

    name = "noc-maintenance"

    def _run(self) -> None:
        while not self._stop.is_set():
            tick(self._rt)
            self._stop.wait(self._rt.settings.tick_s)
