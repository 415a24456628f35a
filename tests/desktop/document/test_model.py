"""The canvas's view of a block: its type, kind and facts, read from the document's JSON (a
draft's odd values shown as missing)."""

from __future__ import annotations

from noc_desktop.document import ProcedureDocument
from noc_desktop.document.model import FlowNode, default_task_kinds, flow_node_of
from tests.desktop.document.graphs import example_graph


def flow_nodes(task_kinds: dict[str, str] | None = None) -> dict[str, FlowNode]:
    doc = ProcedureDocument.from_graph(example_graph())
    kinds = default_task_kinds() if task_kinds is None else task_kinds
    return {n: flow_node_of(doc.node_view(n), doc.start == n, kinds) for n in doc.node_ids()}


def test_blocks_carry_what_the_canvas_draws() -> None:
    nodes = flow_nodes()
    assert nodes["check"] == FlowNode(id="check", type="task", is_start=True,
                                      task="service_status", kind="monitoring")
    assert nodes["start"].kind == "action"
    assert nodes["alert"].kind == "notification"
    assert nodes["up?"].condition == "steps.check.facts.state == 'running'"
    assert nodes["tries"].max_iterations == 3
    assert nodes["pause"].seconds == 10
    assert (nodes["ok"].result, nodes["bad"].result) == ("success", "failure")
    assert [n.id for n in nodes.values() if n.is_start] == ["check"]


def test_task_kinds_come_from_the_catalogue_or_the_caller() -> None:
    assert default_task_kinds()["telegram"] == "notification"
    kinds = {n.id: n.kind for n in flow_nodes({"service_status": "action"}).values()
             if n.type == "task"}
    assert kinds == {"check": "action", "start": None, "alert": None}


def test_a_draft_s_odd_values_are_shown_as_missing() -> None:
    node = flow_node_of({"id": "w", "type": "wait", "seconds": "soon", "label": ""}, False, {})
    assert node == FlowNode(id="w", type="wait")
    loop = flow_node_of({"id": "l", "type": "loop", "max_iterations": True}, False, {})
    assert loop.max_iterations is None
    assert flow_node_of({"id": "x", "type": "nonsense"}, False, {}).type == "task"
