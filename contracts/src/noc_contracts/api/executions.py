"""Response bodies of ``/executions``: the history, per host and per step."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class ExecutionPublic(BaseModel):
    id: str
    procedure_id: int | None
    procedure_name: str
    procedure_version: int | None
    status: str
    started_at: datetime
    finished_at: datetime | None
    hosts_total: int
    launched_by: str = Field(default="", description="the user who launched or scheduled it")
    reason: str | None = Field(default=None, description=(
        "why it did not run, for a `missed` execution (scheduler down, paused, overlap, "
        "refused target); null otherwise"))


class ExecutionsPublic(BaseModel):
    data: list[ExecutionPublic]
    count: int


class StepRunPublic(BaseModel):
    step_id: str
    visit: int
    attempt: int
    status: str
    rc: int | None
    changed: bool
    stdout: str
    stderr: str
    msg: str
    facts: dict[str, Any]
    started_at: datetime | None
    finished_at: datetime | None


class ExecutionHostPublic(BaseModel):
    host: str
    status: str
    current_node: str | None
    path: list[str]
    steps: list[StepRunPublic]


class ExecutionDetail(ExecutionPublic):
    hosts: list[ExecutionHostPublic]
    target: dict[str, Any] | None = None
    vars: dict[str, Any] | None = Field(default=None, description="secret-looking values "
                                        "masked")
    dry_run: bool = False
    schedule_id: int | None = None
