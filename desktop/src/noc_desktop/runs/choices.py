"""Qt-free: what the run dialog's fields say, turned into the ``RunRequest`` the server takes.

The dialog reads its widgets into ``RunChoices``; everything about how a choice becomes a
request (which timing fields go with which mode, local wall times in the chosen zone) lives
here, where it is tested without a window.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from noc_contracts import RunRequest, Target
from noc_contracts.schedules import MissedPolicy, OverlapPolicy
from noc_desktop.inventory.group_index import ALL

When = Literal["now", "at", "cron"]
TargetKind = Literal["host", "group"]
#: the target a preview sends before one is chosen (a preview is about timing only)
PREVIEW_TARGET = Target(group=ALL)


@functools.cache
def zone_names() -> tuple[str, ...]:
    """Every IANA time zone this machine knows, sorted (UTC first); read once (each reading
    scans the tz database)."""
    names = sorted(n for n in available_timezones() if "/" in n or n == "UTC")
    return ("UTC", *[n for n in names if n != "UTC"])


def zone_or_utc(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def in_zone(wall: datetime, zone: str) -> datetime:
    """A wall-clock time (naive) read in ``zone``, as an aware datetime."""
    return wall.replace(tzinfo=None).replace(tzinfo=zone_or_utc(zone))


@dataclass
class RunChoices:
    """The dialog's fields; wall times (``at``, ``start``, ``end``) are naive, in ``timezone``."""

    target_kind: TargetKind = "group"
    target: str = ""
    vars: dict[str, Any] = field(default_factory=dict)
    check_mode: bool = False
    when: When = "now"
    at: datetime | None = None
    cron: str = ""
    timezone: str = "UTC"
    start: datetime | None = None
    end: datetime | None = None
    missed_policy: MissedPolicy = "skip"
    overlap_policy: OverlapPolicy = "skip"
    catch_up_max: int = 10

    def run_target(self) -> Target | None:
        name = self.target.strip()
        if not name:
            return None
        return Target(hosts=[name]) if self.target_kind == "host" else Target(group=name)

    def to_request(self, *, for_preview: bool = False) -> RunRequest:
        """The request body; ``for_preview`` stands in a target when none is chosen yet."""
        target = self.run_target()
        if target is None:
            if not for_preview:
                raise ValueError("no target chosen")
            target = PREVIEW_TARGET
        timing: dict[str, Any] = {}
        if self.when == "at":
            timing = {"at": in_zone(self.at, self.timezone) if self.at else None,
                      "timezone": self.timezone}
        elif self.when == "cron":
            timing = {"cron": " ".join(self.cron.split()), "timezone": self.timezone,
                      "start": in_zone(self.start, self.timezone) if self.start else None,
                      "end": in_zone(self.end, self.timezone) if self.end else None}
        if self.when != "now":
            timing.update(missed_policy=self.missed_policy, overlap_policy=self.overlap_policy,
                          catch_up_max=self.catch_up_max)
        return RunRequest(target=target, vars=dict(self.vars), check_mode=self.check_mode,
                          **timing)


def covers_every_host(target_kind: TargetKind, target: str, count: int | None,
                      total: int | None) -> bool:
    """Whether the target holds every (enabled) host of the inventory: group ``all``, or a
    group as large as the whole inventory. A single host never asks."""
    if target_kind != "group" or not target.strip():
        return False
    if target.strip() == ALL:
        return True
    return count is not None and total is not None and total > 0 and count >= total
