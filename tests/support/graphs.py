"""The ARCHITECTURE.md example procedure as every layer's tests draw, parse and walk it: the
``nginx watchdog`` sample procedure (noc_devstack.samples), which checks a service, retries
starting it three times with a pause, alerts, and ends in success or failure."""

from __future__ import annotations

from typing import Any

from noc_devstack.samples import watchdog_graph


def example_body(service: str = "nginx", *, layout: bool = True) -> dict[str, Any]:
    """The example as JSON, about ``service`` (a name, or a template such as
    ``{{ host.vars.service }}``); with ``layout`` only the start block is placed."""
    body = watchdog_graph(service)
    if layout:
        body["layout"] = {"check": {"x": 0, "y": 0}}
    return body


#: the example about nginx, its start block placed
EXAMPLE: dict[str, Any] = example_body()
