"""The maintenance loop: the scheduler's heartbeat. Each tick recovers whatever work the
database says is due, so a crash or restart loses nothing: leases that expired end ``lost``,
so do the steps of a node whose heartbeats stopped (failover: their retries go to another
node at once), pending steps are dispatched again, sleeping host runs wake, and host runs
left due to advance by a process that died between its two transactions are advanced. (Due
schedules fire in their own loop, ``schedules.fire_loop``; events go out through
``events.pump``.)
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from noc_contracts import ExecutionStatus, HostRunStatus, StepStatus
from noc_scheduler.background import BackgroundLoop
from noc_scheduler.dispatch import batching
from noc_scheduler.events import outbox
from noc_scheduler.runs import advance, flows, results
from noc_scheduler.store.db import claim, moment_value, seconds_after
from noc_scheduler.store.models import Execution, HostRun, Node, Step, utcnow

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

BATCH = 100


def _advance(rt: Runtime, due: list[int]) -> None:
    """After the part's transaction: advance the host runs it made due, dispatch their steps."""
    rt.enqueue_dispatch(advance.advance(rt, due))  # a failure: logged by ``tick``


def expire_leases(rt: Runtime, now: datetime) -> int:
    """Dispatched steps whose lease ran out end ``lost`` and follow failure/retry.

    Their node may still be running them: a retry waits for the kill grace on top.
    """
    due: list[int] = []
    grace = timedelta(seconds=rt.settings.kill_grace_s)
    with rt.db.connection_context(), rt.db.atomic(), outbox.collected():
        expired = list(claim(Step.select().where(Step.status == "dispatched",
                                                 Step.lease_expires_at < now)
                             .order_by(Step.lease_expires_at).limit(BATCH), rt.db))
        for step in expired:
            not_before = step.lease_expires_at + grace
            host_run_id = results.settle(step, "no result before the lease expired", now,
                                         retry_not_before=not_before)
            if host_run_id is not None:
                due.append(host_run_id)
    _advance(rt, due)
    return len(expired)


def fail_over(rt: Runtime, now: datetime) -> int:
    """Dispatched steps of nodes heard from longer than ``node_stale_s`` ago end ``lost`` now,
    instead of at the end of their lease: their policy decides a retry, which goes to another
    matching node (a down node is given nothing). Should the node come back still running one,
    it is told to cancel it (``results.heartbeat``).

    A process that started less than ``node_stale_s`` ago fails nobody over: while no scheduler
    ran, heartbeats had nowhere to go, so an old last-seen time says nothing yet.
    """
    due: list[int] = []
    if time.monotonic() - rt.started < rt.settings.node_stale_s:
        return 0
    stale_before = now - timedelta(seconds=rt.settings.node_stale_s)
    with rt.db.connection_context(), rt.db.atomic(), outbox.collected():
        down = [n.name for n in Node.select(Node.name).where(Node.last_seen_at < stale_before)]
        if not down:
            return 0
        lost = list(claim(Step.select().where(Step.status == "dispatched", Step.node.in_(down))
                          .order_by(Step.task_id).limit(BATCH), rt.db))
        for step in lost:
            host_run_id = results.settle(step, results.lost_by_heartbeat(step.node), now)
            if host_run_id is not None:
                due.append(host_run_id)
        for name in {s.node for s in lost}:
            Step.update(last_problem=results.lost_by_heartbeat(name)).where(
                Step.task_id.in_([s.task_id for s in lost if s.node == name])).execute()
    if lost:
        logger.warning("failover: %d step(s) of silent node(s) %s ended lost", len(lost),
                       ", ".join(sorted({s.node for s in lost})))
    _advance(rt, due)
    return len(lost)


def no_node_timeout(rt: Runtime, now: datetime) -> int:
    """Pending steps no node took within their timeout plus grace end ``error``."""
    due: list[int] = []
    grace = rt.settings.lease_grace_s
    with rt.db.connection_context(), rt.db.atomic(), outbox.collected():
        deadline = seconds_after(Step.created_at, Step.timeout_s + grace, rt.db)
        stale = list(claim(Step.select().where(
            Step.status == "pending", deadline < moment_value(now, rt.db))
            .order_by(Step.created_at).limit(BATCH), rt.db))
        for step in stale:
            problem = step.last_problem or "no healthy node took the task"
            host_run_id = results.settle(step, f"not dispatched in time: {problem}", now,
                                         StepStatus.error)
            if host_run_id is not None:
                due.append(host_run_id)
    _advance(rt, due)
    return len(stale)


def redispatch(rt: Runtime, now: datetime) -> int:
    """Enqueue pending steps nobody dispatched recently (after a failure or a restart), the
    longest waiting first, one queue task per group that travels together."""
    with rt.db.connection_context(), rt.db.atomic():
        due = list(claim(Step.select().where(
            Step.status == "pending", Step.next_attempt_at <= now)
            .order_by(Step.next_attempt_at).limit(BATCH), rt.db))
        if due:
            Step.update(next_attempt_at=now + timedelta(seconds=flows.REDISPATCH_AFTER_S)).where(
                Step.task_id.in_([s.task_id for s in due])).execute()
    rt.enqueue_dispatch(batching.to_enqueue(due, rt.settings.batching))
    return len(due)


def wake(rt: Runtime, now: datetime) -> int:
    """Host runs whose wait or retry delay is over are marked due, then advanced."""
    with rt.db.connection_context(), rt.db.atomic():
        due = [r.id for r in claim(HostRun.select(HostRun.id).join(Execution).where(
            HostRun.status == str(HostRunStatus.running), HostRun.wake_at <= now,
            HostRun.advance.is_null(), Execution.status == str(ExecutionStatus.running))
            .limit(BATCH), rt.db)]
        for host_run_id in due:
            advance.mark_due(host_run_id, advance.trigger(advance.RESUME), now)
        if due:
            HostRun.update(wake_at=None).where(HostRun.id.in_(due)).execute()
    _advance(rt, due)
    return len(due)


def tick(rt: Runtime) -> None:
    """One pass over every kind of due work; a failing part is logged, the rest still run."""
    parts: list[Callable[[Runtime, datetime], int]] = [
        fail_over, expire_leases, no_node_timeout, redispatch, wake, advance.redo_due]
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
