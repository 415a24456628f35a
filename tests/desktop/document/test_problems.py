"""Validation as the user edits: the contracts' rules and a draft's own slips, each naming the
node and field at fault; cached until the next edit; fast on a 200-block procedure."""

from __future__ import annotations

import statistics
import time

import pytest

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


def _median_ms(action: list[float]) -> float:
    return statistics.median(action) * 1000


def test_editing_and_validating_200_blocks_is_quick() -> None:
    doc = ProcedureDocument.from_graph(big_graph(200), "big")
    started = time.perf_counter()
    assert problems(doc) == []
    first = time.perf_counter() - started
    edits: list[Edit] = [MoveNodes.of({"check3": (float(i), 0.0)}) for i in range(10)]
    edits += [SetNodeProperty("up3?", "condition", f"steps.check3.rc == {i}") for i in range(10)]
    edits += [SetNodeProperty("check5", "params.name", f"svc{i}") for i in range(10)]
    edit_times, check_times = [], []
    for edit in edits:
        started = time.perf_counter()
        doc.apply(edit)
        edit_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        assert problems(doc) == []
        check_times.append(time.perf_counter() - started)
    print(f"\n200 blocks: first validation {first * 1000:.1f} ms; per edit: apply "
          f"{_median_ms(edit_times):.2f} ms, validate {_median_ms(check_times):.2f} ms (median)")
    doc.apply(SetNodeProperty("check3", "id", "probe3"))
    started = time.perf_counter()
    assert {p.node_id for p in compute_problems(doc)} == {"up3?"}  # steps.check3 now unknown
    print(f"renaming a task named in one condition: "
          f"{(time.perf_counter() - started) * 1000:.1f} ms")
    started = time.perf_counter()
    doc.apply(AddNode({"id": "extra", "type": "task", "task": "ping"}, (0.0, 0.0)))
    assert {p.node_id for p in compute_problems(doc)} == {"up3?", "extra"}
    print(f"adding a task block: {(time.perf_counter() - started) * 1000:.1f} ms")
