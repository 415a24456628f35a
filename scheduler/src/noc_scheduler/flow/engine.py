"""The flow interpreter: graph + state + result -> the next action. Pure: no I/O, no clock.

Each public function mutates the ``FlowState`` it is given and returns one ``Action``:
``RunTask`` (dispatch a task node), ``WaitUntil`` (a wait node sleeps), ``RetryLater``
(a failed task retries after its delay) or ``Finish`` (the host run is over). Expressions are
evaluated by the ``Evaluator`` the caller injects (the sandbox in the scheduler, in-process in
unit tests); a failed one ends a task step ``error`` (failure path) or a decision's or loop's
host run, with a message naming the node and the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from noc_contracts import (
    DecisionNode,
    EndNode,
    HostRunStatus,
    LoopNode,
    ProcedureGraph,
    StepStatus,
    TaskNode,
    WaitNode,
)
from noc_scheduler.flow.evaluator import Evaluator
from noc_scheduler.flow.expressions import ExpressionError
from noc_scheduler.flow.flowstate import FlowState
from noc_scheduler.flow.params import check_params, render_params

#: Upper bound on nodes entered in one walk (between two tasks/waits): stops runaway graphs.
MAX_TRANSITIONS = 1_000


@dataclass(frozen=True)
class RunTask:
    node_id: str
    attempt: int
    params: dict[str, Any]
    timeout_s: int
    task_type: str = ""


@dataclass(frozen=True)
class WaitUntil:
    node_id: str
    seconds: float


@dataclass(frozen=True)
class RetryLater:
    node_id: str
    attempt: int
    delay_s: float


@dataclass(frozen=True)
class Finish:
    status: HostRunStatus
    message: str = field(default="")


Action = RunTask | WaitUntil | RetryLater | Finish


def context(state: FlowState, ctx: dict[str, Any]) -> dict[str, Any]:
    """The expression context: the caller's ``host``/``vars``/``execution`` plus our own."""
    return {**ctx, "steps": state.steps, "loop": state.loops}


@dataclass(frozen=True)
class _Walk:
    """What every step of one call shares: the graph, the caller's context, the evaluator."""

    graph: ProcedureGraph
    ctx: dict[str, Any]
    ev: Evaluator


def start(graph: ProcedureGraph, state: FlowState, ctx: dict[str, Any],
          evaluator: Evaluator) -> Action:
    """Begin the walk at the graph's start node."""
    return _walk(_Walk(graph, ctx, evaluator), state, graph.start)


def on_result(graph: ProcedureGraph, state: FlowState, node_id: str,
              result: dict[str, Any], ctx: dict[str, Any], evaluator: Evaluator) -> Action:
    """A task node's result arrived (``result`` holds HostResult fields): decide what next."""
    w = _Walk(graph, ctx, evaluator)
    node = graph.node(node_id)
    if not isinstance(node, TaskNode):
        return _finish(state, HostRunStatus.failed, f"result for unknown task node '{node_id}'")
    status = StepStatus(result.get("status", StepStatus.error))
    state.steps[node_id] = _step_record(result)
    attempt = state.attempts.get(node_id, 1)
    if status == StepStatus.ok:
        return _follow(w, state, node_id, "success", default=HostRunStatus.success)
    if status == StepStatus.cancelled:
        return _finish(state, HostRunStatus.cancelled, "task cancelled")
    if attempt <= node.retries:
        if node.retry_delay_s > 0:
            state.waiting = {"kind": "retry", "node": node_id, "attempt": attempt + 1}
            return RetryLater(node_id, attempt + 1, float(node.retry_delay_s))
        return _run_task(w, state, node, attempt + 1)
    return _task_failed(w, state, node, status)


def resume(graph: ProcedureGraph, state: FlowState, ctx: dict[str, Any],
           evaluator: Evaluator) -> Action:
    """A wait node's time is up, or a delayed retry is due."""
    w = _Walk(graph, ctx, evaluator)
    waiting, state.waiting = state.waiting, None
    if not waiting:
        return _finish(state, HostRunStatus.failed, "resumed a host run that was not waiting")
    node = graph.node(str(waiting.get("node")))
    if waiting.get("kind") == "retry" and isinstance(node, TaskNode):
        return _run_task(w, state, node, int(waiting.get("attempt", 1)))
    if isinstance(node, WaitNode):
        return _follow(w, state, node.id, "next", default=HostRunStatus.success)
    return _finish(state, HostRunStatus.failed, f"cannot resume at '{waiting.get('node')}'")


def _step_record(result: dict[str, Any]) -> dict[str, Any]:
    return {"status": str(result.get("status", StepStatus.error)),
            "changed": bool(result.get("changed", False)), "rc": result.get("rc"),
            "stdout": result.get("stdout", ""), "stderr": result.get("stderr", ""),
            "msg": result.get("msg", ""), "facts": result.get("facts") or {}}


def _finish(state: FlowState, status: HostRunStatus, message: str = "") -> Finish:
    state.status = str(status)
    state.message = message
    state.waiting = None
    return Finish(status, message)


def _task_failed(w: _Walk, state: FlowState, node: TaskNode, status: StepStatus) -> Action:
    if w.graph.next_node(node.id, "failure") is not None:
        return _follow(w, state, node.id, "failure", default=HostRunStatus.failed)
    final = HostRunStatus.unreachable if status == StepStatus.unreachable else HostRunStatus.failed
    return _finish(state, final, f"task '{node.id}' ended {status}")


def _run_task(w: _Walk, state: FlowState, node: TaskNode, attempt: int) -> Action:
    """Render and check the params; a failure ends the step ``error`` (no node round-trip)."""
    state.current = node.id
    state.attempts[node.id] = attempt
    try:
        params = render_params(node, context(state, w.ctx), w.ev)
        check_params(node, params)
    except ExpressionError as exc:
        state.steps[node.id] = _step_record({"status": StepStatus.error, "msg": str(exc)})
        state.errors.append(node.id)
        return _task_failed(w, state, node, StepStatus.error)
    return RunTask(node.id, attempt, params, node.timeout_s, node.task)


def _follow(w: _Walk, state: FlowState, node_id: str, on: str,
            default: HostRunStatus) -> Action:
    target = w.graph.next_node(node_id, on)
    if target is None:
        return _finish(state, default, f"'{node_id}' has no '{on}' edge")
    return _walk(w, state, target)


def _walk(w: _Walk, state: FlowState, node_id: str) -> Action:
    """Enter ``node_id`` and keep walking through decisions and loops until an action."""
    for _ in range(MAX_TRANSITIONS):
        node = w.graph.node(node_id)
        if node is None:
            return _finish(state, HostRunStatus.failed, f"edge to unknown node '{node_id}'")
        state.current = node_id
        state.path.append(node_id)
        if isinstance(node, TaskNode):
            return _run_task(w, state, node, 1)
        if isinstance(node, WaitNode):
            state.waiting = {"kind": "wait", "node": node_id}
            return WaitUntil(node_id, float(node.seconds))
        if isinstance(node, EndNode):
            final = HostRunStatus.success if node.result == "success" else HostRunStatus.failed
            return _finish(state, final, f"ended at '{node_id}'")
        try:
            on = (_decide(w, node, state) if isinstance(node, DecisionNode)
                  else _loop(w, node, state))
        except ExpressionError as exc:
            state.steps[node_id] = _step_record({"status": StepStatus.error, "msg": str(exc)})
            state.errors.append(node_id)
            return _finish(state, HostRunStatus.failed, str(exc))
        if state.trace is not None:
            state.trace.append(_traced(state, node_id, on, isinstance(node, LoopNode)))
        target = w.graph.next_node(node_id, on)
        if target is None:
            return _finish(state, HostRunStatus.failed, f"'{node_id}' has no '{on}' edge")
        node_id = target
    return _finish(state, HostRunStatus.failed,
                   f"runaway walk: more than {MAX_TRANSITIONS} nodes without a task")


def _traced(state: FlowState, node_id: str, on: str, loop: bool) -> dict[str, Any]:
    """The way out of a decision or loop, for a simulation's trace (real runs keep none)."""
    entry: dict[str, Any] = {"node": node_id, "on": on}
    if loop:
        entry["loop"] = dict(state.loops.get(node_id, {}))
    return entry


def _named(node_id: str, field_name: str, exc: ExpressionError) -> ExpressionError:
    """The same kind of error, its message naming the node and the field."""
    return type(exc)(f"'{node_id}' {field_name}: {exc}")


def _decide(w: _Walk, node: DecisionNode, state: FlowState) -> str:
    try:
        return "true" if w.ev.condition(node.condition, context(state, w.ctx)) else "false"
    except ExpressionError as exc:
        raise _named(node.id, "condition", exc) from exc


def _loop(w: _Walk, node: LoopNode, state: FlowState) -> str:
    """Count this entry; ``body`` while allowed, else ``done``.

    After ``done`` the last iteration's values stay readable (``loop.<id>.index`` is how many
    times the body ran, ``loop.<id>.done`` is true); entering the loop again starts at 1.
    """
    previous = state.loops.get(node.id, {})
    if previous.get("done"):
        previous = {}
    index = int(previous.get("index", 0)) + 1
    candidate: dict[str, Any] = {"index": index, "index0": index - 1, "item": None}
    go = index <= node.max_iterations
    if go and node.items is not None:
        items = _items(w, node, state)
        go = index - 1 < len(items)
        if go:
            candidate["item"] = items[index - 1]
    if go and node.while_:
        trial = FlowState(steps=state.steps, loops={**state.loops, node.id: candidate})
        try:
            go = w.ev.condition(node.while_, context(trial, w.ctx))
        except ExpressionError as exc:
            raise _named(node.id, "while", exc) from exc
    if go:
        state.loops[node.id] = candidate
        return "body"
    last = previous or {"index": 0, "index0": -1, "item": None}
    state.loops[node.id] = {**last, "done": True}
    return "done"


def _items(w: _Walk, node: LoopNode, state: FlowState) -> list[Any]:
    items = node.items
    if isinstance(items, str):
        try:
            items = w.ev.render_value(items, context(state, w.ctx))
        except ExpressionError as exc:
            raise _named(node.id, "items", exc) from exc
    if not isinstance(items, list | tuple):
        raise ExpressionError(f"'{node.id}' items: must be a list, got {type(items).__name__}")
    return list(items)
