"""Schedules: store them, and fire one (now, or when its ``at`` comes) into an execution."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from noc_contracts import (
    ErrorDetail,
    ResolveRequest,
    ScheduleCreate,
    ScheduleInfo,
    ScheduleStatus,
    Target,
    validate_graph,
)
from noc_scheduler import expressions
from noc_scheduler.core.errors import ApiError, BackendError
from noc_scheduler.db import claim
from noc_scheduler.executions import create_execution
from noc_scheduler.models import Schedule, utcnow

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

#: While a due schedule is being fired, others leave it alone for this long.
FIRE_LEASE_S = 60.0
#: Retry a schedule whose backend was unreachable after this long.
FIRE_RETRY_S = 10.0


def to_utc(at: datetime, timezone: str | None) -> datetime:
    """Naive UTC; a naive ``at`` is read in ``timezone`` (default UTC)."""
    if at.tzinfo is None:
        try:
            tz = ZoneInfo(timezone) if timezone else UTC
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ApiError(422, "validation_error", "unknown timezone",
                           [ErrorDetail(field="timezone",
                                        message=f"unknown timezone '{timezone}'")]) from exc
        at = at.replace(tzinfo=tz)
    return at.astimezone(UTC).replace(tzinfo=None)


def _aware(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)


def info(row: Schedule) -> ScheduleInfo:
    return ScheduleInfo(
        id=row.id, procedure_id=row.procedure_id, target=Target.model_validate(row.target),
        at=_aware(row.at), cron=row.cron, timezone=row.timezone, vars=row.vars or {},
        check_mode=row.check_mode, status=ScheduleStatus(row.status),
        next_fire_at=_aware(row.next_fire_at), created_at=_aware(row.created_at) or row.created_at,
        created_by=row.created_by, execution_id=row.execution_id)


def create(rt: Runtime, body: ScheduleCreate) -> ScheduleInfo:
    """Store a schedule; a run for now (or a past ``at``) starts its execution at once."""
    if body.cron:
        raise ApiError(422, "validation_error", "cron schedules are not supported yet",
                       [ErrorDetail(field="cron", message="cron schedules are not supported yet")])
    now = utcnow()
    at = to_utc(body.at, body.timezone) if body.at else None
    fields = {"procedure_id": body.procedure_id,
              "target": body.target.model_dump(mode="json", exclude_none=True),
              "at": at, "timezone": body.timezone, "vars": body.vars,
              "check_mode": body.check_mode, "created_by": body.created_by, "created_at": now}
    if at is not None and at > now:
        with rt.db.connection_context(), rt.db.atomic():
            row = Schedule.create(status=str(ScheduleStatus.active), next_fire_at=at, **fields)
        return info(row)
    try:
        run = rt.backend.resolve(ResolveRequest(procedure_id=body.procedure_id,
                                                target=body.target))
    except BackendError as exc:
        if exc.status is not None:
            raise ApiError(exc.status, "backend_refused", str(exc), exc.details) from exc
        raise ApiError(502, "backend_unavailable", str(exc)) from exc
    problems = validate_graph(run.graph, expressions.check)
    if problems:
        raise ApiError(422, "invalid_graph", "the procedure's graph cannot run", problems)
    with rt.db.connection_context(), rt.db.atomic():
        row = Schedule.create(status=str(ScheduleStatus.done), **fields)
        execution, new = create_execution(rt.box, run, schedule_id=row.id, run_vars=body.vars,
                                          check_mode=body.check_mode, now=now)
        row.execution_id = execution.id
        row.save()
    rt.enqueue_dispatch(new)
    return info(row)


def fire_due(rt: Runtime, now: datetime) -> int:
    """Fire every active schedule whose time has come; returns how many started a run."""
    db, fired = rt.db, 0
    with db.connection_context():
        with db.atomic():
            due = list(claim(Schedule.select().where(
                Schedule.status == str(ScheduleStatus.active),
                Schedule.next_fire_at <= now).order_by(Schedule.next_fire_at).limit(20), db))
            for row in due:  # take a short lease so another process skips them
                row.next_fire_at = now + timedelta(seconds=FIRE_LEASE_S)
                row.save()
        for row in due:
            fired += _fire(rt, row, now)
    return fired


def _fire(rt: Runtime, row: Schedule, now: datetime) -> int:
    target = Target.model_validate(row.target)
    try:
        run = rt.backend.resolve(ResolveRequest(procedure_id=row.procedure_id, target=target))
        problems = validate_graph(run.graph, expressions.check)
        error = "; ".join(p.message for p in problems) if problems else None
    except BackendError as exc:
        if exc.status is None:
            logger.warning("schedule %s: %s; retrying", row.id, exc)
            with rt.db.atomic():
                row.next_fire_at = now + timedelta(seconds=FIRE_RETRY_S)
                row.save()
            return 0
        run, error = None, str(exc)
    new: list[str] = []
    with rt.db.atomic():
        row.status = str(ScheduleStatus.done)
        row.next_fire_at = None
        if run is None or error:
            logger.error("schedule %s could not run: %s", row.id, error)
            row.last_error = error
        else:
            execution, new = create_execution(rt.box, run, schedule_id=row.id,
                                              run_vars=row.vars or {},
                                              check_mode=row.check_mode, now=now)
            row.execution_id = execution.id
        row.save()
    rt.enqueue_dispatch(new)
    return 1 if new or row.execution_id else 0
