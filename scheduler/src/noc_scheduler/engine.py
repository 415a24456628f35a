"""The flow interpreter: graph + state + result -> the next action. Pure: no I/O, no clock.

Each public function mutates the ``FlowState`` it is given and returns one ``Action``:
``RunTask`` (dispatch a task node), ``WaitUntil`` (a wait node sleeps), ``RetryLater``
(a failed task retries after its delay) or ``Finish`` (the host run is over).
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
from noc_scheduler import expressions
from noc_scheduler.expressions import ExpressionError
from noc_scheduler.flowstate import FlowState

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


def start(graph: ProcedureGraph, state: FlowState, ctx: dict[str, Any]) -> Action:
    """Begin the walk at the graph's start node."""
    return _walk(graph, state, graph.start, ctx)


def on_result(graph: ProcedureGraph, state: FlowState, node_id: str,
              result: dict[str, Any], ctx: dict[str, Any]) -> Action:
    """A task node's result arrived (``result`` holds HostResult fields): decide what next."""
    node = graph.node(node_id)
    if not isinstance(node, TaskNode):
        return _finish(state, HostRunStatus.failed, f"result for unknown task node '{node_id}'")
    status = StepStatus(result.get("status", StepStatus.error))
    state.steps[node_id] = _step_record(result)
    attempt = state.attempts.get(node_id, 1)
    if status == StepStatus.ok:
        return _follow(graph, state, node_id, "success", ctx, default=HostRunStatus.success)
    if status == StepStatus.cancelled:
        return _finish(state, HostRunStatus.cancelled, "task cancelled")
    if attempt <= node.retries:
        if node.retry_delay_s > 0:
            state.waiting = {"kind": "retry", "node": node_id, "attempt": attempt + 1}
            return RetryLater(node_id, attempt + 1, float(node.retry_delay_s))
        return _run_task(graph, state, node, attempt + 1, ctx)
    return _task_failed(graph, state, node, status, ctx)


def resume(graph: ProcedureGraph, state: FlowState, ctx: dict[str, Any]) -> Action:
    """A wait node's time is up, or a delayed retry is due."""
    waiting, state.waiting = state.waiting, None
    if not waiting:
        return _finish(state, HostRunStatus.failed, "resumed a host run that was not waiting")
    node = graph.node(str(waiting.get("node")))
    if waiting.get("kind") == "retry" and isinstance(node, TaskNode):
        return _run_task(graph, state, node, int(waiting.get("attempt", 1)), ctx)
    if isinstance(node, WaitNode):
        return _follow(graph, state, node.id, "next", ctx, default=HostRunStatus.success)
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


def _task_failed(graph: ProcedureGraph, state: FlowState, node: TaskNode, status: StepStatus,
                 ctx: dict[str, Any]) -> Action:
    if graph.next_node(node.id, "failure") is not None:
        return _follow(graph, state, node.id, "failure", ctx, default=HostRunStatus.failed)
    final = HostRunStatus.unreachable if status == StepStatus.unreachable else HostRunStatus.failed
    return _finish(state, final, f"task '{node.id}' ended {status}")


def _run_task(graph: ProcedureGraph, state: FlowState, node: TaskNode, attempt: int,
              ctx: dict[str, Any]) -> Action:
    state.current = node.id
    state.attempts[node.id] = attempt
    try:
        params = expressions.render_value(node.params, context(state, ctx))
    except ExpressionError as exc:
        state.steps[node.id] = _step_record({"status": StepStatus.error, "msg": str(exc)})
        state.errors.append(node.id)
        return _task_failed(graph, state, node, StepStatus.error, ctx)
    return RunTask(node.id, attempt, params, node.timeout_s, node.task)


def _follow(graph: ProcedureGraph, state: FlowState, node_id: str, on: str,
            ctx: dict[str, Any], default: HostRunStatus) -> Action:
    target = graph.next_node(node_id, on)
    if target is None:
        return _finish(state, default, f"'{node_id}' has no '{on}' edge")
    return _walk(graph, state, target, ctx)


def _walk(graph: ProcedureGraph, state: FlowState, node_id: str, ctx: dict[str, Any]) -> Action:
    """Enter ``node_id`` and keep walking through decisions and loops until an action."""
    for _ in range(MAX_TRANSITIONS):
        node = graph.node(node_id)
        if node is None:
            return _finish(state, HostRunStatus.failed, f"edge to unknown node '{node_id}'")
        state.current = node_id
        state.path.append(node_id)
        if isinstance(node, TaskNode):
            return _run_task(graph, state, node, 1, ctx)
        if isinstance(node, WaitNode):
            state.waiting = {"kind": "wait", "node": node_id}
            return WaitUntil(node_id, float(node.seconds))
        if isinstance(node, EndNode):
            final = HostRunStatus.success if node.result == "success" else HostRunStatus.failed
            return _finish(state, final, f"ended at '{node_id}'")
        try:
            on = (_decide(node, state, ctx) if isinstance(node, DecisionNode)
                  else _loop(node, state, ctx))
        except ExpressionError as exc:
            state.steps[node_id] = _step_record({"status": StepStatus.error, "msg": str(exc)})
            state.errors.append(node_id)
            return _finish(state, HostRunStatus.failed, f"'{node_id}': {exc}")
        target = graph.next_node(node_id, on)
        if target is None:
            return _finish(state, HostRunStatus.failed, f"'{node_id}' has no '{on}' edge")
        node_id = target
    return _finish(state, HostRunStatus.failed,
                   f"runaway walk: more than {MAX_TRANSITIONS} nodes without a task")


def _decide(node: DecisionNode, state: FlowState, ctx: dict[str, Any]) -> str:
    return "true" if expressions.condition(node.condition, context(state, ctx)) else "false"


def _loop(node: LoopNode, state: FlowState, ctx: dict[str, Any]) -> str:
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
        items = _items(node, state, ctx)
        go = index - 1 < len(items)
        if go:
            candidate["item"] = items[index - 1]
    if go and node.while_:
        trial = FlowState(steps=state.steps, loops={**state.loops, node.id: candidate})
        go = expressions.condition(node.while_, context(trial, ctx))
    if go:
        state.loops[node.id] = candidate
        return "body"
    last = previous or {"index": 0, "index0": -1, "item": None}
    state.loops[node.id] = {**last, "done": True}
    return "done"


def _items(node: LoopNode, state: FlowState, ctx: dict[str, Any]) -> list[Any]:
    items = node.items
    if isinstance(items, str):
        items = expressions.render_value(items, context(state, ctx))
    if not isinstance(items, list | tuple):
        raise ExpressionError(f"items must be a list, got {type(items).__name__}")
    return list(items)
