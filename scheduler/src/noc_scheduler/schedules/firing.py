"""Plan due schedules: claim each due row, record its fire times (to run, or ``missed`` by its
missed-run policy) and advance ``next_fire_at``, all in one transaction. On PostgreSQL the row
is claimed with ``FOR UPDATE SKIP LOCKED`` (SQLite: ``BEGIN IMMEDIATE``), and fire rows are
unique per (schedule, fire time), so two scheduler processes never plan a fire twice.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from peewee import fn

from noc_contracts import EventType, ScheduleStatus
from noc_scheduler.events.outbox import emit
from noc_scheduler.schedules.times import aware, cron_of, naive, next_in_window
from noc_scheduler.store.db import claim
from noc_scheduler.store.models import Schedule, ScheduleFire
from noc_scheduler.timing import plan_missed, plan_missed_at
from noc_scheduler.timing.missed import DEFAULT_GRACE

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

BATCH = 200
LATE = "late: the fire time passed while the scheduler was down or the schedule was paused"


def plan_due(rt: Runtime, now: datetime) -> int:
    """Plan every active schedule due at ``now`` (aware); returns how many were claimed."""
    db = rt.db
    with db.connection_context(), db.atomic():
        due = list(claim(Schedule.select().where(
            Schedule.status == str(ScheduleStatus.active),
            Schedule.next_fire_at <= naive(now)).order_by(Schedule.next_fire_at).limit(BATCH),
            db))
        for row in due:
            plan_schedule(row, now)
    return len(due)


def plan_schedule(row: Schedule, now: datetime) -> None:
    """Inside the claiming transaction: fire rows for (fired_through, now], then advance."""
    last = aware(row.fired_through) or aware(row.created_at)
    assert last is not None
    if row.cron:
        spec, zone = cron_of(row)
        plan = plan_missed(spec, zone, last, now, row.missed_policy, end=aware(row.end_at),
                           max_catch_up=row.catch_up_max)
        following = next_in_window(row, now)
    else:
        at = aware(row.at)
        assert at is not None
        plan = plan_missed_at(at, now, row.missed_policy)
        following = None
    catch_up = row.missed_policy == "catch_up"
    for fire_time in plan.run:
        add_fire(row, fire_time, "pending", catch_up=catch_up and now - fire_time > DEFAULT_GRACE)
    for fire_time in plan.missed:
        record_missed(row, fire_time, f"{LATE} (missed_policy {row.missed_policy})")
    if plan.truncated:
        logger.warning("schedule %d: older missed fire times than the %d listed were dropped",
                       row.id, len(plan.missed))
    row.fired_through = naive(now)
    row.next_fire_at = naive(following) if following is not None else None
    if following is None:
        row.status = str(ScheduleStatus.done)
    row.save()


def add_fire(row: Schedule, fire_time: datetime, status: str, *, catch_up: bool = False,
             reason: str | None = None) -> bool:
    """Insert one fire row; False when that fire time was already recorded (never twice)."""
    inserted: int = (ScheduleFire.insert(
        schedule=row.id, fire_time=naive(fire_time), status=status, catch_up=catch_up,
        reason=reason, execution_id=uuid.uuid4().hex)
        .on_conflict_ignore().as_rowcount().execute())
    return inserted > 0


def record_missed(row: Schedule, fire_time: datetime, reason: str) -> None:
    """A fire that will not run: a ``missed`` fire row and a ``fire_missed`` event."""
    if not add_fire(row, fire_time, "missed", reason=reason):
        return
    fire = ScheduleFire.get((ScheduleFire.schedule == row.id)
                            & (ScheduleFire.fire_time == naive(fire_time)))
    emit_missed(row, fire, reason)


def emit_missed(row: Schedule, fire: ScheduleFire, reason: str) -> None:
    """The ``fire_missed`` event of a fire row (its ``execution_id`` names the record)."""
    logger.info("schedule %d: fire at %s missed: %s", row.id, fire.fire_time, reason)
    emit(fire.execution_id, EventType.fire_missed, fire.fire_time, data={
        "schedule_id": row.id, "procedure_id": row.procedure_id,
        "fire_time": fire.fire_time.replace(tzinfo=UTC).isoformat(),
        "reason": reason})


def next_due(rt: Runtime) -> datetime | None:
    """The earliest ``next_fire_at`` (aware) of the active schedules."""
    with rt.db.connection_context():
        value = (Schedule.select(fn.MIN(Schedule.next_fire_at))
                 .where(Schedule.status == str(ScheduleStatus.active)).scalar())
    if isinstance(value, str):  # SQLite aggregates come back as text
        value = datetime.fromisoformat(value)
    return aware(value)
