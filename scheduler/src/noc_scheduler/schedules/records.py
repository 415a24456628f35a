"""Schedules: validate and store them (now, ``at``, or cron in a time zone); a run for now
starts its execution at once. Firing later is ``firing`` (plan) and ``fire_start`` (run)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from noc_contracts import (
    ErrorCode,
    ErrorDetail,
    ResolveRequest,
    ScheduleCreate,
    ScheduleInfo,
    ScheduleStatus,
    Target,
    mask_secret_values,
    validate_graph,
)
from noc_scheduler.core.errors import ApiError, BackendError
from noc_scheduler.runs.advance import advance_now
from noc_scheduler.runs.executions import create_execution
from noc_scheduler.schedules.times import aware, initial_cursor, naive, next_in_window
from noc_scheduler.store.models import Schedule, utcnow
from noc_scheduler.timing import validate_schedule

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

MAX_ID = 2**31 - 1  # an integer column (PostgreSQL ``integer``)
MAX_NAME = 255
#: An ``at`` this close to the past is still accepted (the backend checked it a moment ago).
AT_TOLERANCE = timedelta(seconds=5)


def info(row: Schedule) -> ScheduleInfo:
    """A schedule as the API answers it: the launch vars with secret-looking values masked (the
    row keeps them to fire with; they are never sent back)."""
    return ScheduleInfo(
        id=row.id, procedure_id=row.procedure_id, target=Target.model_validate(row.target),
        at=aware(row.at), cron=row.cron, timezone=row.timezone,
        vars=mask_secret_values(row.vars or {}),
        check_mode=row.check_mode, status=ScheduleStatus(row.status),
        next_fire_at=aware(row.next_fire_at), created_at=aware(row.created_at),
        created_by=row.created_by, execution_id=row.execution_id,
        start=aware(row.start_at), end=aware(row.end_at), missed_policy=row.missed_policy,
        catch_up_max=row.catch_up_max, overlap_policy=row.overlap_policy,
        last_fired_at=aware(row.last_fired_at))


def check_timing(body: ScheduleCreate, now: datetime) -> None:
    """422 naming every bad timing field (the same rules as the backend's)."""
    problems = validate_schedule(body.at, body.cron, body.timezone, body.start, body.end,
                                 now - AT_TOLERANCE)
    if problems:
        raise ApiError(422, ErrorCode.validation_error, "the schedule's timing is invalid",
                       [ErrorDetail(field=field, message=message) for field, message in problems])


def check_fits(body: ScheduleCreate) -> None:
    """422 for values no column can hold (never a database error, never a half-written row)."""
    problems = []
    if not 1 <= body.procedure_id <= MAX_ID:
        problems.append(ErrorDetail(field="procedure_id",
                                    message=f"must be between 1 and {MAX_ID}"))
    if len(body.created_by) > MAX_NAME:
        problems.append(ErrorDetail(field="created_by",
                                    message=f"at most {MAX_NAME} characters"))
    if problems:
        raise ApiError(422, ErrorCode.validation_error, "the schedule is invalid", problems)


def create(rt: Runtime, body: ScheduleCreate) -> ScheduleInfo:
    """Store a schedule; a run for now (no ``at``, no ``cron``) starts its execution at once."""
    now = rt.clock.now()
    check_fits(body)
    check_timing(body, now)
    fields: dict[str, Any] = {
        "procedure_id": body.procedure_id,
        "target": body.target.model_dump(mode="json", exclude_none=True),
        "timezone": body.timezone, "vars": body.vars, "check_mode": body.check_mode,
        "created_by": body.created_by, "created_at": naive(now),
        "start_at": naive(body.start) if body.start else None,
        "end_at": naive(body.end) if body.end else None,
        "missed_policy": body.missed_policy, "catch_up_max": body.catch_up_max,
        "overlap_policy": body.overlap_policy}
    if body.cron is None and body.at is None:
        return _run_now(rt, body, fields, now)
    row = Schedule(status=str(ScheduleStatus.active), **fields)
    if body.at is not None:
        row.at = row.next_fire_at = naive(body.at)
        row.fired_through = naive(now)
    else:
        row.cron = " ".join(body.cron.split()) if body.cron else None
        cursor = initial_cursor(body.start, now)
        first = next_in_window(row, cursor)
        if first is None:  # validate_schedule already refuses this; keep the row consistent
            raise ApiError(422, ErrorCode.validation_error, "the schedule never fires",
                           [ErrorDetail(field="cron", message="never fires in its window")])
        row.fired_through, row.next_fire_at = naive(cursor), naive(first)
    with rt.db.connection_context(), rt.db.atomic():
        row.save(force_insert=True)
    rt.schedules_changed.set()
    logger.info("schedule %d created by %s, first fire %s", row.id, row.created_by,
                row.next_fire_at)
    return info(row)


def _run_now(rt: Runtime, body: ScheduleCreate, fields: dict[str, Any],
             now: datetime) -> ScheduleInfo:
    try:
        run = rt.backend.resolve(ResolveRequest(procedure_id=body.procedure_id,
                                                target=body.target))
    except BackendError as exc:
        if exc.status is not None:
            raise ApiError(exc.status, ErrorCode.backend_refused, str(exc), exc.details) from exc
        raise ApiError(502, ErrorCode.backend_unavailable, str(exc)) from exc
    problems = validate_graph(run.graph)
    if problems:
        raise ApiError(422, ErrorCode.invalid_graph, "the procedure's graph cannot run", problems)
    with rt.db.connection_context(), rt.db.atomic():
        row = Schedule.create(status=str(ScheduleStatus.done), last_fired_at=naive(now),
                              **fields)
        execution, due = create_execution(
            rt.box, run, schedule_id=row.id, run_vars=body.vars, check_mode=body.check_mode,
            now=utcnow(), launched_by=body.created_by, target=fields["target"])
        row.execution_id = execution.id
        row.save()
    advance_now(rt, due)  # evaluated after the commit, outside it
    return info(row)
