"""Procedure graphs for the canvas tests and bench: the ARCHITECTURE.md example and a
generated flowchart of any size with the same shape repeated (checks, retries, alerts)."""

from __future__ import annotations

from typing import Any

from noc_contracts import ProcedureGraph

#: The example of /work/shared/ARCHITECTURE.md, but for ``alert -> bad``: a task's edges are
#: ``success``/``failure`` since validation got stricter (the page still says ``next``).
EXAMPLE: dict[str, Any] = {
    "schema_version": 1,
    "nodes": [
        {"id": "check", "type": "task", "task": "service_status", "params": {"name": "nginx"},
         "timeout_s": 60, "retries": 0},
        {"id": "up?", "type": "decision", "condition": "steps.check.facts.state == 'running'"},
        {"id": "tries", "type": "loop", "max_iterations": 3},
        {"id": "start", "type": "task", "task": "service",
         "params": {"name": "nginx", "state": "started"}},
        {"id": "pause", "type": "wait", "seconds": 10},
        {"id": "alert", "type": "task", "task": "telegram",
         "params": {"text": "nginx down on {{ host.name }}"}},
        {"id": "ok", "type": "end", "result": "success"},
        {"id": "bad", "type": "end", "result": "failure"}],
    "edges": [
        {"from": "check", "to": "up?", "on": "success"},
        {"from": "check", "to": "alert", "on": "failure"},
        {"from": "up?", "to": "ok", "on": "true"}, {"from": "up?", "to": "tries", "on": "false"},
        {"from": "tries", "to": "start", "on": "body"},
        {"from": "tries", "to": "alert", "on": "done"},
        {"from": "start", "to": "pause", "on": "success"},
        {"from": "start", "to": "alert", "on": "failure"},
        {"from": "pause", "to": "check", "on": "next"},
        {"from": "alert", "to": "bad", "on": "success"}],
    "start": "check",
    "layout": {"check": {"x": 0, "y": 0}},
}


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
