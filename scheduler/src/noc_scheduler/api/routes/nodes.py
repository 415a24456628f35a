"""Nodes: their results and heartbeats (node token), and the registry (backend token)."""

from __future__ import annotations

from fastapi import APIRouter

from noc_contracts import NodeHeartbeat, NodeInfo, ResultAck, TaskResult
from noc_scheduler import nodes, results
from noc_scheduler.api.deps import ApiAuth, CurrentNode, RuntimeDep
from noc_scheduler.models import Node, utcnow

router = APIRouter(prefix="/internal/v1")


@router.post("/results")
def post_result(body: TaskResult, node: CurrentNode, rt: RuntimeDep) -> ResultAck:
    with rt.db.connection_context(), rt.db.atomic():
        ack, new = results.accept(rt.box, node, body, utcnow())
    rt.enqueue_dispatch(new)
    return ack


@router.post("/nodes/heartbeat")
def heartbeat(body: NodeHeartbeat, node: CurrentNode, rt: RuntimeDep) -> NodeInfo:
    now = utcnow()
    with rt.db.connection_context(), rt.db.atomic():
        fresh = Node.get_by_id(node.id)
        new = results.heartbeat(rt.box, fresh, body, now)
        info = nodes.info(fresh, now, rt.settings.node_stale_s)
    rt.enqueue_dispatch(new)
    return info


@router.get("/nodes", dependencies=[ApiAuth])
def list_nodes(rt: RuntimeDep) -> list[NodeInfo]:
    now = utcnow()
    with rt.db.connection_context():
        return [nodes.info(n, now, rt.settings.node_stale_s)
                for n in Node.select().order_by(Node.name)]
