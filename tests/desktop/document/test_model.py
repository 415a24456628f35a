"""The canvas's view of a graph: each block's type, kind and facts; edges with their kind."""

from __future__ import annotations

from noc_desktop.document.model import FlowEdge, FlowNode, default_task_kinds, flow_of
from tests.desktop.document.graphs import example_graph


def test_blocks_carry_what_the_canvas_draws() -> None:
    flow = flow_of(example_graph())
    nodes = {n.id: n for n in flow.nodes}
    assert nodes["check"] == FlowNode(id="check", type="task", is_start=True,
                                      task="service_status", kind="monitoring")
    assert nodes["start"].kind == "action"
    assert nodes["alert"].kind == "notification"
    assert nodes["up?"].condition == "steps.check.facts.state == 'running'"
    assert nodes["tries"].max_iterations == 3
    assert nodes["pause"].seconds == 10
    assert (nodes["ok"].result, nodes["bad"].result) == ("success", "failure")
    assert [n.id for n in flow.nodes if n.is_start] == ["check"]
    assert FlowEdge("tries", "start", "body") in flow.edges
    assert len(flow.edges) == 10


def test_task_kinds_come_from_the_catalogue_or_the_caller() -> None:
    assert default_task_kinds()["telegram"] == "notification"
    flow = flow_of(example_graph(), {"service_status": "action"})
    kinds = {n.id: n.kind for n in flow.nodes if n.type == "task"}
    assert kinds == {"check": "action", "start": None, "alert": None}
