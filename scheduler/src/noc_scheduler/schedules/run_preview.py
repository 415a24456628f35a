"""When a run request would fire if it were saved now: the scheduler alone owns timing, so the
backend (and through it the desktop's run dialog) asks here before saving. Nothing is stored."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from noc_contracts import ScheduleCreate, SchedulePreview
from noc_scheduler.schedules.records import check_timing
from noc_scheduler.timing import parse_cron, zone_or_default
from noc_scheduler.timing import preview as cron_preview

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

#: ``schedule_id`` of a preview: no schedule exists yet (stored ids start at 1)
UNSAVED = 0


def preview_request(rt: Runtime, body: ScheduleCreate, count: int) -> SchedulePreview:
    """Up to ``count`` fire times (aware UTC) of ``body``, or 422 naming each bad timing field.

    A run for now (no ``at``, no ``cron``) answers its one fire time, now; an ``at`` answers
    that time; a cron the next ``count`` times inside its [start, end] window (fewer when the
    window closes first).
    """
    now = rt.clock.now()
    check_timing(body, now)
    if body.cron is not None:
        times = cron_preview(parse_cron(body.cron), zone_or_default(body.timezone), now, count,
                             body.start, body.end)
    else:
        times = [(body.at or now).astimezone(UTC)]
    return SchedulePreview(schedule_id=UNSAVED, fire_times=times[:count])
