"""Moving host runs on: two short transactions with the evaluation between them.

Transaction 1 (the caller's: a result recorded, an execution created, a wait over) durably
marks the host run due with ``mark_due``: ``advance`` says why, ``version`` moves on. After
it commits, ``advance`` reads the host runs, evaluates each move outside any transaction (the
engine with the sandbox evaluator), then transaction 2 applies each move only if the host run
still has the version it was read with and is still running (compare-and-set). A process that
dies in between leaves the mark; ``redo_due`` (the maintenance loop) advances it later.
Many host runs go through one transaction pair (``ids`` is a list).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from noc_contracts import ExecutionStatus, HostRunStatus, ProcedureGraph
from noc_scheduler.core.errors import SchedulerError
from noc_scheduler.dispatch import batching
from noc_scheduler.events import outbox
from noc_scheduler.flow import engine
from noc_scheduler.flow.evaluator import WalkBudget
from noc_scheduler.flow.flowstate import FlowState
from noc_scheduler.runs import flows
from noc_scheduler.store.db import among, claim, lock, lock_no_key
from noc_scheduler.store.models import Execution, HostRun, Step, utcnow
from noc_scheduler.store.row_updates import RowUpdates

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

START, RESULT, RESUME = "start", "result", "resume"
#: a marked advance nobody finished after this long is taken by the maintenance loop
REDO_S = 10.0
BATCH = 500
_RUNNING = str(HostRunStatus.running)


def trigger(kind: str, **data: Any) -> dict[str, Any]:
    return {"kind": kind, **data}


def mark_due(host_run_id: int, why: dict[str, Any], now: datetime,
             redo_s: float = REDO_S, updates: RowUpdates | None = None) -> None:
    """Transaction 1: the host run is due to advance (call inside the write transaction);
    ``updates``: left there for the caller to run with other rows."""
    if updates is not None:
        updates.add(HostRun, host_run_id, {"advance": why, "advance_at": now + timedelta(
            seconds=redo_s)}, bump="version")
        return
    HostRun.update(advance=why, advance_at=now + timedelta(seconds=redo_s),
                   version=HostRun.version + 1).where(HostRun.id == host_run_id).execute()


def advance_now(rt: Runtime, ids: Iterable[int]) -> None:
    """After a transaction 1 committed: advance and dispatch; a failure here is logged and
    left to the maintenance loop (the marks are durable), never an error for the caller."""
    try:
        rt.enqueue_dispatch(advance(rt, ids))
    except Exception:
        logger.exception("advancing host runs failed; the maintenance loop will redo it")


def _execution_of(row: HostRun) -> str:
    """The execution id of a host run, without loading the execution."""
    return str(row.__data__["execution"])


@dataclass
class _Plan:
    host_run_id: int
    execution: Execution
    version: int
    state: FlowState
    action: engine.Action | None  # None: the mark was stale, only clear it


def advance(rt: Runtime, ids: Iterable[int]) -> list[str]:
    """Advance the marked host runs among ``ids``; returns new task ids to dispatch."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    if rt.db.in_transaction():  # evaluating here would hold the transaction's locks
        raise SchedulerError("advance() must be called after the transaction committed")
    with rt.db.connection_context():  # reads only: no transaction is held while evaluating
        rows = list(HostRun.select(*_PLANNED).where(
            among(HostRun.id, wanted, rt.db), HostRun.status == _RUNNING,
            HostRun.advance.is_null(False)))
        executions = {e.id: e for e in Execution.select().where(
            Execution.id.in_({_execution_of(r) for r in rows}))} if rows else {}
        task_ids = [r.advance.get("task_id") for r in rows if r.advance.get("kind") == RESULT]
        # what ``_plan`` reads of a step (not its params)
        steps = {s.task_id: s for s in Step.select(
            Step.task_id, Step.step_id, Step.attempt, Step.result).where(
            among(Step.task_id, task_ids, rt.db))} if task_ids else {}
    graphs: dict[str, ProcedureGraph] = {}
    plans: list[_Plan] = []
    for row in rows:
        execution = executions.get(_execution_of(row))
        if execution is None or execution.status != ExecutionStatus.running:
            continue
        if execution.id not in graphs:
            graphs[execution.id] = ProcedureGraph.model_validate(execution.graph)
        step = steps.get(str(row.advance.get("task_id")))
        plans.append(_plan(rt, row, execution, graphs[execution.id], step))
    if not plans:
        return []
    new = _apply(rt, plans)
    rt.arrivals.notify()  # a dispatch waiting for its batch's stragglers looks again
    return new


def _plan(rt: Runtime, row: HostRun, execution: Execution, graph: ProcedureGraph,
          step: Step | None) -> _Plan:
    """Evaluate one move (no transaction open); an unexpected failure ends the host run."""
    state = FlowState.from_json(row.state)
    why: dict[str, Any] = row.advance
    walk = WalkBudget(rt.evaluator, rt.walk_budget_s)
    action: engine.Action | None
    try:
        ctx = flows.host_context(execution, flows.load_host(rt.box, row))
        if why.get("kind") == START:
            action = engine.start(graph, state, ctx, walk)
        elif why.get("kind") == RESUME:
            action = engine.resume(graph, state, ctx, walk)
        elif why.get("kind") == RESULT and step is not None and step.result is not None:
            if state.current != step.step_id or state.attempts.get(step.step_id) != step.attempt:
                logger.warning("result for %s is not the host run's current step; ignored",
                               step.task_id)
                action = None
            else:
                action = engine.on_result(graph, state, step.step_id, step.result, ctx, walk)
                action = _hold_unsafe_retry(state, action, step.step_id, why)
        else:
            action = engine.Finish(HostRunStatus.failed, f"cannot advance on {why!r}")
    except Exception as exc:  # a bug must not leave the run running forever
        logger.exception("host run %d could not be advanced", row.id)
        state = FlowState.from_json(row.state)
        action = engine.Finish(HostRunStatus.failed,
                               f"the scheduler could not advance this host: {type(exc).__name__}")
        state.status, state.message = str(action.status), action.message
    return _Plan(row.id, execution, row.version, state, action)


def _hold_unsafe_retry(state: FlowState, action: engine.Action, node_id: str,
                       why: dict[str, Any]) -> engine.Action:
    """A lost attempt not confirmed gone is retried only after ``retry_not_before``."""
    not_before = why.get("retry_not_before")
    if not not_before:
        return action
    wait = (datetime.fromisoformat(not_before) - utcnow()).total_seconds()
    if wait <= 0:
        return action
    if isinstance(action, engine.RunTask) and action.node_id == node_id:
        state.waiting = {"kind": "retry", "node": node_id, "attempt": action.attempt}
        return engine.RetryLater(node_id, action.attempt, wait)
    if isinstance(action, engine.RetryLater) and action.node_id == node_id \
            and action.delay_s < wait:
        return engine.RetryLater(node_id, action.attempt, wait)
    return action


def _apply(rt: Runtime, plans: list[_Plan]) -> list[str]:
    """Transaction 2: apply each plan whose host run is unchanged and still running; new
    steps and events are inserted together, and each execution is checked for its end once.
    Returns the new steps to enqueue: one per group that travels as one request."""
    new: list[str] = []
    writes = flows.Writes()
    ended: dict[str, Execution] = {}
    stale = 0
    with rt.db.connection_context(), rt.db.atomic(), outbox.collected():
        now = utcnow()
        # the same lock order as cancel: the execution first, then its host runs
        list(lock_no_key(Execution.select(Execution.id).where(
            Execution.id.in_({p.execution.id for p in plans})).order_by(Execution.id), rt.db))
        # what the compare-and-set and the write need, not the flow state read before
        rows = {r.id: r for r in lock(HostRun.select(*_CHECKED).where(
            among(HostRun.id, [p.host_run_id for p in plans], rt.db)).order_by(HostRun.id), rt.db)}
        for plan in plans:
            row = rows.get(plan.host_run_id)
            if row is None or row.version != plan.version or row.status != _RUNNING:
                stale += 1
                continue
            row.execution = plan.execution
            if plan.action is None:
                HostRun.update(advance=None, advance_at=None, version=HostRun.version + 1
                               ).where(HostRun.id == row.id).execute()
                continue
            new += flows.apply(row, plan.state, plan.action, now, writes)
            if isinstance(plan.action, engine.Finish):
                ended[plan.execution.id] = plan.execution
        created = writes.run(rt.db)
        for execution in ended.values():
            flows.maybe_finish_execution(execution, now)
    if stale:
        logger.info("%d host run(s) changed while being advanced; left to their new state",
                    stale)
    if not rt.settings.batching:
        return new
    return batching.leaders(created)


#: the host run columns an evaluation reads (not its selector, times or history)
_PLANNED = (HostRun.id, HostRun.execution, HostRun.host_name, HostRun.host_enc, HostRun.status,
            HostRun.state, HostRun.version, HostRun.advance)
#: the host run columns transaction 2 reads (``flows.apply`` writes the rest from the plan)
_CHECKED = (HostRun.id, HostRun.execution, HostRun.host_name, HostRun.status, HostRun.version,
            HostRun.finished_at, HostRun.selector)


def redo_due(rt: Runtime, now: datetime) -> int:
    """Advance marked host runs whose advance nobody finished (a crash between the two)."""
    redo = max(REDO_S, 2 * rt.walk_budget_s)
    with rt.db.connection_context(), rt.db.atomic():
        due = [r.id for r in claim(HostRun.select(HostRun.id).where(
            HostRun.advance.is_null(False), HostRun.advance_at <= now,
            HostRun.status == _RUNNING).order_by(HostRun.id).limit(BATCH), rt.db)]
        if due:
            HostRun.update(advance_at=now + timedelta(seconds=redo)).where(
                HostRun.id.in_(due)).execute()
    if due:
        logger.info("advancing %d host run(s) left due", len(due))
        rt.enqueue_dispatch(advance(rt, due))
    return len(due)
