"""Launching a procedure: check the target here, then hand a schedule to the scheduler."""

from __future__ import annotations

import logging

from noc_backend.core.db import database_proxy as db
from noc_backend.models import Execution, Procedure, utcnow
from noc_backend.scheduler_client import SchedulerClient
from noc_backend.services.procedures import get_row as get_procedure_row
from noc_backend.services.run_timing import check_run_timing
from noc_backend.services.targets import target_hosts
from noc_contracts import RunRequest, ScheduleCreate, ScheduleInfo

logger = logging.getLogger(__name__)


def start_run(*, procedure_id: int, request: RunRequest, user: str,
              scheduler: SchedulerClient) -> ScheduleInfo:
    """Validate, schedule, and record the execution the scheduler started (if it started one).

    No transaction is held while the scheduler is called: it calls back to resolve the target.
    """
    with db.connection_context():
        procedure = get_procedure_row(procedure_id)
        check_run_timing(request)
        hosts_total = len(target_hosts(request.target))
    info = scheduler.create_schedule(ScheduleCreate(
        **request.model_dump(exclude={"target"}), target=request.target, created_by=user,
        procedure_id=procedure_id))
    logger.info("procedure %d scheduled by %s as schedule %d (execution %s)",
                procedure_id, user, info.id, info.execution_id)
    if info.execution_id:
        with db.connection_context(), db.atomic():
            record_execution(execution_id=info.execution_id, procedure=procedure,
                             hosts_total=hosts_total)
    return info


def record_execution(*, execution_id: str, procedure: Procedure, hosts_total: int) -> None:
    """Create the execution row unless the scheduler's events already did."""
    (Execution.insert(id=execution_id, procedure_id=procedure.id,
                      procedure_name=procedure.name,
                      procedure_version=procedure.current_version, status="running",
                      started_at=utcnow(), hosts_total=hosts_total)
     .on_conflict_ignore().execute())
