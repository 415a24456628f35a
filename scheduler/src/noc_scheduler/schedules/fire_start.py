"""Start pending fires: apply the overlap policy, resolve the target (its group and the
procedure's current version, at fire time), and create the execution.

A pending fire is claimed for a short real-time lease before the backend is called; it turns
``started`` only in the transaction that creates its execution, under a row lock, so a fire
runs at most once even when two processes (or a crashed one's successor) try it.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from noc_contracts import ExecutionStatus, ResolveRequest, Target, validate_graph
from noc_scheduler.core.errors import BackendError
from noc_scheduler.runs.advance import advance_now
from noc_scheduler.runs.executions import create_execution
from noc_scheduler.schedules.firing import emit_missed
from noc_scheduler.store.db import claim
from noc_scheduler.store.models import Execution, Schedule, ScheduleFire, utcnow

if TYPE_CHECKING:
    from noc_contracts import ResolvedRun
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

BATCH = 200
#: Real-time lease on a pending fire while one process resolves and starts it.
CLAIM_S = 30.0
#: A fire waiting for the previous run (overlap ``queue``, or catch-up) looks again after this.
WAIT_POLL_S = 1.0
#: A fire whose backend was unreachable is tried again after this.
RETRY_S = 5.0


def start_pending(rt: Runtime) -> int:
    """Claim the pending fires nobody holds and try to start each; returns how many started."""
    db, now = rt.db, utcnow()
    with db.connection_context(), db.atomic():
        fires = list(claim(ScheduleFire.select().where(
            ScheduleFire.status == "pending",
            ScheduleFire.claimed_until.is_null() | (ScheduleFire.claimed_until <= now))
            .order_by(ScheduleFire.fire_time, ScheduleFire.id).limit(BATCH), db))
        if fires:
            ScheduleFire.update(claimed_until=now + timedelta(seconds=CLAIM_S)).where(
                ScheduleFire.id.in_([f.id for f in fires])).execute()
    started = 0
    for fire in fires:
        try:
            started += start_fire(rt, fire.id)
        except Exception:
            logger.exception("fire %d could not be started; will retry", fire.id)
    return started


def _blocked(schedule: Schedule, fire: ScheduleFire) -> bool:
    """A run of this schedule is still going, or an older fire of it is still waiting."""
    running = Execution.select().where(Execution.schedule_id == schedule.id,
                                       Execution.status == str(ExecutionStatus.running)).exists()
    return running or ScheduleFire.select().where(
        ScheduleFire.schedule == schedule.id, ScheduleFire.status == "pending",
        ScheduleFire.fire_time < fire.fire_time).exists()


def _overlap(rt: Runtime, schedule: Schedule, fire: ScheduleFire) -> bool:
    """Apply the overlap policy; True when the fire may start now."""
    policy = schedule.overlap_policy
    if policy == "allow" or not _blocked(schedule, fire):
        return True
    if policy == "skip" and not fire.catch_up:
        _miss(rt, fire.id, "overlap: the previous run of this schedule was still going")
        return False
    waiting = ScheduleFire.select().where(
        ScheduleFire.schedule == schedule.id, ScheduleFire.status == "pending",
        ScheduleFire.catch_up == False, ScheduleFire.id != fire.id).exists()  # noqa: E712
    if policy == "queue" and not fire.catch_up and waiting:
        _miss(rt, fire.id, "overlap: a run of this schedule was already queued")
        return False
    _hold(rt, fire.id, WAIT_POLL_S)
    return False


def start_fire(rt: Runtime, fire_id: int) -> int:
    """Try one claimed fire; 1 when it started an execution."""
    with rt.db.connection_context():
        fire = ScheduleFire.get_or_none(ScheduleFire.id == fire_id)
        if fire is None or fire.status != "pending":
            return 0
        schedule: Schedule = fire.schedule
        if not _overlap(rt, schedule, fire):
            return 0
        target = Target.model_validate(schedule.target)
        procedure_id, run_vars, check = schedule.procedure_id, schedule.vars or {}, \
            schedule.check_mode
        launched_by = schedule.created_by
    try:
        run: ResolvedRun = rt.backend.resolve(ResolveRequest(procedure_id=procedure_id,
                                                             target=target))
    except BackendError as exc:
        if exc.status is None:
            logger.warning("fire %d: %s; retrying", fire_id, exc)
            _hold(rt, fire_id, RETRY_S)
        else:
            _miss(rt, fire_id, f"the target could not be resolved: {exc}")
        return 0
    problems = validate_graph(run.graph)
    if problems:
        _miss(rt, fire_id, "the procedure's graph cannot run: "
              + "; ".join(p.message for p in problems))
        return 0
    with rt.db.connection_context(), rt.db.atomic():
        fire = claim(ScheduleFire.select().where(ScheduleFire.id == fire_id,
                                                 ScheduleFire.status == "pending"),
                     rt.db).first()
        if fire is None:
            return 0
        now = utcnow()
        execution, due = create_execution(rt.box, run, schedule_id=schedule.id,
                                          run_vars=run_vars, check_mode=check, now=now,
                                          launched_by=launched_by, target=schedule.target)
        fire.status, fire.execution_id, fire.claimed_until = "started", execution.id, None
        fire.save()
        Schedule.update(last_fired_at=fire.fire_time, execution_id=execution.id).where(
            Schedule.id == schedule.id).execute()
    advance_now(rt, due)  # evaluated after the commit, outside it
    logger.info("schedule %d fired (%s): execution %s", schedule.id, fire.fire_time,
                execution.id)
    return 1


def _hold(rt: Runtime, fire_id: int, seconds: float) -> None:
    with rt.db.connection_context(), rt.db.atomic():
        ScheduleFire.update(claimed_until=utcnow() + timedelta(seconds=seconds)).where(
            ScheduleFire.id == fire_id, ScheduleFire.status == "pending").execute()


def _miss(rt: Runtime, fire_id: int, reason: str) -> None:
    with rt.db.connection_context(), rt.db.atomic():
        fire = claim(ScheduleFire.select().where(ScheduleFire.id == fire_id,
                                                 ScheduleFire.status == "pending"),
                     rt.db).first()
        if fire is None:
            return
        fire.status, fire.reason, fire.claimed_until = "missed", reason, None
        fire.save()
        emit_missed(fire.schedule, fire, reason)


def mark_waiting_missed(schedule: Schedule, reason: str) -> int:
    """Inside a transaction: every pending fire of ``schedule`` becomes ``missed``."""
    count = 0
    for fire in ScheduleFire.select().where(ScheduleFire.schedule == schedule.id,
                                            ScheduleFire.status == "pending"):
        fire.status, fire.reason, fire.claimed_until = "missed", reason, None
        fire.save()
        emit_missed(schedule, fire, reason)
        count += 1
    return count
