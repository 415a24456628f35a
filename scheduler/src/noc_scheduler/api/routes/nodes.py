"""Nodes: their results and heartbeats (node token), and the registry (backend token).

A result or heartbeat is acknowledged once it is recorded (transaction 1); the host runs it
made due are advanced right after the answer, and by the maintenance loop should that fail.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, BackgroundTasks

from noc_contracts import NodeHeartbeat, NodeInfo, ResultAck, TaskResult
from noc_scheduler.api.deps import BackendAuth, CurrentNode, RuntimeDep
from noc_scheduler.nodes import registry
from noc_scheduler.runs import results
from noc_scheduler.runs.advance import advance_now
from noc_scheduler.store.models import Node, utcnow

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/internal/v1")


@router.post("/results")
def post_result(body: TaskResult, node: CurrentNode, rt: RuntimeDep,
                later: BackgroundTasks) -> ResultAck:
    with rt.db.connection_context(), rt.db.atomic():
        ack, due = results.accept(node, body, utcnow())
    rt.arrivals.notify()
    if due:
        later.add_task(advance_now, rt, due)
    return ack


@router.post("/nodes/heartbeat")
def heartbeat(body: NodeHeartbeat, node: CurrentNode, rt: RuntimeDep,
              later: BackgroundTasks) -> NodeInfo:
    now = utcnow()
    with rt.db.connection_context(), rt.db.atomic():
        fresh = Node.get_by_id(node.id)
        due = results.heartbeat(fresh, body, now)
        info = registry.info(fresh, now, rt.settings.node_stale_s)
    if due:
        later.add_task(advance_now, rt, due)
    return info


@router.get("/nodes", dependencies=[BackendAuth])
def list_nodes(rt: RuntimeDep) -> list[NodeInfo]:
    now = utcnow()
    with rt.db.connection_context():
        return [registry.info(n, now, rt.settings.node_stale_s)
                for n in Node.select().order_by(Node.name)]
