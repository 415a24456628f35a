"""Node -> scheduler heartbeats, and the node registry as the scheduler reports it."""

from __future__ import annotations

from pydantic import BaseModel, Field

from noc_contracts.times import UTCDateTime


class NodeHeartbeat(BaseModel):
    name: str
    url: str
    capacity: int = Field(ge=0, description="tasks it runs at once")
    queue_depth: int = Field(ge=0)
    running: int = Field(ge=0)
    lost_task_ids: list[str] = Field(
        default_factory=list, description="tasks it had accepted but can no longer finish; "
        "the node has confirmed that nothing of them still runs")


class NodeInfo(BaseModel):
    name: str
    url: str
    healthy: bool
    capacity: int = Field(description="tasks it is given at once: the registered capacity, "
                          "or less when its heartbeat reports less")
    queue_depth: int
    running: int
    last_seen_at: UTCDateTime | None = None
    draining: bool = Field(default=False, description="finishes what it runs, takes nothing new")
