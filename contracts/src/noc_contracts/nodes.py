"""Node -> scheduler heartbeats, and the node registry as the scheduler reports it."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class NodeHeartbeat(BaseModel):
    name: str
    url: str
    capacity: int = Field(ge=0, description="tasks it runs at once")
    queue_depth: int = Field(ge=0)
    running: int = Field(ge=0)
    lost_task_ids: list[str] = Field(
        default_factory=list, description="tasks it had accepted but can no longer finish")


class NodeInfo(BaseModel):
    name: str
    url: str
    healthy: bool
    capacity: int
    queue_depth: int
    running: int
    last_seen_at: datetime | None = None
