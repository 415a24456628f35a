"""Schedules from the backend: create (maybe starting a run now) or preview one before it
exists, list, get, pause, resume, preview the next fire times, delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from noc_contracts import ScheduleCreate, ScheduleInfo, SchedulePreview, ScheduleStatus
from noc_scheduler.api.deps import BackendAuth, RuntimeDep
from noc_scheduler.api.params import ScheduleId
from noc_scheduler.schedules import admin, records, run_preview
from noc_scheduler.store.models import Schedule
from noc_scheduler.timing.preview import MAX_PREVIEW

router = APIRouter(prefix="/internal/v1/schedules", dependencies=[BackendAuth])

Count = Annotated[int, Query(ge=1, le=MAX_PREVIEW)]
Statuses = Annotated[list[ScheduleStatus] | None, Query()]


@router.post("", status_code=201)
def create_schedule(body: ScheduleCreate, rt: RuntimeDep) -> ScheduleInfo:
    return records.create(rt, body)


@router.post("/preview")
def preview_request(body: ScheduleCreate, rt: RuntimeDep, count: Count = 10) -> SchedulePreview:
    """The fire times ``body`` would have if created now (nothing is stored): 422 naming each
    bad timing field, as creating it would; ``schedule_id`` is 0."""
    return run_preview.preview_request(rt, body, count)


@router.get("")
def list_schedules(rt: RuntimeDep, status: Statuses = None) -> list[ScheduleInfo]:
    """Every schedule, newest first; ``status`` (repeatable) keeps only those in these states
    (the backend asks for the live ones before deleting what a schedule may use)."""
    query = Schedule.select().order_by(Schedule.id.desc())
    if status:
        query = query.where(Schedule.status.in_([str(s) for s in status]))
    with rt.db.connection_context():
        return [records.info(r) for r in query]


@router.get("/{schedule_id}")
def get_schedule(schedule_id: ScheduleId, rt: RuntimeDep) -> ScheduleInfo:
    with rt.db.connection_context():
        return records.info(admin.get_row(rt, schedule_id))


@router.post("/{schedule_id}/pause")
def pause_schedule(schedule_id: ScheduleId, rt: RuntimeDep) -> ScheduleInfo:
    return records.info(admin.pause(rt, schedule_id))


@router.post("/{schedule_id}/resume")
def resume_schedule(schedule_id: ScheduleId, rt: RuntimeDep) -> ScheduleInfo:
    return records.info(admin.resume(rt, schedule_id))


@router.get("/{schedule_id}/preview")
def preview_schedule(schedule_id: ScheduleId, rt: RuntimeDep, count: Count = 10) -> SchedulePreview:
    return admin.preview(rt, schedule_id, count)


@router.delete("/{schedule_id}", status_code=204)
def delete_schedule(schedule_id: ScheduleId, rt: RuntimeDep) -> Response:
    admin.delete(rt, schedule_id)
    return Response(status_code=204)
