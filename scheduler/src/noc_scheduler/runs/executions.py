"""Create an execution from a resolved run, and cancel one (cancel evaluates nothing, so it
is one transaction)."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from noc_contracts import (
    REVEAL,
    EventType,
    ExecutionStatus,
    HostResult,
    HostRunStatus,
    ResolvedRun,
    StepStatus,
    format_labels,
    mask_secret_values,
)
from noc_scheduler.events.outbox import emit
from noc_scheduler.flow.flowstate import FlowState
from noc_scheduler.runs import advance, flows
from noc_scheduler.store.crypto import SecretBox
from noc_scheduler.store.models import Execution, HostRun, Step, database
from noc_scheduler.store.row_updates import insert_rows

logger = logging.getLogger(__name__)


def create_execution(box: SecretBox, run: ResolvedRun, *, schedule_id: int | None,
                     run_vars: dict[str, Any], check_mode: bool, now: datetime,
                     launched_by: str = "", target: dict[str, Any] | None = None,
                     ) -> tuple[Execution, list[int]]:
    """Inside the caller's transaction: the execution and a host run per host, each marked
    due to start; returns the host run ids to advance once the transaction has committed.

    The ``execution_started`` event records who launched it, the target, the schedule, dry
    run or not, and the vars with secret-looking values masked (the real ones stay here).
    """
    execution = Execution.create(
        id=uuid.uuid4().hex, schedule_id=schedule_id, procedure_id=run.procedure_id,
        procedure_name=run.procedure_name, procedure_version=run.procedure_version,
        graph=run.graph.model_dump(mode="json", by_alias=True), vars=run_vars,
        check_mode=check_mode, status=str(ExecutionStatus.running), started_at=now)
    emit(execution.id, EventType.execution_started, now, data={
        "procedure_id": run.procedure_id, "procedure_name": run.procedure_name,
        "procedure_version": run.procedure_version, "schedule_id": schedule_id,
        "check_mode": check_mode, "hosts": [h.name for h in run.hosts],
        "launched_by": launched_by, "target": target or {},
        "vars": mask_secret_values(run_vars)})
    redo_at = now + timedelta(seconds=advance.REDO_S)
    start, fresh = advance.trigger(advance.START), FlowState().to_json()
    rows = [{"execution": execution.id, "host_name": host.name,
             "host_enc": box.encrypt_json(host.model_dump(mode="json", context=REVEAL)),
             "selector": format_labels(host.node_selector),
             "status": str(HostRunStatus.running), "state": fresh, "version": 1,
             "advance": start, "advance_at": redo_at} for host in run.hosts]
    insert_rows(database, HostRun, rows)
    ids = [int(r.id) for r in HostRun.select(HostRun.id).where(
        HostRun.execution == execution.id).order_by(HostRun.id)]
    if not run.hosts:
        flows.maybe_finish_execution(execution, now)
    return execution, ids


@dataclass(frozen=True)
class RemoteCancel:
    """A dispatched task to ask its node to stop (after the transaction commits)."""

    task_id: str
    node: str


def cancel_execution(execution: Execution, now: datetime) -> list[RemoteCancel]:
    """Inside a write transaction: end every pending/running piece of ``execution``."""
    if execution.status != ExecutionStatus.running:
        return []
    remote: list[RemoteCancel] = []
    open_steps = Step.select().where(Step.execution_id == execution.id, Step.status != "done")
    for step in open_steps:
        if step.status == "dispatched" and step.node:
            remote_id = step.batch_id or step.task_id  # the id the node knows
            if all(r.task_id != remote_id for r in remote):
                remote.append(RemoteCancel(remote_id, step.node))
        result = HostResult(host=step.host_run.host_name, status=StepStatus.cancelled,
                            msg="execution cancelled", finished_at=now)
        step.status = "done"
        step.result = result.model_dump(mode="json")
        step.finished_at = now
        step.lease_expires_at = None
        step.save()
        emit(execution.id, EventType.step_finished, now, host=result.host, step_id=step.step_id,
             visit=step.visit,
             attempt=step.attempt, status=str(StepStatus.cancelled), result=result)
    running = HostRun.select().where(
        HostRun.execution == execution,
        HostRun.status.in_([str(HostRunStatus.running), str(HostRunStatus.pending)]))
    for host_run in running:
        flows.finish_host_run(host_run, HostRunStatus.cancelled, now)
    execution.status = str(ExecutionStatus.cancelled)
    execution.finished_at = now
    execution.save()
    emit(execution.id, EventType.execution_finished, now, status=str(ExecutionStatus.cancelled))
    return remote
