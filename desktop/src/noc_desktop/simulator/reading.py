"""A simulation's answer for the canvas, without Qt: the path walked up to a step, and each
block's state as the execution monitor colours it (the block being looked at carries the
host marker). Stepping through reveals the answer one step at a time."""

from __future__ import annotations

from noc_contracts import SimulatedStep, SimulationResult
from noc_desktop.canvas.states import BlockState


def shown(result: SimulationResult, count: int | None) -> list[SimulatedStep]:
    """The first ``count`` steps (all of them when None)."""
    return list(result.steps if count is None else result.steps[:max(0, count)])


def path_until(result: SimulationResult, count: int | None = None) -> list[str]:
    """The path as far as the first ``count`` steps go (a retry adds no node to it)."""
    if count is None or count >= len(result.steps):
        return list(result.path)
    return [s.node_id for s in shown(result, count) if s.attempt == 1]


def step_status(step: SimulatedStep, final: str | None) -> str:
    """One step's block status: a task by its outcome, an expression error ``failed``, an
    end block by how the run ended (``final``, when this is the last step), others
    ``visited``."""
    if step.error:
        return "failed"
    if step.type == "task" and step.outcome is not None:
        return "success" if step.outcome.status == "ok" else "failed"
    if step.type == "end" and final is not None:
        return "success" if final == "success" else "failed"
    return "visited"


def block_states(result: SimulationResult, count: int | None = None) -> dict[str, BlockState]:
    """Each reached block's state after the first ``count`` steps; the last one shown holds
    the simulated host. A node's latest step wins (a loop's body may succeed, then fail)."""
    steps = shown(result, count)
    finished = len(steps) == len(result.steps) and not result.truncated
    states: dict[str, BlockState] = {}
    for index, step in enumerate(steps):
        last = index == len(steps) - 1
        final = str(result.status) if last and finished else None
        states[step.node_id] = BlockState(step_status(step, final), 1 if last else 0)
    return states


def task_visits(result: SimulationResult) -> dict[str, int]:
    """How many dispatches each task got (visits and attempts): rows a script may fill."""
    counts: dict[str, int] = {}
    for step in result.steps:
        if step.type == "task" and not step.error:
            counts[step.node_id] = counts.get(step.node_id, 0) + 1
    return counts
