"""What a live schedule still uses cannot be deleted: its procedure, its target group, or a host
its target names. One request asks the scheduler for the live (active or paused) schedules; a
delete they block is a 409 ``in_use`` naming each schedule by id and procedure name.

A paused schedule counts: resuming it would fire at something gone. The scheduler filters by
status (the narrowest filter it has) and gets ``CHECK_TIMEOUT_S``; an unreachable or slow
scheduler blocks nothing (the inventory stays editable while it is down): the unchecked delete
is logged as an error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import cast

from noc_backend.core.errors import Conflict, SchedulerUnavailable
from noc_backend.models import Host, Procedure
from noc_backend.scheduler_client import SchedulerClient
from noc_contracts import ErrorCode, ErrorDetail, ScheduleInfo, ScheduleStatus

logger = logging.getLogger(__name__)

LIVE = (ScheduleStatus.active, ScheduleStatus.paused)
#: how long a delete waits for the scheduler's live schedules before going ahead unchecked
CHECK_TIMEOUT_S = 3.0
_SHOWN = 20  # schedules named in the message (every one is in the details)


def live_schedules(scheduler: SchedulerClient) -> list[ScheduleInfo] | None:
    """The active and paused schedules, or None when the scheduler cannot say (logged)."""
    try:
        return scheduler.list_schedules(statuses=LIVE, timeout=CHECK_TIMEOUT_S)
    except SchedulerUnavailable as exc:
        logger.error("schedules not checked before a delete, which goes ahead: %s", exc)
        return None


def refuse_procedure(schedules: list[ScheduleInfo] | None, procedure_id: int) -> None:
    """409 when a live schedule runs procedure ``procedure_id``."""
    _refuse(schedules, f"procedure {procedure_id}", "runs it",
            lambda s: s.procedure_id == procedure_id)


def refuse_group(schedules: list[ScheduleInfo] | None, name: str) -> None:
    """409 when a live schedule targets group ``name``."""
    _refuse(schedules, f"group '{name}'", "targets it", lambda s: s.target.group == name)


def refuse_host(schedules: list[ScheduleInfo] | None, host_id: int) -> None:
    """409 when a live schedule names host ``host_id`` in its target's hosts."""
    if not schedules:
        return
    name = Host.select(Host.name).where(Host.id == host_id).scalar()
    if name is None:
        return  # the delete answers 404
    _refuse(schedules, f"host '{name}'", "names it in its target",
            lambda s: name in (s.target.hosts or ()))


def _refuse(schedules: list[ScheduleInfo] | None, what: str, how: str,
            uses: Callable[[ScheduleInfo], bool]) -> None:
    using = [s for s in schedules or () if uses(s)]
    if not using:
        return
    names = _procedure_names({s.procedure_id for s in using})
    labels = [f"{s.id} (procedure '{names.get(s.procedure_id, s.procedure_id)}', "
              f"{s.status.value})" for s in using]
    more = f" and {len(labels) - _SHOWN} more" if len(labels) > _SHOWN else ""
    message = (f"{what} is used by schedule{'s' if len(using) > 1 else ''} "
               + ", ".join(labels[:_SHOWN]) + more + ": delete or change them first")
    details = [ErrorDetail(field=f"schedules.{s.id}", message=f"schedule {label} {how}")
               for s, label in zip(using, labels, strict=True)]
    raise Conflict(message, details, code=ErrorCode.in_use)


def _procedure_names(ids: Iterable[int]) -> dict[int, str]:
    rows = Procedure.select(Procedure.id, Procedure.name).where(Procedure.id.in_(list(ids)))
    return dict(cast(Iterable[tuple[int, str]], rows.tuples()))
