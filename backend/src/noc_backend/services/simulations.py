"""Simulating a procedure: check the graph and resolve the host here, then let the scheduler's
engine walk it (``POST /internal/v1/simulate``). Nothing is stored and nothing is audited: a
simulation runs no task and touches no host."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from noc_backend.core.errors import Invalid, validation_details
from noc_backend.models import Host
from noc_backend.scheduler_client import SchedulerClient
from noc_backend.services.grouptree import load_tree
from noc_backend.services.hosts import groups_of
from noc_backend.services.hostvars import target_host
from noc_backend.services.procedures import require_valid
from noc_contracts import (
    ErrorCode,
    ProcedureGraph,
    SimulationResult,
    SimulationRun,
    SimulationScript,
    TargetHost,
)
from noc_contracts.api import SimulatedHost, SimulationRequest


def checked_graph(raw: dict[str, Any]) -> ProcedureGraph:
    """The graph, or 422 (``invalid_graph``) naming each node and field at fault."""
    try:
        graph = ProcedureGraph.model_validate(raw)
    except ValidationError as exc:
        details = [d.model_copy(update={"field": f"graph.{d.field}"})
                   for d in validation_details(exc.errors(), raw)]
        raise Invalid("the procedure graph is malformed", details,
                      code=ErrorCode.invalid_graph) from exc
    require_valid(graph)
    return graph


def inventory_host(name: str) -> TargetHost:
    """An inventory host as a run would see it (effective vars and groups), without its
    credential; disabled hosts too (a simulation reaches no host). 422 on ``host_name``."""
    host = Host.get_or_none(Host.name == name)
    if host is None:
        raise Invalid.on_field("host_name", f"unknown host '{name}'",
                               code=ErrorCode.unknown_hosts)
    tree = load_tree()
    return target_host(host, groups_of([host.id])[host.id], tree, tree.depths(), None)


def described_host(host: SimulatedHost) -> TargetHost:
    """A host given in full; 422 naming ``host.<field>`` when a run could not use it."""
    data = host.model_dump()
    data["address"] = host.address or host.name
    try:
        return TargetHost.model_validate(data)
    except ValidationError as exc:
        details = [d.model_copy(update={"field": f"host.{d.field}"})
                   for d in validation_details(exc.errors())]
        raise Invalid("the host cannot be simulated", details) from exc


def simulate(*, request: SimulationRequest, db: Any,
             scheduler: SchedulerClient) -> SimulationResult:
    graph = checked_graph(request.graph)
    if request.host is not None:
        host = described_host(request.host)
    else:
        with db.connection_context():
            host = inventory_host(str(request.host_name))
    script = {name: getattr(request, name) for name in SimulationScript.model_fields}
    return scheduler.simulate(SimulationRun(graph=graph, host=host, **script))
