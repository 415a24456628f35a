"""Execution nodes as the scheduler sees them: health, capacity, queue depth."""

from __future__ import annotations

from fastapi import APIRouter

from noc_backend.api.deps import NodesRead, ServicesDep
from noc_contracts import NodeInfo

router = APIRouter(tags=["nodes"])


@router.get("/nodes", response_model=list[NodeInfo])
def list_nodes(services: ServicesDep, _: NodesRead) -> list[NodeInfo]:
    """Every registered node; ``healthy`` is false when its heartbeats stopped."""
    return services.scheduler.list_nodes()
