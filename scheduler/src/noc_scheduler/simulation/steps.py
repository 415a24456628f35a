"""``StepBook``: turns what the engine did (its path, its trace, its actions) into the steps a
simulation answers, one per node entered plus one per further attempt of a task."""

from __future__ import annotations

from typing import Any

from noc_contracts import (
    DecisionNode,
    LoopNode,
    ProcedureGraph,
    SimulatedLoop,
    SimulatedOutcome,
    SimulatedStep,
    StepStatus,
    TaskNode,
    WaitNode,
)
from noc_scheduler.flow import engine
from noc_scheduler.flow.flowstate import FlowState


def _groups(trace: list[dict[str, Any]]) -> tuple[list[tuple[list[dict[str, Any]],
                                                              dict[str, Any]]],
                                                  list[dict[str, Any]]]:
    """The trace as (conditions evaluated, the node's way out) pairs, and the conditions left
    over after the last way out (the one whose evaluation failed)."""
    groups: list[tuple[list[dict[str, Any]], dict[str, Any]]] = []
    pending: list[dict[str, Any]] = []
    for entry in trace:
        if "node" in entry:
            groups.append((pending, entry))
            pending = []
        else:
            pending.append(entry)
    return groups, pending


class StepBook:
    """The steps so far; ``absorb`` after every engine call, ``dispatched`` and ``answered``
    around each simulated task result."""

    def __init__(self, graph: ProcedureGraph) -> None:
        self.graph = graph
        self.steps: list[SimulatedStep] = []
        self._seen = 0  # path entries already turned into steps
        self._open: SimulatedStep | None = None  # the task step awaiting its outcome
        self._retry_delay: float | None = None

    def delayed(self, seconds: float) -> None:
        """The next attempt of the open task comes after a retry delay."""
        self._retry_delay = seconds

    def absorb(self, state: FlowState, action: engine.Action, at_s: float) -> None:
        """Steps for the nodes the last engine call entered, and for the attempt it asks."""
        entered = state.path[self._seen:]
        self._seen = len(state.path)
        trace = list(state.trace or [])
        if state.trace is not None:
            state.trace.clear()
        state.drain_errors()
        groups, leftover = _groups(trace)
        for offset, node_id in enumerate(entered):
            visit = state.path[:self._seen - len(entered) + offset + 1].count(node_id)
            step = SimulatedStep(node_id=node_id, type=self._type(node_id), visit=visit,
                                 at_s=at_s)
            last = offset == len(entered) - 1
            node = self.graph.node(node_id)
            if isinstance(node, TaskNode):
                if last and isinstance(action, engine.RunTask) and action.node_id == node_id:
                    step.params = action.params
                    self._open = step
                else:  # its params failed to render: the engine ended the step ``error``
                    self._task_error(step, state)
            elif isinstance(node, DecisionNode | LoopNode):
                if groups and groups[0][1].get("node") == node_id:
                    conditions, way_out = groups.pop(0)
                    self._passed(step, node, conditions, way_out)
                else:  # its expression failed: the host run ended here
                    self._expression_error(step, node, leftover, state)
            elif isinstance(node, WaitNode):
                step.wait_s = float(node.seconds)
                step.branch = self._edge(node_id, "next")
            self.steps.append(step)
        if isinstance(action, engine.RunTask) and action.attempt > 1:
            self._open = SimulatedStep(
                node_id=action.node_id, type="task", attempt=action.attempt, at_s=at_s,
                visit=max(1, state.path.count(action.node_id)), params=action.params,
                wait_s=self._retry_delay)
            self._retry_delay = None
            self.steps.append(self._open)

    def dispatched(self, outcome: SimulatedOutcome, scripted: bool) -> None:
        if self._open is not None:
            self._open.outcome = outcome
            self._open.scripted = scripted

    def answered(self, outcome: SimulatedOutcome, action: engine.Action) -> None:
        """The open task's way out, now that the engine decided on its outcome."""
        step, self._open = self._open, None
        if step is None:
            return
        again = isinstance(action, engine.RunTask | engine.RetryLater) \
            and action.node_id == step.node_id and action.attempt == step.attempt + 1
        if again:
            step.branch = "retry"
        elif outcome.status == StepStatus.ok:
            step.branch = self._edge(step.node_id, "success")
        elif outcome.status != StepStatus.cancelled:
            step.branch = self._edge(step.node_id, "failure")

    def _type(self, node_id: str) -> Any:
        node = self.graph.node(node_id)
        return node.type if node is not None else "task"

    def _edge(self, node_id: str, on: str) -> str | None:
        return on if self.graph.next_node(node_id, on) is not None else None

    def _task_error(self, step: SimulatedStep, state: FlowState) -> None:
        message = str(state.steps.get(step.node_id, {}).get("msg", ""))
        step.outcome = SimulatedOutcome(status=StepStatus.error, msg=message)
        step.error = message
        step.branch = self._edge(step.node_id, "failure")

    def _passed(self, step: SimulatedStep, node: DecisionNode | LoopNode,
                conditions: list[dict[str, Any]], way_out: dict[str, Any]) -> None:
        on = str(way_out.get("on"))
        step.branch = self._edge(node.id, on)
        if isinstance(node, LoopNode):
            step.loop = SimulatedLoop.model_validate(way_out.get("loop") or {"index": 0,
                                                                            "index0": -1})
        if conditions:  # a decision's condition, or a loop's while when it was asked
            self._condition(step, conditions[-1])
        elif isinstance(node, DecisionNode):
            step.condition, step.value = node.condition, on == "true"

    def _expression_error(self, step: SimulatedStep, node: DecisionNode | LoopNode,
                          leftover: list[dict[str, Any]], state: FlowState) -> None:
        step.error = str(state.steps.get(node.id, {}).get("msg", "")) or state.message
        if leftover:
            step.condition = str(leftover[-1].get("condition"))
        elif isinstance(node, DecisionNode):
            step.condition = node.condition

    @staticmethod
    def _condition(step: SimulatedStep, entry: dict[str, Any]) -> None:
        step.condition = str(entry.get("condition"))
        step.value = bool(entry.get("value"))
        step.rendered = entry.get("rendered")
