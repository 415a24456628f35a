"""Backend <-> scheduler: what to run, where, when; and how the scheduler resolves a target."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from noc_contracts.graph import ProcedureGraph
from noc_contracts.inventory import TargetHost
from noc_contracts.times import UTCDateTime


class Target(BaseModel):
    """Exactly one of: a list of host names, or a group label."""

    model_config = ConfigDict(extra="forbid")

    hosts: list[str] | None = Field(default=None, min_length=1, max_length=10_000)
    group: str | None = Field(default=None, min_length=1, max_length=255)

    @model_validator(mode="after")
    def _exactly_one(self) -> Target:
        if (self.hosts is None) == (self.group is None):
            raise ValueError("give exactly one of 'hosts' or 'group'")
        return self


MissedPolicy = Literal["skip", "run_once", "catch_up"]
OverlapPolicy = Literal["skip", "queue", "allow"]


class SchedulePolicy(BaseModel):
    """When a schedule fires: its window, and what to do about missed fires and overlaps."""

    start: datetime | None = Field(default=None, description="no fire before this (cron)")
    end: datetime | None = Field(default=None, description="no fire after this (cron)")
    missed_policy: MissedPolicy = Field(
        default="skip", description="fires missed while down or paused: skip, run_once, catch_up")
    catch_up_max: int = Field(default=10, ge=1, le=100, description="bound for catch_up")
    overlap_policy: OverlapPolicy = Field(
        default="skip", description="when the previous run is still going: skip, queue, allow")


class RunRequest(SchedulePolicy):
    """Body of ``POST /api/v1/procedures/{id}/runs``. No ``at`` and no ``cron`` means now."""

    model_config = ConfigDict(extra="forbid")

    target: Target
    at: datetime | None = None
    cron: str | None = Field(default=None, max_length=200)
    timezone: str | None = Field(default=None, max_length=64)
    vars: dict[str, Any] = Field(default_factory=dict)
    check_mode: bool = False


class ScheduleStatus(StrEnum):
    active = "active"
    paused = "paused"
    done = "done"


class ScheduleCreate(SchedulePolicy):
    """Backend -> scheduler: a validated run request for a procedure."""

    procedure_id: int
    target: Target
    at: datetime | None = None
    cron: str | None = None
    timezone: str | None = None
    vars: dict[str, Any] = Field(default_factory=dict)
    check_mode: bool = False
    created_by: str = ""


class ScheduleInfo(SchedulePolicy):
    id: int
    procedure_id: int
    target: Target
    start: UTCDateTime | None = None
    end: UTCDateTime | None = None
    at: UTCDateTime | None = None
    cron: str | None = None
    timezone: str | None = None
    vars: dict[str, Any] = Field(default_factory=dict)
    check_mode: bool = False
    status: ScheduleStatus
    next_fire_at: UTCDateTime | None = None
    created_at: UTCDateTime
    created_by: str = ""
    last_fired_at: UTCDateTime | None = None
    execution_id: str | None = Field(default=None, description="set when a run started now")


class SchedulePreview(BaseModel):
    schedule_id: int
    fire_times: list[UTCDateTime]


class ResolveRequest(BaseModel):
    """Scheduler -> backend at fire time: the current version and the target's hosts."""

    procedure_id: int
    target: Target


class ResolvedRun(BaseModel):
    procedure_id: int
    procedure_name: str
    procedure_version: int
    graph: ProcedureGraph
    hosts: list[TargetHost]
