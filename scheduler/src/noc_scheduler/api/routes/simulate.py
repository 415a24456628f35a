"""``POST /internal/v1/simulate`` (backend token): walk a procedure for one host with scripted
task outcomes, through the real engine and the sandbox; nothing is stored or dispatched."""

from __future__ import annotations

from fastapi import APIRouter

from noc_contracts import (
    ErrorCode,
    ErrorDetail,
    SimulationResult,
    SimulationRun,
    TaskNode,
    validate_graph,
)
from noc_scheduler.api.deps import BackendAuth, RuntimeDep
from noc_scheduler.core.errors import ApiError
from noc_scheduler.simulation import simulate

router = APIRouter(prefix="/internal/v1")


@router.post("/simulate", dependencies=[BackendAuth])
def simulate_run(body: SimulationRun, rt: RuntimeDep) -> SimulationResult:
    """The walk, or 422 naming the node of a graph that cannot run (as a run would refuse it)
    or an outcome scripted for a node that is not a task."""
    problems = validate_graph(body.graph)
    tasks = {n.id for n in body.graph.nodes if isinstance(n, TaskNode)}
    problems += [ErrorDetail(field=f"outcomes.{node_id}", node=node_id,
                             message=f"'{node_id}' is not a task node of this graph")
                 for node_id in body.outcomes if node_id not in tasks]
    if problems:
        raise ApiError(422, ErrorCode.invalid_graph, "the procedure cannot be simulated",
                       problems)
    return simulate(body, rt.evaluator, walk_budget_s=rt.walk_budget_s,
                    started_at=rt.clock.now())
