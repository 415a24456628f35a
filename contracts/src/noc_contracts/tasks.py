"""Scheduler <-> node: a task request (one step, one or more hosts) and its per-host results."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from noc_contracts.inventory import TargetHost
from noc_contracts.times import UTCDateTime


class StepStatus(StrEnum):
    """How one step ended on one host. ``ok`` follows the success edge, the rest failure."""

    ok = "ok"
    failed = "failed"
    unreachable = "unreachable"
    timeout = "timeout"
    lost = "lost"  # the lease expired with no result (decided by the scheduler)
    cancelled = "cancelled"
    error = "error"  # the step could not be run at all (bad template, no node, ...)


class TaskRequest(BaseModel):
    task_id: str = Field(min_length=1, max_length=64, description="unique per dispatch")
    execution_id: str
    step_id: str = Field(description="the flowchart node id")
    task_type: str
    params: dict[str, Any] = Field(default_factory=dict, description="already rendered")
    hosts: list[TargetHost] = Field(min_length=1)
    timeout_s: int = Field(default=300, ge=1, le=86_400)
    check_mode: bool = False


class TaskAccepted(BaseModel):
    task_id: str
    node: str
    queue_depth: int


#: no NUL in a name the scheduler looks up (PostgreSQL refuses one even in a query)
NO_NUL = r"^[^\x00]*$"


class HostResult(BaseModel):
    host: str = Field(pattern=NO_NUL)
    status: StepStatus
    rc: int | None = None
    changed: bool = False
    stdout: str = ""
    stderr: str = ""
    msg: str = ""
    facts: dict[str, Any] = Field(default_factory=dict)
    started_at: UTCDateTime | None = None
    finished_at: UTCDateTime | None = None


class TaskResult(BaseModel):
    """Results for some or all hosts of one task request; a node may send several."""

    task_id: str
    node: str
    results: list[HostResult] = Field(min_length=1)


class ResultAck(BaseModel):
    task_id: str
    accepted: int = Field(description="how many host results were new")


class ProbeRequest(BaseModel):
    """Backend -> scheduler -> node: a connection test (ping) answered synchronously."""

    hosts: list[TargetHost] = Field(min_length=1, max_length=1_000)
    timeout_s: int = Field(default=30, ge=1, le=300)


class ProbeResult(BaseModel):
    node: str
    results: list[HostResult]
