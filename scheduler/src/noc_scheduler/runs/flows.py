"""Apply an engine action to the database, and end host runs and executions. Call inside a
write transaction; ``apply`` returns the task ids of new steps, to enqueue for dispatch once
the transaction has committed. Nothing here evaluates an expression."""

from __future__ import annotations

import functools
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from noc_contracts import (
    EventType,
    ExecutionStatus,
    HostResult,
    HostRunStatus,
    StepStatus,
    TargetHost,
)
from noc_scheduler.events.outbox import emit
from noc_scheduler.flow import engine
from noc_scheduler.flow.flowstate import FlowState
from noc_scheduler.store.crypto import SecretBox
from noc_scheduler.store.db import lock_no_key
from noc_scheduler.store.models import Execution, HostRun, Step, database
from noc_scheduler.store.row_updates import RowUpdates, insert_rows

logger = logging.getLogger(__name__)

#: A pending step not dispatched after this long is picked up again by the maintenance loop.
REDISPATCH_AFTER_S = 3.0
_FAILED = {HostRunStatus.failed, HostRunStatus.unreachable}


def load_host(box: SecretBox, host_run: HostRun) -> TargetHost:
    """The host run's host (with its credential), decrypted once per process: a host run's
    host is never rewritten, and decrypting and validating it for every step and dispatch was
    a tenth of the scheduler's work. Callers never change the object it returns."""
    return _decrypted_host(box, host_run.host_enc)


@functools.lru_cache(maxsize=10_000)
def _decrypted_host(box: SecretBox, host_enc: str) -> TargetHost:
    return TargetHost.model_validate(box.decrypt_json(host_enc))


def host_context(execution: Execution, host: TargetHost) -> dict[str, Any]:
    """What templates may see: never the credential."""
    return context_of(host, execution.vars or {}, execution_id=execution.id,
                      procedure=execution.procedure_name, started_at=execution.started_at)


def context_of(host: TargetHost, launch_vars: dict[str, Any], *, execution_id: str,
               procedure: str, started_at: datetime) -> dict[str, Any]:
    """The expression context of one host run (a real one, or a simulated one)."""
    return {
        "host": {"name": host.name, "address": host.address, "port": host.port,
                 "user": host.user, "connection": str(host.connection),
                 "groups": list(host.groups), "vars": dict(host.vars)},
        "vars": dict(launch_vars),
        "execution": {"id": execution_id, "procedure": procedure,
                      "started_at": started_at.isoformat()},
    }


#: the host run columns an advance changes (its host and history are never rewritten)
_MOVED = ("state", "wake_at", "advance", "advance_at", "version", "status", "finished_at")


@dataclass
class Writes:
    """What ``apply`` leaves for its caller to write for many host runs at once: new steps'
    rows, and each host run's changed columns; then ``maybe_finish_execution`` once."""

    steps: list[dict[str, Any]] = field(default_factory=list)
    updates: RowUpdates = field(default_factory=RowUpdates)

    def run(self, db: Any) -> list[dict[str, Any]]:
        """Write everything left here; the new steps' rows it inserted."""
        self.updates.run(db)
        steps, self.steps = self.steps, []
        insert_rows(database, Step, steps)
        return steps


def apply(host_run: HostRun, state: FlowState, action: engine.Action, now: datetime,
          writes: Writes) -> list[str]:
    """Carry out ``action`` for one host run with ``state``; its advance is done.

    The host run's changed row and a new step's row are left in ``writes`` for the caller to
    write with others' (``Writes.run``), and a finished host run's execution is not checked
    here (the caller calls ``maybe_finish_execution`` once).
    """
    execution: Execution = host_run.execution
    for node_id in state.drain_errors():
        record = state.steps.get(node_id, {})
        emit(execution.id, EventType.step_finished, now, host=host_run.host_name,
             step_id=node_id, visit=max(1, state.path.count(node_id)),
             attempt=state.attempts.get(node_id, 1), status=StepStatus.error,
             result=HostResult(host=host_run.host_name, status=StepStatus.error,
                               msg=str(record.get("msg", "")), finished_at=now))
    new: list[str] = []
    host_run.wake_at = None
    host_run.advance = None
    host_run.advance_at = None
    host_run.version += 1
    if isinstance(action, engine.RunTask):
        task_id = uuid.uuid4().hex
        row = {"task_id": task_id, "host_run": host_run.id, "execution_id": execution.id,
               "step_id": action.node_id, "task_type": action.task_type,
               "attempt": action.attempt, "visit": max(1, state.path.count(action.node_id)),
               "params": action.params, "timeout_s": action.timeout_s,
               "selector": host_run.selector, "status": "pending",
               "next_attempt_at": now + timedelta(seconds=REDISPATCH_AFTER_S),
               "created_at": now}
        writes.steps.append(row)
        new.append(task_id)
    elif isinstance(action, engine.WaitUntil | engine.RetryLater):
        seconds = action.seconds if isinstance(action, engine.WaitUntil) else action.delay_s
        host_run.wake_at = now + timedelta(seconds=seconds)
    host_run.state = state.to_json()
    if isinstance(action, engine.Finish):
        finish_host_run(host_run, action.status, now, path=state.path, save=False)
    writes.updates.add(HostRun, host_run.id, {name: getattr(host_run, name) for name in _MOVED})
    return new


def finish_host_run(host_run: HostRun, status: HostRunStatus, now: datetime,
                    path: list[str] | None = None, save: bool = True) -> None:
    """End one host run; ``path`` (every flowchart node it entered) goes to the history.

    A pending advance is dropped and the version moves on: an evaluation in flight for it
    will find the host run changed and apply nothing. ``save=False``: the caller saves it.
    """
    host_run.version += 1
    host_run.status = str(status)
    host_run.finished_at = now
    host_run.wake_at = None
    host_run.advance = None
    host_run.advance_at = None
    if save:
        host_run.save(only=[getattr(HostRun, name) for name in _MOVED])
    emit(host_run.execution.id, EventType.host_finished, now, host=host_run.host_name,
         status=str(status), data={"path": list(path)} if path is not None else None)


_OPEN = [str(HostRunStatus.running), str(HostRunStatus.pending)]


def maybe_finish_execution(execution: Execution, now: datetime) -> None:
    """When no host run is left running, the execution ends with the mix of their outcomes.

    The execution row is locked first: host runs finishing at once in concurrent transactions
    (PostgreSQL) would otherwise each see the other still running, and none would finish it.
    One indexed existence check while hosts still run; the mix is read once, at the end.
    """
    execution = lock_no_key(Execution.select().where(Execution.id == execution.id),
                            database).first() or execution
    if execution.status != ExecutionStatus.running:
        return
    if HostRun.select(HostRun.id).where(HostRun.execution == execution,
                                        HostRun.status.in_(_OPEN)).exists():
        return
    statuses = {HostRunStatus(row.status) for row in HostRun.select(HostRun.status).where(
        HostRun.execution == execution).group_by(HostRun.status)}
    if statuses and statuses <= {HostRunStatus.success}:
        final = ExecutionStatus.success
    elif statuses and statuses <= _FAILED:
        final = ExecutionStatus.failed
    else:
        final = ExecutionStatus.partial
    execution.status = str(final)
    execution.finished_at = now
    execution.save()
    emit(execution.id, EventType.execution_finished, now, status=str(final))
