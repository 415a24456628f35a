"""Task results from nodes (and results the scheduler decides itself: lost, refused, no node).

Each is transaction 1 of an advance (``noc_scheduler.runs.advance``): the step's result is stored,
its ``step_finished`` event written, and its host run marked due; the functions return the
host run ids to advance once the caller's transaction has committed.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from noc_contracts import (
    ErrorCode,
    ErrorDetail,
    EventType,
    ExecutionStatus,
    HostResult,
    HostRunStatus,
    NodeHeartbeat,
    ResultAck,
    StepStatus,
    TaskResult,
)
from noc_scheduler.core.errors import ApiError
from noc_scheduler.events import outbox
from noc_scheduler.events.outbox import emit
from noc_scheduler.flow.flowstate import FlowState
from noc_scheduler.nodes import registry
from noc_scheduler.runs import advance
from noc_scheduler.store.db import among, lock
from noc_scheduler.store.models import Execution, HostRun, Node, Step, database
from noc_scheduler.store.row_updates import RowUpdates

logger = logging.getLogger(__name__)


#: what storing a result reads of its step and host run (not params, history or host)
_RESULT_STEP = (Step.task_id, Step.host_run, Step.execution_id, Step.step_id, Step.attempt,
                Step.visit, Step.status, Step.node, Step.dispatched_at, Step.dispatch_attempts)
_RESULT_HOST_RUN = (HostRun.id, HostRun.host_name, HostRun.status, HostRun.state,
                    HostRun.advance)


def steps_of(task_id: str, hosts: list[str] | None = None) -> list[Step]:
    """Locked, host runs joined: the steps a node's task id stands for (a batch, or one step
    dispatched alone), only those of ``hosts`` when given: a result for a few hosts of a large
    batch locks and loads only theirs."""
    def query(where: Any) -> Any:
        found = Step.select(*_RESULT_STEP, *_RESULT_HOST_RUN).join(HostRun).where(where)
        if hosts is not None:
            found = found.where(among(HostRun.host_name, hosts, database))
        return lock(found.order_by(Step.task_id), database, of=Step)

    steps = list(query(Step.batch_id == task_id))
    if not steps:  # a step dispatched before batching existed
        steps = list(query(Step.task_id == task_id))
    return steps


_RECORDED = ("status", "result", "finished_at", "lease_expires_at", "dispatch_attempts")


def record(step: Step, result: HostResult, now: datetime,
           retry_not_before: datetime | None = None,
           updates: RowUpdates | None = None) -> int | None:
    """In a write transaction: the step's (only) result; its host run id when now due.

    ``retry_not_before``: the attempt may still be running somewhere (a lease ran out, its
    node was removed), so a retry of this step must not start before then. ``updates``: the
    rows to write are left there for the caller to run with other hosts'.
    """
    step.status = "done"
    step.result = result.model_dump(mode="json")
    step.finished_at = now
    step.lease_expires_at = None
    if updates is None:
        step.save(only=[getattr(Step, name) for name in _RECORDED])
    else:
        updates.add(Step, step.task_id, {name: getattr(step, name) for name in _RECORDED})
    host_run = step.host_run
    emit(step.execution_id, EventType.step_finished, now, host=host_run.host_name,
         step_id=step.step_id, visit=step.visit, attempt=step.attempt, status=str(result.status),
         result=result)
    if host_run.status != HostRunStatus.running or host_run.advance is not None:
        return None
    if host_run.execution.status != ExecutionStatus.running:
        return None
    state = FlowState.from_json(host_run.state)
    if state.current != step.step_id or state.attempts.get(step.step_id) != step.attempt:
        logger.warning("result for %s is not the host run's current step; ignored", step.task_id)
        return None
    why = advance.trigger(advance.RESULT, task_id=step.task_id)
    if retry_not_before is not None:
        why["retry_not_before"] = retry_not_before.isoformat()
    advance.mark_due(host_run.id, why, now, updates=updates)
    return int(host_run.id)


def _no_such_task(result: TaskResult) -> ApiError:
    return ApiError(404, ErrorCode.not_found, f"unknown task '{result.task_id}'",
                    [ErrorDetail(field="task_id", message="no such task")])


def _unknown(result: TaskResult) -> ApiError:
    """Nothing named matched: an unknown task (404), or hosts it does not have (422)."""
    if not Step.select().where(
            (Step.batch_id == result.task_id) | (Step.task_id == result.task_id)).exists():
        return _no_such_task(result)
    return ApiError(422, ErrorCode.validation_error, "result for a host not in the task",
                    [ErrorDetail(field="results.0.host",
                                 message=f"host '{result.results[0].host}' is not in the task")])


def accept(node: Node, result: TaskResult, now: datetime,
           sent: list[datetime | None] | None = None) -> tuple[ResultAck, list[int]]:
    """In a write transaction: store each new host result; returns the host runs now due.
    ``sent``: each stored result's step's dispatch time is appended to it (its latency).

    Idempotent per (task_id, host): a repeated result is acknowledged with ``accepted=0``.
    Only the named hosts' steps are locked and loaded; a constant number of statements per
    host result (its step, its host run), plus a few for the whole message.
    """
    # no stored task id holds a NUL, and PostgreSQL refuses one even in a query (a host name
    # holding one is refused by HostResult before it gets here)
    if "\x00" in result.task_id:
        raise _no_such_task(result)
    steps = steps_of(result.task_id, sorted({r.host for r in result.results}))
    if not steps:
        raise _unknown(result)
    if any(step.node != node.name for step in steps):
        raise ApiError(403, ErrorCode.forbidden, "this task was not dispatched to the calling node",
                       [ErrorDetail(field="task_id", message="not sent to this node")])
    by_host = {step.host_run.host_name: step for step in steps}
    for i, host_result in enumerate(result.results):
        if host_result.host not in by_host:
            raise ApiError(422, ErrorCode.validation_error, "result for a host not in the task",
                           [ErrorDetail(field=f"results.{i}.host",
                                        message=f"host '{host_result.host}' is not in the task")])
    executions = {e.id: e for e in Execution.select().where(
        Execution.id.in_({s.execution_id for s in steps}))}
    accepted, due = 0, []
    updates = RowUpdates()
    with outbox.collected():
        for host_result in result.results:
            step = by_host[host_result.host]
            if step.status == "done":
                continue
            accepted += 1
            if sent is not None:
                sent.append(step.dispatched_at)
            step.host_run.execution = executions[step.execution_id]
            if (host_run_id := record(step, host_result, now, updates=updates)) is not None:
                due.append(host_run_id)
        updates.run(database)
    return ResultAck(task_id=result.task_id, accepted=accepted), due


def settle(step: Step, message: str, now: datetime, status: StepStatus = StepStatus.lost,
           retry_not_before: datetime | None = None) -> int | None:
    """Give an outstanding step a result decided here; its host run id when now due."""
    result = HostResult(host=step.host_run.host_name, status=status, msg=message,
                        finished_at=now)
    return record(step, result, now, retry_not_before)


def lost_by_heartbeat(node: str) -> str:
    """The message (and ``last_problem``) of a step its node's silence settled (failover)."""
    return f"node {node} stopped sending heartbeats"


def failed_over_since(node: Node, since: datetime) -> list[str]:
    """The task ids the node knows of the steps failover took from it since ``since``: a node
    back from silence may still run them, and is told to cancel them."""
    rows = Step.select(Step.batch_id).where(
        Step.node == node.name, Step.status == "done", Step.finished_at >= since,
        Step.last_problem == lost_by_heartbeat(node.name), Step.batch_id.is_null(False)
    ).distinct()
    return sorted({str(r.batch_id) for r in rows})


def heartbeat(node: Node, beat: NodeHeartbeat, now: datetime) -> list[int]:
    """In a write transaction: record a node's load; the tasks it confirms gone end ``lost``.

    The node reports a task lost only once nothing of it still runs, so a retry may start at
    once. Steps are locked before the node row (the order dispatch uses).
    """
    due: list[int] = []
    ids = beat.lost_task_ids
    if ids:
        lost = lock(Step.select().where(Step.batch_id.in_(ids) | Step.task_id.in_(ids),
                                        Step.node == node.name, Step.status == "dispatched"),
                    database)
        for step in lost:
            if (host_run_id := settle(step, f"node {node.name} lost the task", now)) is not None:
                due.append(host_run_id)
    registry.heartbeat(node, beat, now)
    return due
