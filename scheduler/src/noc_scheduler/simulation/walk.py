"""``simulate``: drive the engine for one host as a real run would, answering each task with
its next scripted outcome and moving a simulated clock over waits and retry delays.

Everything a real run evaluates goes through the same evaluator (the sandbox in the
scheduler) under the same per-advance walk budget, so the path taken is the path a real run
with the same outcomes takes. Nothing is stored and nothing is dispatched.
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from datetime import datetime
from typing import Any

from noc_contracts import (
    MAX_SIMULATION_S,
    HostRunStatus,
    SimulatedOutcome,
    SimulationResult,
    SimulationRun,
)
from noc_scheduler.flow import engine
from noc_scheduler.flow.evaluator import Evaluator, WalkBudget
from noc_scheduler.flow.flowstate import FlowState
from noc_scheduler.runs.flows import context_of
from noc_scheduler.simulation.recording import RecordingEvaluator
from noc_scheduler.simulation.steps import StepBook

#: wall-clock seconds one simulation may take before it stops (``truncated``); the backend's
#: wait for the answer is derived from the same contract bound
DEADLINE_S = MAX_SIMULATION_S


class _Script:
    """The outcomes of each task node, taken in order; the default once they run out."""

    def __init__(self, run: SimulationRun) -> None:
        self.outcomes = run.outcomes
        self.default = run.default_outcome
        self.taken: defaultdict[str, int] = defaultdict(int)

    def next(self, node_id: str) -> tuple[SimulatedOutcome, bool]:
        index = self.taken[node_id]
        self.taken[node_id] += 1
        scripted = self.outcomes.get(node_id, [])
        if index < len(scripted):
            return scripted[index], True
        return self.default, False


def simulate(run: SimulationRun, evaluator: Evaluator, *, walk_budget_s: float,
             started_at: datetime, deadline_s: float = DEADLINE_S) -> SimulationResult:
    """Walk ``run.graph`` (already valid) for ``run.host`` to its end, or to a bound."""
    graph = run.graph
    ctx = context_of(run.host, run.vars, execution_id=f"sim-{uuid.uuid4().hex}",
                     procedure=run.procedure, started_at=started_at)
    trace: list[dict[str, Any]] = []
    state = FlowState(trace=trace)

    def judge() -> RecordingEvaluator:  # a fresh walk budget per advance, as in real runs
        return RecordingEvaluator(WalkBudget(evaluator, walk_budget_s), evaluator, trace)

    book = StepBook(graph)
    script = _Script(run)
    clock = 0.0
    stop_at = time.monotonic() + deadline_s
    action = engine.start(graph, state, ctx, judge())
    book.absorb(state, action, clock)
    while not isinstance(action, engine.Finish):
        if len(book.steps) >= run.max_steps:
            return _stopped(book, clock, f"stopped after {run.max_steps} steps", run.max_steps)
        if time.monotonic() > stop_at:
            return _stopped(book, clock, f"stopped after {deadline_s:g} s of simulation",
                            run.max_steps)
        if isinstance(action, engine.RunTask):
            outcome, scripted = script.next(action.node_id)
            book.dispatched(outcome, scripted)
            action = engine.on_result(graph, state, action.node_id,
                                      outcome.model_dump(mode="json"), ctx, judge())
            book.answered(outcome, action)
        else:
            delay = action.seconds if isinstance(action, engine.WaitUntil) else action.delay_s
            if isinstance(action, engine.RetryLater):
                book.delayed(delay)
            clock += delay
            action = engine.resume(graph, state, ctx, judge())
        book.absorb(state, action, clock)
    if len(book.steps) > run.max_steps:
        return _stopped(book, clock, f"stopped after {run.max_steps} steps", run.max_steps)
    return SimulationResult(status=action.status, message=action.message, path=state.path,
                            steps=book.steps, elapsed_s=clock)


def _stopped(book: StepBook, clock: float, message: str, max_steps: int) -> SimulationResult:
    """A walk cut short: its first ``max_steps`` steps; the host run would still be running."""
    steps = book.steps[:max_steps]
    return SimulationResult(status=HostRunStatus.running, message=message, truncated=True,
                            path=[s.node_id for s in steps if s.attempt == 1], steps=steps,
                            elapsed_s=clock)
