"""The ARCHITECTURE.md example procedure as every layer's tests draw, parse and walk it: check a
service, retry starting it three times with a pause, alert, end in success or failure."""

from __future__ import annotations

from typing import Any


def example_body(service: str = "nginx", *, layout: bool = True) -> dict[str, Any]:
    """The example as JSON, about ``service`` (a name, or a template such as
    ``{{ host.vars.service }}``); with ``layout`` only the start block is placed.

    It differs from ARCHITECTURE.md in ``alert -> bad``: a task's edges are ``success`` /
    ``failure`` since validation got stricter (the page still says ``next``)."""
    return {
        "schema_version": 1,
        "nodes": [
            {"id": "check", "type": "task", "task": "service_status",
             "params": {"name": service}, "timeout_s": 60, "retries": 0},
            {"id": "up?", "type": "decision",
             "condition": "steps.check.facts.state == 'running'"},
            {"id": "tries", "type": "loop", "max_iterations": 3},
            {"id": "start", "type": "task", "task": "service",
             "params": {"name": service, "state": "started"}},
            {"id": "pause", "type": "wait", "seconds": 10},
            {"id": "alert", "type": "task", "task": "telegram",
             "params": {"text": f"{service} down on {{{{ host.name }}}}"}},
            {"id": "ok", "type": "end", "result": "success"},
            {"id": "bad", "type": "end", "result": "failure"}],
        "edges": [
            {"from": "check", "to": "up?", "on": "success"},
            {"from": "check", "to": "alert", "on": "failure"},
            {"from": "up?", "to": "ok", "on": "true"},
            {"from": "up?", "to": "tries", "on": "false"},
            {"from": "tries", "to": "start", "on": "body"},
            {"from": "tries", "to": "alert", "on": "done"},
            {"from": "start", "to": "pause", "on": "success"},
            {"from": "start", "to": "alert", "on": "failure"},
            {"from": "pause", "to": "check", "on": "next"},
            {"from": "alert", "to": "bad", "on": "success"}],
        "start": "check",
        "layout": {"check": {"x": 0, "y": 0}} if layout else {},
    }


#: the example about nginx, its start block placed
EXAMPLE: dict[str, Any] = example_body()
