"""Operator actions on a stored schedule: pause, resume, preview its next fire times, delete."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from noc_contracts import ErrorCode, ErrorDetail, SchedulePreview, ScheduleStatus
from noc_scheduler.core.errors import ApiError
from noc_scheduler.schedules.fire_start import mark_waiting_missed
from noc_scheduler.schedules.times import aware, cron_of, naive, next_in_window
from noc_scheduler.store.db import lock
from noc_scheduler.store.models import Schedule
from noc_scheduler.timing import preview as cron_preview

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

PAUSED = "paused: the schedule was paused before this fire could start"


def get_row(rt: Runtime, schedule_id: int, *, for_update: bool = False) -> Schedule:
    """The schedule, or 404; ``for_update`` locks it (inside a transaction)."""
    query = Schedule.select().where(Schedule.id == schedule_id)
    row: Schedule | None = (lock(query, rt.db) if for_update else query).first()
    if row is None:
        raise ApiError(404, ErrorCode.not_found, f"no schedule {schedule_id}")
    return row


def _conflict(row: Schedule, action: str) -> ApiError:
    needed = "an active" if action == "pause" else "a paused"
    message = f"schedule {row.id} is {row.status}; only {needed} schedule can be {action}d"
    return ApiError(409, ErrorCode.conflict, message,
                    [ErrorDetail(field="status", message=message)])


def pause(rt: Runtime, schedule_id: int) -> Schedule:
    """Stop firing; fires already waiting to start are recorded as missed."""
    with rt.db.connection_context(), rt.db.atomic():
        row = get_row(rt, schedule_id, for_update=True)
        if row.status == ScheduleStatus.paused:
            return row
        if row.status != ScheduleStatus.active:
            raise _conflict(row, "pause")
        row.status = str(ScheduleStatus.paused)
        row.save()
        mark_waiting_missed(row, PAUSED)
    logger.info("schedule %d paused", schedule_id)
    return row


def resume(rt: Runtime, schedule_id: int) -> Schedule:
    """Fire again; fire times that passed while paused follow the missed-run policy."""
    with rt.db.connection_context(), rt.db.atomic():
        row = get_row(rt, schedule_id, for_update=True)
        if row.status == ScheduleStatus.active:
            return row
        if row.status != ScheduleStatus.paused:
            raise _conflict(row, "resume")
        row.status = str(ScheduleStatus.active)
        cursor = aware(row.fired_through) or aware(row.created_at)
        assert cursor is not None
        if row.cron:  # due at once when fires were missed: the planner applies the policy
            following = next_in_window(row, cursor)
            row.next_fire_at = naive(following) if following is not None else naive(cursor)
        row.save()
    rt.schedules_changed.set()
    logger.info("schedule %d resumed", schedule_id)
    return row


def preview(rt: Runtime, schedule_id: int, count: int) -> SchedulePreview:
    """The next ``count`` fire times (a paused schedule: those it would have if resumed now)."""
    with rt.db.connection_context():
        row = get_row(rt, schedule_id)
    times: list[datetime] = []
    if row.status != ScheduleStatus.done:
        now = rt.clock.now()
        if row.cron:
            spec, zone = cron_of(row)
            times = cron_preview(spec, zone, now, count, aware(row.start_at), aware(row.end_at))
        elif row.next_fire_at is not None and count:
            times = [row.next_fire_at.replace(tzinfo=UTC)]
    return SchedulePreview(schedule_id=row.id, fire_times=times)


def delete(rt: Runtime, schedule_id: int) -> None:
    """Remove the schedule and its waiting fires (runs already started carry on)."""
    with rt.db.connection_context(), rt.db.atomic():
        get_row(rt, schedule_id, for_update=True).delete_instance(recursive=True)
    logger.info("schedule %d deleted", schedule_id)
