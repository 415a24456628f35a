"""``POST /procedures/{id}/runs``: launch or schedule a procedure through the scheduler;
``.../runs/preview``: when such a run would fire, before saving it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from noc_backend.api.deps import IdPath, RunsWrite, SchedulesRead, ServicesDep
from noc_backend.services import runs
from noc_contracts import RunRequest, ScheduleInfo, SchedulePreview

router = APIRouter(tags=["runs"])


@router.post("/procedures/{procedure_id}/runs", response_model=ScheduleInfo, status_code=201)
def start_run(procedure_id: IdPath, body: RunRequest, services: ServicesDep,
              actor: RunsWrite) -> ScheduleInfo:
    """Schedule a run (now when neither ``at`` nor ``cron`` is given: see ``execution_id``)."""
    return runs.start_run(procedure_id=procedure_id, request=body, actor=actor,
                          scheduler=services.scheduler)


@router.post("/procedures/{procedure_id}/runs/preview", response_model=SchedulePreview)
def preview_run(procedure_id: IdPath, body: RunRequest, services: ServicesDep,
                actor: SchedulesRead,
                count: Annotated[int, Query(ge=1, le=1_000)] = 5) -> SchedulePreview:
    """The next ``count`` fire times (UTC) the scheduler computes for ``body`` (the body of
    ``POST .../runs``) before it is saved; nothing is stored. A cron answers the times inside
    its [start, end] window (fewer when it closes first), an ``at`` its one time, and a run for
    now (no ``at``, no ``cron``) the one time now. ``schedule_id`` is 0: no schedule exists.
    A bad ``cron``, ``timezone``, ``at`` or window is a 422 naming the field.

    Permission ``schedules:read``: a preview changes nothing and tells only what any schedule
    reader may compute, so a viewer may use it (the run dialog shows it before saving)."""
    return runs.preview_run(procedure_id=procedure_id, request=body, actor=actor,
                            scheduler=services.scheduler, count=count)
