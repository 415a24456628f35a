"""The diff of two procedure versions, table-driven: each row edits a copy of the example and
says which blocks, edges, notes and fields the diff must name (and nothing else)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from noc_contracts import ProcedureGraph
from noc_desktop.document import ProcedureDocument
from noc_desktop.document.changes import DocEdge
from noc_desktop.document.diff import ProcedureDiff, diff, diff_graphs
from tests.desktop.document.graphs import EXAMPLE

Graph = dict[str, Any]


def _node(graph: Graph, node_id: str) -> dict[str, Any]:
    return next(n for n in graph["nodes"] if n["id"] == node_id)


def _param(graph: Graph) -> None:
    _node(graph, "start")["params"]["state"] = "restarted"


def _condition(graph: Graph) -> None:
    _node(graph, "up?")["condition"] = "steps.check.facts.state != 'stopped'"


def _label(graph: Graph) -> None:
    _node(graph, "pause")["label"] = "wait a bit"


def _add_block(graph: Graph) -> None:
    graph["nodes"].append({"id": "log", "type": "wait", "seconds": 1})
    graph["edges"] = [e for e in graph["edges"] if e["from"] != "pause"]
    graph["edges"] += [{"from": "pause", "to": "log", "on": "next"},
                       {"from": "log", "to": "check", "on": "next"}]


def _remove_block(graph: Graph) -> None:
    graph["nodes"] = [n for n in graph["nodes"] if n["id"] != "pause"]
    graph["edges"] = [e for e in graph["edges"] if "pause" not in (e["from"], e["to"])]
    graph["edges"].append({"from": "start", "to": "check", "on": "success"})


def _retarget(graph: Graph) -> None:
    for edge in graph["edges"]:
        if edge["from"] == "tries" and edge["on"] == "done":
            edge["to"] = "bad"


def _move(graph: Graph) -> None:
    graph["layout"] = {"check": {"x": 0, "y": 0}, "ok": {"x": 400, "y": 10}}


def _note(graph: Graph) -> None:
    graph["notes"] = [{"id": "n1", "text": "why", "x": 0, "y": -100}]


def _start(graph: Graph) -> None:
    graph["start"] = "up?"  # every node still reachable through the loop


ROWS: list[tuple[str, Callable[[Graph], None], dict[str, Any]]] = [
    ("a param", _param, {"changed": ("start",)}),
    ("a condition", _condition, {"changed": ("up?",)}),
    ("a label only", _label, {"changed": ("pause",)}),
    ("a block added", _add_block, {
        "added": ("log",),
        "edges_added": (DocEdge("pause", "log", "next"), DocEdge("log", "check", "next")),
        "edges_removed": (DocEdge("pause", "check", "next"),)}),
    ("a block removed", _remove_block, {
        "removed": ("pause",),
        "edges_added": (DocEdge("start", "check", "success"),),
        "edges_removed": (DocEdge("start", "pause", "success"),
                          DocEdge("pause", "check", "next"))}),
    ("an edge retargeted", _retarget, {
        "edges_added": (DocEdge("tries", "bad", "done"),),
        "edges_removed": (DocEdge("tries", "alert", "done"),)}),
    ("blocks moved", _move, {"moved": ("ok",)}),
    ("a note added", _note, {"notes_added": ("n1",)}),
    ("the start", _start, {"fields": ("start",)}),
]


@pytest.mark.parametrize(("what", "edit", "expected"), ROWS, ids=[row[0] for row in ROWS])
def test_diff_names_exactly_what_changed(what: str, edit: Callable[[Graph], None],
                                         expected: dict[str, Any]) -> None:
    new = copy.deepcopy(EXAMPLE)
    edit(new)
    result = diff_graphs(ProcedureGraph.model_validate(EXAMPLE),
                         ProcedureGraph.model_validate(new))
    assert result == ProcedureDiff(**expected)
    assert not result.is_empty


def test_the_same_graph_has_no_diff_even_with_defaults_left_out() -> None:
    spelled_out = ProcedureGraph.model_validate(EXAMPLE)
    lean = copy.deepcopy(EXAMPLE)
    del _node(lean, "check")["retries"]  # the default, written out in EXAMPLE
    assert diff_graphs(spelled_out, ProcedureGraph.model_validate(lean)).is_empty


def test_marks_for_the_two_canvases() -> None:
    new = copy.deepcopy(EXAMPLE)
    _remove_block(new)
    _add_block_after_start(new)
    _param(new)
    result = diff_graphs(ProcedureGraph.model_validate(EXAMPLE),
                         ProcedureGraph.model_validate(new))
    assert result.old_marks() == {"pause": "removed", "start": "changed"}
    assert result.new_marks() == {"log": "added", "start": "changed"}


def _add_block_after_start(graph: Graph) -> None:
    graph["nodes"].append({"id": "log", "type": "wait", "seconds": 1})
    graph["edges"] = [e for e in graph["edges"] if e["from"] != "start" or e["on"] != "success"]
    graph["edges"] += [{"from": "start", "to": "log", "on": "success"},
                       {"from": "log", "to": "check", "on": "next"}]


def test_procedure_fields_and_notes_changed() -> None:
    old = ProcedureDocument("watchdog", "keeps nginx up")
    new = ProcedureDocument("watchdog 2", "keeps nginx up")
    new.allow_command = True
    assert diff(old, new).fields == ("name", "allow_command")
    with_note = copy.deepcopy(EXAMPLE)
    _note(with_note)
    edited = copy.deepcopy(with_note)
    edited["notes"][0]["text"] = "because"
    result = diff_graphs(ProcedureGraph.model_validate(with_note),
                         ProcedureGraph.model_validate(edited))
    assert result == ProcedureDiff(notes_changed=("n1",))
    assert diff_graphs(ProcedureGraph.model_validate(with_note),
                       ProcedureGraph.model_validate(EXAMPLE)) == ProcedureDiff(
                           notes_removed=("n1",))
