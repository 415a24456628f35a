"""Nodes: their results and heartbeats (node token), and the registry (backend token): list,
register, change labels or capacity, drain, resume, remove.

A result or heartbeat is acknowledged once it is recorded (transaction 1); the host runs it
made due are advanced right after the answer, and by the maintenance loop should that fail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from fastapi import APIRouter, BackgroundTasks, Response

from noc_contracts import (
    ErrorCode,
    ErrorDetail,
    NodeHeartbeat,
    NodeInfo,
    NodeRegistration,
    NodeRemoved,
    NodeUpdate,
    ResultAck,
    TaskResult,
)
from noc_scheduler.api.deps import BackendAuth, CurrentNode, RuntimeDep
from noc_scheduler.core.errors import ApiError
from noc_scheduler.dispatch.send import cancel_remote
from noc_scheduler.nodes import registry, removal
from noc_scheduler.runs import results
from noc_scheduler.runs.advance import advance_now
from noc_scheduler.store.models import Node, utcnow

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/internal/v1")


@router.post("/results")
def post_result(body: TaskResult, node: CurrentNode, rt: RuntimeDep,
                later: BackgroundTasks) -> ResultAck:
    sent: list[datetime | None] = []
    with rt.db.connection_context(), rt.db.atomic():
        ack, due = results.accept(node, body, now := utcnow(), sent)
    rt.metrics.latencies.stored(sent, now)
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
        seen = fresh.last_seen_at
        back = seen is not None and not registry.healthy(fresh, now, rt.settings.node_stale_s)
        to_cancel = results.failed_over_since(fresh, seen) if back and seen else []
        due = results.heartbeat(fresh, body, now)
        info = registry.info(fresh, now, rt.settings.node_late_s, rt.settings.node_stale_s)
    if due:
        later.add_task(advance_now, rt, due)
    if to_cancel:  # back from silence: what failover gave to another node is not its own
        logger.warning("node %s is back; cancelling %d task(s) failover took from it",
                       node.name, len(to_cancel))
        for task_id in to_cancel:
            later.add_task(cancel_remote, rt, task_id, node.name)
    return info


@router.get("/nodes", dependencies=[BackendAuth])
def list_nodes(rt: RuntimeDep) -> list[NodeInfo]:
    now = utcnow()
    with rt.db.connection_context():
        return [registry.info(n, now, rt.settings.node_late_s, rt.settings.node_stale_s)
                for n in Node.select().order_by(Node.name)]


@router.post("/nodes", dependencies=[BackendAuth], status_code=201,
             responses={200: {"model": NodeInfo, "description": "an existing node re-registered"}})
def register_node(body: NodeRegistration, rt: RuntimeDep, response: Response) -> NodeInfo:
    """Register a node (201), or re-register one by name with a new URL or token (200; labels
    and capacity left out keep its own). A token another node holds is refused (409)."""
    now = utcnow()
    with rt.db.connection_context(), rt.db.atomic():
        existed = Node.get_or_none(Node.name == body.name) is not None
        try:
            node = registry.register(rt.box, body.name, body.url, body.token.get_secret_value(),
                                     body.capacity, body.labels)
        except ValueError as exc:
            raise ApiError(409, ErrorCode.conflict, str(exc),
                           [ErrorDetail(field="token", message=str(exc))]) from exc
        info = registry.info(node, now, rt.settings.node_late_s, rt.settings.node_stale_s)
    if existed:
        response.status_code = 200
    return info


@contextmanager
def _named(name: str) -> Iterator[None]:
    """A node that is not registered is a 404 naming it."""
    try:
        yield
    except ValueError as exc:
        if Node.get_or_none(Node.name == name) is None:
            raise ApiError(404, ErrorCode.not_found, f"no node named '{name}'") from exc
        raise ApiError(422, ErrorCode.validation_error, str(exc)) from exc


def _changed(rt: RuntimeDep, name: str, change: Callable[[], Node]) -> NodeInfo:
    """``change()`` in a write transaction; the node as it then is."""
    now = utcnow()
    with rt.db.connection_context(), rt.db.atomic(), _named(name):
        return registry.info(change(), now, rt.settings.node_late_s, rt.settings.node_stale_s)


@router.patch("/nodes/{name}", dependencies=[BackendAuth])
def update_node(name: str, body: NodeUpdate, rt: RuntimeDep) -> NodeInfo:
    """New labels or capacity (placement uses them from the next dispatch)."""
    return _changed(rt, name, lambda: registry.update(name, body.capacity, body.labels))


@router.post("/nodes/{name}/drain", dependencies=[BackendAuth])
def drain_node(name: str, rt: RuntimeDep) -> NodeInfo:
    """It finishes what it runs and is given nothing new."""
    return _changed(rt, name, lambda: registry.set_draining(name, True))


@router.post("/nodes/{name}/resume", dependencies=[BackendAuth])
def resume_node(name: str, rt: RuntimeDep) -> NodeInfo:
    return _changed(rt, name, lambda: registry.set_draining(name, False))


@router.delete("/nodes/{name}", dependencies=[BackendAuth])
def remove_node(name: str, rt: RuntimeDep) -> NodeRemoved:
    """Its token stops working; the steps it had in hand end lost and follow their policy."""
    with rt.db.connection_context(), rt.db.atomic(), _named(name):
        settled = removal.remove(name, utcnow(), rt.settings.kill_grace_s)
    return NodeRemoved(name=name, settled_steps=settled)
