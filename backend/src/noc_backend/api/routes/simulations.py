"""``POST /procedures/simulate``: walk an unsaved graph for one host with scripted outcomes."""

from __future__ import annotations

from fastapi import APIRouter

from noc_backend.api.deps import ProceduresRead, ServicesDep
from noc_backend.services import simulations
from noc_contracts import SimulationResult
from noc_contracts.api import SimulationRequest

router = APIRouter(tags=["procedures"])


@router.post("/procedures/simulate", response_model=SimulationResult)
def simulate_procedure(body: SimulationRequest, services: ServicesDep,
                       _: ProceduresRead) -> SimulationResult:
    """Step through ``graph`` for one host without touching it: the scheduler's engine walks
    it as a real run would, each task dispatch taking the next outcome scripted for its node
    id (visits and attempts in order), else ``default_outcome``; waits are not slept. The
    answer lists every step (the outcome used, each condition's value, loop counters, wait
    seconds, the edge taken), the path (as an execution's ``path``) and the final status; an
    expression that fails mid-walk is a step with its ``error``, as a real run fails that step.
    ``host`` describes a host; ``host_name`` takes an inventory host's effective vars and
    groups (never its credential). A graph that cannot run is a 422 naming its nodes. Bounded
    by ``max_steps`` (``truncated``: status ``running``) and the sandbox's template budgets.
    Nothing is stored. Permission ``procedures:read``."""
    return simulations.simulate(request=body, db=services.db, scheduler=services.scheduler)
