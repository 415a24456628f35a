"""Schedules from the backend: create (maybe starting a run now), list, get, delete."""

from __future__ import annotations

from fastapi import APIRouter, Response

from noc_contracts import ScheduleCreate, ScheduleInfo
from noc_scheduler import schedules
from noc_scheduler.api.deps import ApiAuth, RuntimeDep
from noc_scheduler.core.errors import ApiError
from noc_scheduler.models import Schedule

router = APIRouter(prefix="/internal/v1/schedules", dependencies=[ApiAuth])


def _get(schedule_id: int) -> Schedule:
    row = Schedule.get_or_none(Schedule.id == schedule_id)
    if row is None:
        raise ApiError(404, "not_found", f"no schedule {schedule_id}")
    return row


@router.post("", status_code=201)
def create_schedule(body: ScheduleCreate, rt: RuntimeDep) -> ScheduleInfo:
    return schedules.create(rt, body)


@router.get("")
def list_schedules(rt: RuntimeDep) -> list[ScheduleInfo]:
    with rt.db.connection_context():
        return [schedules.info(r) for r in Schedule.select().order_by(Schedule.id.desc())]


@router.get("/{schedule_id}")
def get_schedule(schedule_id: int, rt: RuntimeDep) -> ScheduleInfo:
    with rt.db.connection_context():
        return schedules.info(_get(schedule_id))


@router.delete("/{schedule_id}", status_code=204)
def delete_schedule(schedule_id: int, rt: RuntimeDep) -> Response:
    with rt.db.connection_context(), rt.db.atomic():
        _get(schedule_id).delete_instance()
    return Response(status_code=204)
