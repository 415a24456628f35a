"""Task results from nodes (and results the scheduler decides itself: lost, no node)."""

from __future__ import annotations

import logging
from datetime import datetime

from noc_contracts import ErrorDetail, HostResult, NodeHeartbeat, ResultAck, StepStatus, TaskResult
from noc_scheduler import flows, nodes
from noc_scheduler.core.errors import ApiError
from noc_scheduler.crypto import SecretBox
from noc_scheduler.db import lock
from noc_scheduler.models import Node, Step, database

logger = logging.getLogger(__name__)


def steps_of(task_id: str) -> list[Step]:
    """Locked: the steps a node's task id stands for (a batch, or one step dispatched alone)."""
    found = list(lock(Step.select().where(Step.batch_id == task_id), database))
    if not found:  # a step dispatched before batching existed
        found = list(lock(Step.select().where(Step.task_id == task_id), database))
    return found


def accept(box: SecretBox, node: Node, result: TaskResult,
           now: datetime) -> tuple[ResultAck, list[str]]:
    """In a write transaction: store each new host result and advance its host's flow.

    Idempotent per (task_id, host): a repeated result is acknowledged with ``accepted=0``.
    """
    steps = steps_of(result.task_id)
    if not steps:
        raise ApiError(404, "not_found", f"unknown task '{result.task_id}'",
                       [ErrorDetail(field="task_id", message="no such task")])
    if any(step.node != node.name for step in steps):
        raise ApiError(403, "forbidden", "this task was not dispatched to the calling node",
                       [ErrorDetail(field="task_id", message="not sent to this node")])
    by_host = {step.host_run.host_name: step for step in steps}
    for i, host_result in enumerate(result.results):
        if host_result.host not in by_host:
            raise ApiError(422, "validation_error", "result for a host not in the task",
                           [ErrorDetail(field=f"results.{i}.host",
                                        message=f"host '{host_result.host}' is not in the task")])
    accepted, new = 0, []
    for host_result in result.results:
        step = by_host[host_result.host]
        if step.status == "done":
            continue
        new += flows.complete_step(box, step, host_result, now)
        accepted += 1
    return ResultAck(task_id=result.task_id, accepted=accepted), new


def settle_lost(box: SecretBox, step: Step, message: str, now: datetime,
                status: StepStatus = StepStatus.lost) -> list[str]:
    """Give an outstanding step a result decided here (its lease ran out, its node lost it)."""
    result = HostResult(host=step.host_run.host_name, status=status, msg=message,
                        finished_at=now)
    return flows.complete_step(box, step, result, now)


def heartbeat(box: SecretBox, node: Node, beat: NodeHeartbeat, now: datetime) -> list[str]:
    """In a write transaction: record a node's load; its lost tasks end ``lost`` at once."""
    nodes.heartbeat(node, beat, now)
    new: list[str] = []
    if not beat.lost_task_ids:
        return new
    ids = beat.lost_task_ids
    lost = lock(Step.select().where(Step.batch_id.in_(ids) | Step.task_id.in_(ids),
                                    Step.node == node.name, Step.status == "dispatched"),
                database)
    for step in lost:
        new += settle_lost(box, step, f"node {node.name} lost the task", now)
    return new
