"""``/schedules``: what will run when (proxied to the scheduler, which owns schedules)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from noc_backend.api.deps import (
    IdPath,
    Limit,
    Offset,
    SchedulesRead,
    SchedulesWrite,
    ServicesDep,
)
from noc_backend.services import schedules
from noc_contracts import ScheduleInfo, SchedulePreview, ScheduleStatus
from noc_contracts.api import SchedulesPublic

router = APIRouter(tags=["schedules"])

Count = Annotated[int, Query(ge=1, le=1_000)]


@router.get("/schedules", response_model=SchedulesPublic)
def list_schedules(services: ServicesDep, _: SchedulesRead, limit: Limit = 100, offset: Offset = 0,
                   procedure: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
                   status: ScheduleStatus | None = None) -> SchedulesPublic:
    """Schedules, newest first, with status and next fire time; filter by procedure, status."""
    found = schedules.list_schedules(scheduler=services.scheduler,
                                     statuses=() if status is None else (status,))
    rows = [s for s in found if procedure is None or s.procedure_id == procedure]
    return SchedulesPublic(data=rows[offset:offset + limit], count=len(rows))


@router.get("/schedules/{schedule_id}", response_model=ScheduleInfo)
def get_schedule(schedule_id: IdPath, services: ServicesDep, _: SchedulesRead) -> ScheduleInfo:
    return schedules.get_schedule(scheduler=services.scheduler, schedule_id=schedule_id)


@router.post("/schedules/{schedule_id}/pause", response_model=ScheduleInfo)
def pause_schedule(schedule_id: IdPath, services: ServicesDep,
                   actor: SchedulesWrite) -> ScheduleInfo:
    """Stop firing until resumed; fires waiting to start are recorded as missed."""
    return schedules.set_paused(scheduler=services.scheduler, schedule_id=schedule_id,
                                paused=True, actor=actor)


@router.post("/schedules/{schedule_id}/resume", response_model=ScheduleInfo)
def resume_schedule(schedule_id: IdPath, services: ServicesDep,
                    actor: SchedulesWrite) -> ScheduleInfo:
    """Fire again; fire times passed while paused follow the schedule's missed_policy."""
    return schedules.set_paused(scheduler=services.scheduler, schedule_id=schedule_id,
                                paused=False, actor=actor)


@router.get("/schedules/{schedule_id}/preview", response_model=SchedulePreview)
def preview_schedule(schedule_id: IdPath, services: ServicesDep, _: SchedulesRead,
                     count: Count = 10) -> SchedulePreview:
    """The next ``count`` fire times (UTC) inside the schedule's window."""
    return schedules.preview(scheduler=services.scheduler, schedule_id=schedule_id,
                             count=count)


@router.delete("/schedules/{schedule_id}", status_code=204)
def delete_schedule(schedule_id: IdPath, services: ServicesDep,
                    actor: SchedulesWrite) -> Response:
    """Remove the schedule; runs already started carry on."""
    schedules.delete_schedule(scheduler=services.scheduler, schedule_id=schedule_id,
                              actor=actor)
    return Response(status_code=204)
