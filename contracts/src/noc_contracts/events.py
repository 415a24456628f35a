"""Scheduler -> backend: what happened in an execution, step by step (idempotent by event_id)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from noc_contracts.tasks import HostResult
from noc_contracts.times import UTCDateTime


class ExecutionStatus(StrEnum):
    running = "running"
    success = "success"  # every host ended success
    failed = "failed"  # every host ended failed (or unreachable)
    partial = "partial"  # some of each
    cancelled = "cancelled"
    missed = "missed"  # a schedule's fire that did not run (scheduler down, paused, overlap)


#: the statuses an execution never leaves: a stream ends on them, retention may prune them
FINISHED_STATUSES: frozenset[ExecutionStatus] = frozenset({
    ExecutionStatus.success, ExecutionStatus.failed, ExecutionStatus.partial,
    ExecutionStatus.cancelled, ExecutionStatus.missed})


class HostRunStatus(StrEnum):
    pending = "pending"
    running = "running"
    success = "success"
    failed = "failed"
    unreachable = "unreachable"
    cancelled = "cancelled"


class EventType(StrEnum):
    execution_started = "execution_started"  # data: procedure_id, procedure_version, hosts, ...
    step_started = "step_started"  # host, step_id, attempt, data: task_id, node
    step_finished = "step_finished"  # host, step_id, attempt, status, result
    host_finished = "host_finished"  # host, status
    execution_finished = "execution_finished"  # status
    # a fire that did not run: data: schedule_id, procedure_id, fire_time, reason
    fire_missed = "fire_missed"


class ExecutionEvent(BaseModel):
    event_id: str = Field(min_length=1, max_length=64)
    execution_id: str
    type: EventType
    at: UTCDateTime
    host: str | None = None
    step_id: str | None = None
    visit: int | None = Field(default=None, description="which entry of step_id on the "
                              "host's path (a loop visits a node again), from 1")
    attempt: int | None = None
    status: str | None = None
    result: HostResult | None = None
    data: dict[str, Any] = Field(default_factory=dict)


class EventBatch(BaseModel):
    events: list[ExecutionEvent] = Field(min_length=1, max_length=1_000)
