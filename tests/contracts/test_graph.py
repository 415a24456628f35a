"""The procedure graph model: the ARCHITECTURE example parses, typos are refused by field."""

import pytest
from pydantic import ValidationError

from noc_contracts import DecisionNode, LoopNode, ProcedureGraph, TaskNode
from tests.support.graphs import EXAMPLE


def test_example_parses_into_typed_nodes() -> None:
    graph = ProcedureGraph.model_validate(EXAMPLE)
    assert isinstance(graph.node("check"), TaskNode)
    assert isinstance(graph.node("up?"), DecisionNode)
    loop = graph.node("tries")
    assert isinstance(loop, LoopNode) and loop.max_iterations == 3
    assert graph.next_node("up?", "false") == "tries"
    assert graph.next_node("ok", "next") is None


def test_round_trip_keeps_the_from_key() -> None:
    graph = ProcedureGraph.model_validate(EXAMPLE)
    dumped = graph.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert dumped["edges"][0] == {"from": "check", "to": "up?", "on": "success"}
    assert ProcedureGraph.model_validate(dumped) == graph


@pytest.mark.parametrize(
    ("patch", "where"),
    [
        ({"nodes": [{"id": "a", "type": "task", "task": "ping", "tiemout_s": 3}]}, "tiemout_s"),
        ({"nodes": [{"id": "a", "type": "teleport"}]}, "nodes.0"),
        ({"nodes": [{"id": "a", "type": "loop"}]}, "max_iterations"),
        ({"nodes": [{"id": "a", "type": "task", "task": "ping", "timeout_s": 0}]}, "timeout_s"),
        ({"nodes": []}, "nodes"),
    ],
)
def test_bad_nodes_name_the_field(patch: dict[str, object], where: str) -> None:
    with pytest.raises(ValidationError) as exc:
        ProcedureGraph.model_validate({"start": "a", **patch})
    locs = [".".join(str(p) for p in e["loc"]) for e in exc.value.errors()]
    assert any(where in loc for loc in locs), locs


def test_notes_are_stored_with_the_layout_and_bounded() -> None:
    body = {**EXAMPLE, "notes": [{"id": "n1", "text": "call the on-call first", "x": -40,
                                  "y": 12.5, "width": 240, "height": 90, "color": "#a0d8ff"}]}
    graph = ProcedureGraph.model_validate(body)
    assert graph.notes[0].text == "call the on-call first"
    dumped = graph.model_dump(mode="json", by_alias=True)
    assert ProcedureGraph.model_validate(dumped) == graph
    assert ProcedureGraph.model_validate(EXAMPLE).notes == []
    for bad in ({"width": 5}, {"color": "red"}, {"x": 1e9}, {"colour": "#ffffff"},
                {"text": "x" * 5_001}):
        with pytest.raises(ValidationError):
            ProcedureGraph.model_validate(
                {**EXAMPLE, "notes": [{"id": "n", "x": 0, "y": 0, **bad}]})
