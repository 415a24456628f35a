"""``/schedules``: what will run when (proxied to the scheduler, which owns schedules)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from noc_backend.api.deps import CurrentUser, IdPath, Limit, Offset, ServicesDep
from noc_backend.services import schedules
from noc_contracts import ScheduleInfo, SchedulePreview, ScheduleStatus

router = APIRouter(tags=["schedules"])

Count = Annotated[int, Query(ge=1, le=1_000)]


class SchedulesPublic(BaseModel):
    data: list[ScheduleInfo]
    count: int


@router.get("/schedules", response_model=SchedulesPublic)
def list_schedules(services: ServicesDep, _: CurrentUser, limit: Limit = 100, offset: Offset = 0,
                   procedure: Annotated[int | None, Query(ge=1)] = None,
                   status: ScheduleStatus | None = None) -> SchedulesPublic:
    """Schedules, newest first, with status and next fire time; filter by procedure, status."""
    rows = [s for s in schedules.list_schedules(scheduler=services.scheduler)
            if (procedure is None or s.procedure_id == procedure)
            and (status is None or s.status == status)]
    return SchedulesPublic(data=rows[offset:offset + limit], count=len(rows))


@router.get("/schedules/{schedule_id}", response_model=ScheduleInfo)
def get_schedule(schedule_id: IdPath, services: ServicesDep, _: CurrentUser) -> ScheduleInfo:
    return schedules.get_schedule(scheduler=services.scheduler, schedule_id=schedule_id)


@router.post("/schedules/{schedule_id}/pause", response_model=ScheduleInfo)
def pause_schedule(schedule_id: IdPath, services: ServicesDep,
                   user: CurrentUser) -> ScheduleInfo:
    """Stop firing until resumed; fires waiting to start are recorded as missed."""
    return schedules.set_paused(scheduler=services.scheduler, schedule_id=schedule_id,
                                paused=True, user=user.username)


@router.post("/schedules/{schedule_id}/resume", response_model=ScheduleInfo)
def resume_schedule(schedule_id: IdPath, services: ServicesDep,
                    user: CurrentUser) -> ScheduleInfo:
    """Fire again; fire times passed while paused follow the schedule's missed_policy."""
    return schedules.set_paused(scheduler=services.scheduler, schedule_id=schedule_id,
                                paused=False, user=user.username)


@router.get("/schedules/{schedule_id}/preview", response_model=SchedulePreview)
def preview_schedule(schedule_id: IdPath, services: ServicesDep, _: CurrentUser,
                     count: Count = 10) -> SchedulePreview:
    """The next ``count`` fire times (UTC) inside the schedule's window."""
    return schedules.preview(scheduler=services.scheduler, schedule_id=schedule_id,
                             count=count)


@router.delete("/schedules/{schedule_id}", status_code=204)
def delete_schedule(schedule_id: IdPath, services: ServicesDep, user: CurrentUser) -> Response:
    """Remove the schedule; runs already started carry on."""
    schedules.delete_schedule(scheduler=services.scheduler, schedule_id=schedule_id,
                              user=user.username)
    return Response(status_code=204)
