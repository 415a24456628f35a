"""Launching a procedure: check the target here, then hand a schedule to the scheduler."""

from __future__ import annotations

import logging
from typing import Any

from noc_backend.auth.actor import Actor
from noc_backend.core.db import database_proxy as db
from noc_backend.models import Execution, Procedure, utcnow
from noc_backend.scheduler_client import SchedulerClient
from noc_backend.services import audit, schedules
from noc_backend.services.procedures import get_row as get_procedure_row
from noc_backend.services.run_timing import check_run_timing
from noc_backend.services.targets import target_hosts
from noc_contracts import RunRequest, ScheduleCreate, ScheduleInfo, SchedulePreview
from noc_contracts.masking import mask_secret_values

logger = logging.getLogger(__name__)


def start_run(*, procedure_id: int, request: RunRequest, actor: Actor,
              scheduler: SchedulerClient) -> ScheduleInfo:
    """Validate, schedule, and record (with its audit entry) the execution or the schedule.

    No transaction is held while the scheduler is called: it calls back to resolve the target.
    """
    with db.connection_context():
        procedure, schedule = _checked_schedule(procedure_id, request, actor)
        hosts_total = len(target_hosts(request.target))
    info = scheduler.create_schedule(schedule)
    logger.info("procedure %d scheduled by %s as schedule %d (execution %s)",
                procedure_id, actor.username, info.id, info.execution_id)
    launch = launch_record(request, launched_by=actor.username, schedule_id=info.id)
    details = {"procedure_id": procedure.id, "procedure_version": procedure.current_version,
               **launch}
    with db.connection_context(), db.atomic():
        if info.execution_id:
            record_execution(execution_id=info.execution_id, procedure=procedure,
                             hosts_total=hosts_total, launch=launch)
            audit.record(actor, "execution.launch", target_type="execution",
                         target_id=info.execution_id, target_name=procedure.name,
                         details=details)
        else:
            audit.record(actor, "schedule.create", target_type="schedule", target_id=info.id,
                         target_name=procedure.name,
                         details={**details, "at": info.at.isoformat() if info.at else None,
                                  "cron": info.cron, "timezone": info.timezone})
    return schedules.public(info)


def preview_run(*, procedure_id: int, request: RunRequest, actor: Actor,
                scheduler: SchedulerClient, count: int) -> SchedulePreview:
    """When ``request`` would fire if saved now, computed by the scheduler (nothing is stored,
    nothing audited). The target is not resolved: a preview is about timing only."""
    with db.connection_context():
        _, schedule = _checked_schedule(procedure_id, request, actor)
    return scheduler.preview_schedule(schedule, count)


def _checked_schedule(procedure_id: int, request: RunRequest,
                      actor: Actor) -> tuple[Procedure, ScheduleCreate]:
    """The procedure (404 when unknown) and the schedule ``request`` asks the scheduler for,
    its timing checked here first (422 naming each bad field)."""
    procedure = get_procedure_row(procedure_id)
    check_run_timing(request)
    return procedure, ScheduleCreate(**request.model_dump(exclude={"target"}),
                                     target=request.target, created_by=actor.username,
                                     procedure_id=procedure_id)


def launch_record(request: RunRequest, *, launched_by: str,
                  schedule_id: int) -> dict[str, Any]:
    """The execution's launch columns: who, the target, masked vars, dry run, the schedule."""
    return {"launched_by": launched_by, "target": request.target.model_dump(exclude_none=True),
            "vars": mask_secret_values(request.vars), "dry_run": request.check_mode,
            "schedule_id": schedule_id}


def record_execution(*, execution_id: str, procedure: Procedure, hosts_total: int,
                     launch: dict[str, Any]) -> None:
    """Create the execution row unless the scheduler's events already did (then add the
    launch columns to it)."""
    inserted = (Execution.insert(id=execution_id, procedure_id=procedure.id,
                                 procedure_name=procedure.name,
                                 procedure_version=procedure.current_version,
                                 status="running", started_at=utcnow(),
                                 hosts_total=hosts_total, **launch)
                .on_conflict_ignore().as_rowcount().execute())
    if not inserted:
        Execution.update(**launch).where(Execution.id == execution_id).execute()
