"""Request body of ``POST /procedures/simulate``: a graph, a host, launch vars, outcomes.

The answer is ``noc_contracts.SimulationResult``. The host is either described in full
(``host``) or named from the inventory (``host_name``: the backend sends its effective vars
and groups, never its credential).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from noc_contracts.api.base import Input
from noc_contracts.inventory import Connection
from noc_contracts.simulation import SimulationScript


class SimulatedHost(Input):
    """A host that need not exist: what expressions see as ``host``."""

    name: str = Field(min_length=1, max_length=255)
    address: str | None = Field(None, max_length=255, description="defaults to the name")
    port: int = Field(default=22, ge=1, le=65_535)
    user: str | None = Field(None, max_length=255)
    connection: Connection = Connection.ssh
    groups: list[str] = Field(default_factory=list)
    vars: dict[str, Any] = Field(default_factory=dict)


class SimulationRequest(SimulationScript):
    """Walk ``graph`` for one host; each task dispatch takes the next outcome scripted for its
    node id (in order of visits and attempts), else ``default_outcome``."""

    graph: dict[str, Any]
    host: SimulatedHost | None = None
    host_name: str | None = Field(None, min_length=1, max_length=255,
                                  description="an inventory host, instead of ``host``")

    @model_validator(mode="after")
    def _one_host(self) -> SimulationRequest:
        if (self.host is None) == (self.host_name is None):
            raise ValueError("give exactly one of host and host_name")
        return self
