"""Schedules live in the scheduler: list, read, pause, resume, preview and delete them there
(the client reads each answer as the contract's model; an unreadable one is
``SchedulerUnavailable``). A change the scheduler made is audited here afterwards (the
scheduler's own database holds the change, so the entry has its own transaction)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from noc_backend.auth.actor import Actor
from noc_backend.scheduler_client import SchedulerClient
from noc_backend.services import audit
from noc_contracts import ScheduleInfo, SchedulePreview, ScheduleStatus
from noc_contracts.masking import mask_secret_values

logger = logging.getLogger(__name__)


def public(info: ScheduleInfo) -> ScheduleInfo:
    """What the public API shows of a schedule: secret-looking launch vars masked. The scheduler
    already masks its answers; masked again here, as for events: never trust a copy."""
    return info.model_copy(update={"vars": mask_secret_values(info.vars)})


def list_schedules(*, scheduler: SchedulerClient,
                   statuses: Iterable[ScheduleStatus] = ()) -> list[ScheduleInfo]:
    """Every schedule (only those in ``statuses``, when given), newest first, each with its
    next fire time."""
    return [public(s) for s in scheduler.list_schedules(statuses=statuses)]


def get_schedule(*, scheduler: SchedulerClient, schedule_id: int) -> ScheduleInfo:
    return public(scheduler.get_schedule(schedule_id))


def set_paused(*, scheduler: SchedulerClient, schedule_id: int, paused: bool,
               actor: Actor) -> ScheduleInfo:
    """Pause (waiting fires are recorded missed) or resume (missed fires follow the policy)."""
    action = "pause" if paused else "resume"
    info = scheduler.set_paused(schedule_id, paused=paused)
    audit.record_alone(actor, f"schedule.{action}", target_type="schedule",
                       target_id=schedule_id, details={"procedure_id": info.procedure_id})
    logger.info("schedule %d %sd by %s", schedule_id, action, actor.username)
    return public(info)


def preview(*, scheduler: SchedulerClient, schedule_id: int, count: int) -> SchedulePreview:
    return scheduler.fire_times(schedule_id, count)


def delete_schedule(*, scheduler: SchedulerClient, schedule_id: int, actor: Actor) -> None:
    scheduler.delete_schedule(schedule_id)
    audit.record_alone(actor, "schedule.delete", target_type="schedule", target_id=schedule_id)
    logger.info("schedule %d deleted by %s", schedule_id, actor.username)
