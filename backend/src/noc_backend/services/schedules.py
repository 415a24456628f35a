"""Schedules live in the scheduler: list, read, pause, resume, preview and delete them there,
reading each answer as the contract's model (an unreadable one is ``SchedulerUnavailable``).
A change the scheduler made is audited here afterwards (the scheduler's own database holds
the change, so the entry has its own transaction)."""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from noc_backend.auth.actor import Actor
from noc_backend.core.errors import SchedulerUnavailable
from noc_backend.scheduler_client import SchedulerClient
from noc_backend.services import audit
from noc_contracts import ScheduleInfo, SchedulePreview
from noc_contracts.masking import mask_secret_values

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
_LIST = TypeAdapter(list[ScheduleInfo])


def public(info: ScheduleInfo) -> ScheduleInfo:
    """What the public API shows of a schedule: secret-looking launch vars masked. The scheduler
    already masks its answers; masked again here, as for events: never trust a copy."""
    return info.model_copy(update={"vars": mask_secret_values(info.vars)})


def _read(model: type[M], body: Any) -> M:
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        logger.error("scheduler answered an unreadable %s: %s", model.__name__, exc)
        raise SchedulerUnavailable("the scheduler's answer could not be read") from exc


def list_schedules(*, scheduler: SchedulerClient) -> list[ScheduleInfo]:
    """Every schedule, newest first, each with its next fire time."""
    try:
        return [public(s) for s in _LIST.validate_python(scheduler.schedules_call("GET"))]
    except ValidationError as exc:
        raise SchedulerUnavailable("the scheduler's answer could not be read") from exc


def get_schedule(*, scheduler: SchedulerClient, schedule_id: int) -> ScheduleInfo:
    return public(_read(ScheduleInfo, scheduler.schedules_call("GET", f"/{schedule_id}")))


def set_paused(*, scheduler: SchedulerClient, schedule_id: int, paused: bool,
               actor: Actor) -> ScheduleInfo:
    """Pause (waiting fires are recorded missed) or resume (missed fires follow the policy)."""
    action = "pause" if paused else "resume"
    info = _read(ScheduleInfo, scheduler.schedules_call("POST", f"/{schedule_id}/{action}"))
    audit.record_alone(actor, f"schedule.{action}", target_type="schedule",
                       target_id=schedule_id, details={"procedure_id": info.procedure_id})
    logger.info("schedule %d %sd by %s", schedule_id, action, actor.username)
    return public(info)


def preview(*, scheduler: SchedulerClient, schedule_id: int, count: int) -> SchedulePreview:
    return _read(SchedulePreview,
                 scheduler.schedules_call("GET", f"/{schedule_id}/preview?count={count}"))


def delete_schedule(*, scheduler: SchedulerClient, schedule_id: int, actor: Actor) -> None:
    scheduler.schedules_call("DELETE", f"/{schedule_id}")
    audit.record_alone(actor, "schedule.delete", target_type="schedule", target_id=schedule_id)
    logger.info("schedule %d deleted by %s", schedule_id, actor.username)
