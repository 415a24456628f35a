"""Path parameters, bounded: an id no row can have answers 404 (never a database error)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, Path

from noc_contracts import ErrorCode
from noc_scheduler.core.errors import ApiError

#: the largest value of an integer primary key (PostgreSQL ``serial``; SQLite allows more)
MAX_ID = 2**31 - 1
_EXECUTION_ID = re.compile(r"^[0-9a-f]{1,64}$")


def _schedule_id(schedule_id: Annotated[int, Path(description="a schedule id")]) -> int:
    if not 1 <= schedule_id <= MAX_ID:
        raise ApiError(404, ErrorCode.not_found, f"no schedule {schedule_id}")
    return schedule_id


def _execution_id(execution_id: Annotated[str, Path(description="an execution id")]) -> str:
    if not _EXECUTION_ID.match(execution_id):
        raise ApiError(404, ErrorCode.not_found, f"no execution '{execution_id[:64]}'")
    return execution_id


ScheduleId = Annotated[int, Depends(_schedule_id)]
ExecutionId = Annotated[str, Depends(_execution_id)]
