"""Response bodies of ``/schedules`` (a schedule itself is ``noc_contracts.ScheduleInfo``)."""

from __future__ import annotations

from pydantic import BaseModel

from noc_contracts.schedules import ScheduleInfo


class SchedulesPublic(BaseModel):
    data: list[ScheduleInfo]
    count: int
