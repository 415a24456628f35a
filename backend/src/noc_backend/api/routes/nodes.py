"""Execution nodes as the scheduler sees them (health, labels, load, capacity, queue depth),
and the admin's changes to them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from noc_backend.api.deps import NodesAdmin, NodesRead, ServicesDep
from noc_backend.services import nodes
from noc_contracts import NodeInfo, NodeRegistration, NodeRemoved, NodeUpdate

router = APIRouter(tags=["nodes"])

NodeName = Annotated[str, Path(min_length=1, max_length=255)]


@router.get("/nodes", response_model=list[NodeInfo])
def list_nodes(services: ServicesDep, _: NodesRead) -> list[NodeInfo]:
    """Every registered node; ``health`` is ``up``, ``late`` (a heartbeat is overdue, still
    given work) or ``down`` (no heartbeat for the scheduler's stale time, given none)."""
    return services.scheduler.list_nodes()


@router.post("/nodes", response_model=NodeInfo, status_code=201,
             responses={200: {"model": NodeInfo, "description": "an existing node re-registered"}})
def register_node(body: NodeRegistration, services: ServicesDep, actor: NodesAdmin,
                  response: Response) -> NodeInfo:
    """Register an execution node with the scheduler (201), or re-register one by name with a
    new URL or token (200; labels and capacity left out keep its own). ``token`` is the node's
    ``NOC_NODE_TOKEN``; it is never returned or audited."""
    info, created = nodes.register(scheduler=services.scheduler, registration=body, actor=actor)
    if not created:
        response.status_code = 200
    return info


@router.patch("/nodes/{name}", response_model=NodeInfo)
def update_node(name: NodeName, body: NodeUpdate, services: ServicesDep,
                actor: NodesAdmin) -> NodeInfo:
    """New labels (replacing the node's) or capacity; a field left out is kept."""
    return nodes.update(scheduler=services.scheduler, name=name, change=body, actor=actor)


@router.post("/nodes/{name}/drain", response_model=NodeInfo)
def drain_node(name: NodeName, services: ServicesDep, actor: NodesAdmin) -> NodeInfo:
    """The node finishes what it runs and is given nothing new until resumed."""
    return nodes.set_draining(scheduler=services.scheduler, name=name, draining=True,
                              actor=actor)


@router.post("/nodes/{name}/resume", response_model=NodeInfo)
def resume_node(name: NodeName, services: ServicesDep, actor: NodesAdmin) -> NodeInfo:
    return nodes.set_draining(scheduler=services.scheduler, name=name, draining=False,
                              actor=actor)


@router.delete("/nodes/{name}", response_model=NodeRemoved)
def remove_node(name: NodeName, services: ServicesDep, actor: NodesAdmin) -> NodeRemoved:
    """Forget the node: its token stops working; the steps it had in hand end lost and follow
    their failure path."""
    return nodes.remove(scheduler=services.scheduler, name=name, actor=actor)
