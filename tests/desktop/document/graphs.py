"""Procedure graphs for the canvas tests and bench: the ARCHITECTURE.md example (from
tests/support/graphs.py) and a generated flowchart of any size with the same shape repeated
(checks, retries, alerts)."""

from __future__ import annotations

from typing import Any

from noc_contracts import ProcedureGraph
from tests.support.graphs import EXAMPLE

__all__ = ["EXAMPLE", "big_graph", "example_graph"]


def example_graph(*, keep_layout: bool = True) -> ProcedureGraph:
    body = dict(EXAMPLE) if keep_layout else {**EXAMPLE, "layout": {}}
    return ProcedureGraph.model_validate(body)


def big_graph(blocks: int) -> ProcedureGraph:
    """About ``blocks`` nodes: sections of check -> decision -> retry loop (fix, pause, back to
    the check) -> alert, each section's success leading to the next; a valid procedure."""
    nodes: list[dict[str, Any]] = [{"id": "ok", "type": "end", "result": "success"},
                                   {"id": "bad", "type": "end", "result": "failure"}]
    edges: list[dict[str, str]] = []
    sections = max(1, (blocks - 2) // 6)
    for i in range(sections):
        nxt = f"check{i + 1}" if i + 1 < sections else "ok"
        nodes += [
            {"id": f"check{i}", "type": "task", "task": "service_status",
             "params": {"name": f"svc{i}"}},
            {"id": f"up{i}?", "type": "decision",
             "condition": f"steps.check{i}.facts.state == 'running'"},
            {"id": f"tries{i}", "type": "loop", "max_iterations": 3},
            {"id": f"fix{i}", "type": "task", "task": "service",
             "params": {"name": f"svc{i}", "state": "restarted"}},
            {"id": f"pause{i}", "type": "wait", "seconds": 5},
            {"id": f"alert{i}", "type": "task", "task": "telegram",
             "params": {"text": f"svc{i} down on {{{{ host.name }}}}"}}]
        edges += [
            {"from": f"check{i}", "to": f"up{i}?", "on": "success"},
            {"from": f"check{i}", "to": f"alert{i}", "on": "failure"},
            {"from": f"up{i}?", "to": nxt, "on": "true"},
            {"from": f"up{i}?", "to": f"tries{i}", "on": "false"},
            {"from": f"tries{i}", "to": f"fix{i}", "on": "body"},
            {"from": f"tries{i}", "to": f"alert{i}", "on": "done"},
            {"from": f"fix{i}", "to": f"pause{i}", "on": "success"},
            {"from": f"fix{i}", "to": f"alert{i}", "on": "failure"},
            {"from": f"pause{i}", "to": f"check{i}", "on": "next"},
            {"from": f"alert{i}", "to": "bad", "on": "success"}]
    return ProcedureGraph.model_validate({"nodes": nodes, "edges": edges, "start": "check0"})
