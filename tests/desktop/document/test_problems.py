"""Validation as the user edits: the contracts' rules and a draft's own slips, each naming the
node and field at fault; cached until the next edit; on a 200-block procedure an edit re-checks only what it may
change."""

from __future__ import annotations

from typing import Any

import pytest

from noc_contracts import ErrorDetail, GraphNode
from noc_desktop.document import (
    MISSING,
    AddNode,
    DocEdge,
    Edit,
    MoveNodes,
    ProcedureDocument,
    RemoveEdge,
    RemoveNode,
    SetNodeProperty,
    SetProcedureField,
    SetStart,
    node_checks,
)
from noc_desktop.document.problems import compute_problems, problems, problems_of
from tests.desktop.document.docs import example_doc
from tests.desktop.document.graphs import big_graph


def test_the_example_has_no_problems() -> None:
    assert problems(example_doc()) == []


FOUND: dict[str, tuple[Edit, str | None, str | None]] = {
    "timeout-not-a-number": (SetNodeProperty("check", "timeout_s", "soon"), "check", "timeout_s"),
    "timeout-out-of-range": (SetNodeProperty("check", "timeout_s", 0), "check", "timeout_s"),
    "condition-removed": (SetNodeProperty("up?", "condition", MISSING), "up?", "condition"),
    "condition-empty": (SetNodeProperty("up?", "condition", ""), "up?", "condition"),
    "condition-bad-syntax": (SetNodeProperty("up?", "condition", "steps.check.rc =="), "up?",
                             "condition"),
    "condition-unknown-step": (SetNodeProperty("up?", "condition", "steps.nope.rc == 0"), "up?",
                               "condition"),
    "while-unknown-loop": (SetNodeProperty("tries", "while", "loop.nope.index < 3"), "tries",
                           "while"),
    "bound-missing": (SetNodeProperty("tries", "max_iterations", MISSING), "tries",
                      "max_iterations"),
    "param-missing": (SetNodeProperty("check", "params.name", MISSING), "check", "params.name"),
    "param-unknown": (SetNodeProperty("check", "params.colour", "red"), "check", "params.colour"),
    "unknown-task-type": (SetNodeProperty("check", "task", "teleport"), "check", "task"),
    "field-unknown": (SetNodeProperty("ok", "colour", "red"), "ok", "colour"),
    "success-edge-missing": (RemoveEdge(DocEdge("start", "pause", "success")), "start", "edges"),
    "unreachable": (RemoveEdge(DocEdge("up?", "tries", "false")), "tries", "id"),
    "no-start": (SetStart(None), None, "start"),
    "no-name": (SetProcedureField("name", " "), None, "name"),
}


@pytest.mark.parametrize(("edit", "node", "field"), FOUND.values(), ids=FOUND.keys())
def test_each_problem_names_its_node_and_field(edit: Edit, node: str | None,
                                               field: str | None) -> None:
    doc = example_doc()
    doc.apply(edit)
    found = problems(doc)
    assert (node, field) in {(p.node_id, p.field) for p in found}, found
    assert all(p.message for p in found)
    if node is not None:
        assert any(p.field == field for p in problems_of(doc, node))


def test_a_draft_field_is_said_once_not_twice() -> None:
    doc = example_doc()
    doc.apply(SetNodeProperty("check", "task", MISSING))
    assert [(p.node_id, p.field) for p in problems(doc)] == [("check", "task")]


def test_an_edge_problem_names_the_edge() -> None:
    doc = ProcedureDocument.from_json(
        '{"name": "x", "graph": {"nodes": [{"id": "w", "type": "wait", "seconds": 1},'
        ' {"id": "e", "type": "end"}], "edges": [{"from": "w", "to": "e", "on": "success"}],'
        ' "start": "w"}}')
    (found,) = [p for p in problems(doc) if p.field == "edges.0.on"]
    assert found.edge == DocEdge("w", "e", "success") and found.node_id == "w"


def test_an_empty_document_needs_blocks_and_a_name() -> None:
    assert {p.field for p in problems(ProcedureDocument())} == {"name", "nodes"}


def test_problems_are_cached_until_the_next_edit() -> None:
    doc = example_doc()
    first = problems(doc)
    assert doc.derived["problems"][1] is not None and problems(doc) == first
    doc.apply(RemoveNode("ok"))
    assert problems(doc) != first


def test_an_edit_re_checks_only_the_nodes_it_may_change(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-node memo on 200 blocks: a move checks nothing again, an edit the edited node;
    a rename the renamed node and those that could name it (how fast: bench/bench_editor.py)."""
    checked: list[str] = []
    check = node_checks.node_problems

    def counted(node: GraphNode, *args: Any) -> list[ErrorDetail]:
        checked.append(node.id)
        return check(node, *args)

    monkeypatch.setattr(node_checks, "node_problems", counted)
    doc = ProcedureDocument.from_graph(big_graph(200), "big")
    assert problems(doc) == []
    assert sorted(checked) == sorted(doc.node_ids())
    runs: list[tuple[list[Edit], list[str]]] = [
        ([MoveNodes.of({"check3": (float(i), 0.0)}) for i in range(10)], []),
        ([SetNodeProperty("up3?", "condition", f"steps.check3.rc == {i}") for i in range(10)],
         ["up3?"]),
        ([SetNodeProperty("check5", "params.name", f"svc{i}") for i in range(10)], ["check5"]),
    ]
    for edits, expected in runs:
        for edit in edits:
            checked.clear()
            doc.apply(edit)
            assert problems(doc) == []
            assert checked == expected, edit
    naming = {n for n in doc.node_ids() if n != "check3" and "check3" in str(doc.node(n))}
    checked.clear()
    doc.apply(SetNodeProperty("check3", "id", "probe3"))
    assert {p.node_id for p in compute_problems(doc)} == {"up3?"}  # steps.check3 now unknown
    assert "up3?" in naming and set(checked) == naming | {"probe3"}
    checked.clear()
    doc.apply(AddNode({"id": "extra", "type": "task", "task": "ping"}, (0.0, 0.0)))
    assert {p.node_id for p in compute_problems(doc)} == {"up3?", "extra"}
    assert "extra" in checked and len(checked) <= len(naming) + 2
