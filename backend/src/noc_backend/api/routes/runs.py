"""``POST /procedures/{id}/runs``: launch or schedule a procedure through the scheduler."""

from __future__ import annotations

from fastapi import APIRouter

from noc_backend.api.deps import IdPath, RunsWrite, ServicesDep
from noc_backend.services import runs
from noc_contracts import RunRequest, ScheduleInfo

router = APIRouter(tags=["runs"])


@router.post("/procedures/{procedure_id}/runs", response_model=ScheduleInfo, status_code=201)
def start_run(procedure_id: IdPath, body: RunRequest, services: ServicesDep,
              actor: RunsWrite) -> ScheduleInfo:
    """Schedule a run (now when neither ``at`` nor ``cron`` is given: see ``execution_id``)."""
    return runs.start_run(procedure_id=procedure_id, request=body, actor=actor,
                          scheduler=services.scheduler)
