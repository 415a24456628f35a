"""Every edit, applied then undone by its inverse, gives back the document exactly (and the
inverse of the inverse redoes it); refused edits say why and leave the document as it was."""

from __future__ import annotations

import pytest

from noc_contracts import Note
from noc_desktop.document import (
    MISSING,
    AddEdge,
    AddNode,
    AddNote,
    Composite,
    DocEdge,
    Edit,
    EditNote,
    EditRefused,
    MoveNodes,
    MoveNote,
    Reconnect,
    RemoveEdge,
    RemoveNode,
    RemoveNote,
    SetNodeProperty,
    SetProcedureField,
    SetStart,
)
from tests.desktop.document.docs import example_doc
from tests.desktop.document.graphs import example_graph

WAIT = {"id": "w2", "type": "wait", "seconds": 5}

EDITS: dict[str, Edit] = {
    "add-node": AddNode(WAIT, (10.0, 20.0)),
    "add-node-first-as-start": AddNode(WAIT, (0.0, -90.0), index=0, as_start=True),
    "add-node-unplaced": AddNode({"id": "e", "type": "end"}),
    "remove-start-node": RemoveNode("check"),
    "remove-node-with-many-edges-in": RemoveNode("alert"),
    "remove-end-node": RemoveNode("ok"),
    "move-placed-and-unplaced": MoveNodes.of({"check": (5.0, 5.0), "up?": (1.0, 2.0)}),
    "add-edge": AddEdge(DocEdge("alert", "ok", "failure")),
    "add-edge-at-index": AddEdge(DocEdge("alert", "ok", "failure"), index=0),
    "remove-edge": RemoveEdge(DocEdge("tries", "start", "body")),
    "reconnect-target": Reconnect(DocEdge("check", "alert", "failure"), target="bad"),
    "reconnect-kind": Reconnect(DocEdge("alert", "bad", "success"), kind="failure"),
    "reconnect-source": Composite((AddNode(WAIT, (0.0, 0.0)),
                                   Reconnect(DocEdge("pause", "check", "next"), source="w2"))),
    "set-param": SetNodeProperty("check", "params.name", "apache"),
    "set-new-param": SetNodeProperty("check", "params.state", "x"),
    "set-new-nested": SetNodeProperty("check", "extra.deep.x", 1),
    "set-absent-optional": SetNodeProperty("tries", "while", "loop.tries.index < 2"),
    "remove-field": SetNodeProperty("check", "timeout_s", MISSING),
    "set-condition": SetNodeProperty("up?", "condition", "steps.check.rc == 0"),
    "set-label": SetNodeProperty("ok", "label", "all good"),
    "rename-start": SetNodeProperty("check", "id", "probe"),
    "rename-target": SetNodeProperty("up?", "id", "running?"),
    "set-start": SetStart("tries"),
    "clear-start": SetStart(None),
    "set-name": SetProcedureField("name", "watchdog 2"),
    "set-description": SetProcedureField("description", ""),
    "allow-command": SetProcedureField("allow_command", True),
    "add-note": AddNote(Note(id="n2", text="hi", x=0, y=0)),
    "add-note-first": AddNote(Note(id="n2", text="hi", x=0, y=0), index=0),
    "remove-note": RemoveNote("n1"),
    "move-note": MoveNote("n1", 5.0, 6.0),
    "resize-note": MoveNote("n1", 5.0, 6.0, width=300.0, height=200.0),
    "edit-note-text": EditNote("n1", "text", "call Ana"),
    "edit-note-color": EditNote("n1", "color", "#a0d8ff"),
    "delete-selection": Composite((RemoveEdge(DocEdge("up?", "tries", "false")),
                                   RemoveNode("tries"), RemoveNode("start"), RemoveNote("n1"))),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_inverse_restores_and_its_inverse_redoes(edit: Edit) -> None:
    doc = example_doc()
    inverse = doc.apply(edit)
    after = example_doc()
    after.reset(doc)
    assert doc != example_doc(), "the edit changed nothing"
    redo = doc.apply(inverse)
    assert doc == example_doc()
    doc.apply(redo)
    assert doc == after


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_undone_edits_save_the_same_graph(edit: Edit) -> None:
    doc = example_doc()
    doc.apply(doc.apply(edit))
    assert doc.to_graph().model_dump(exclude={"notes"}) == example_graph().model_dump(
        exclude={"notes"})


def test_removing_a_node_takes_its_edges_position_and_start() -> None:
    doc = example_doc()
    doc.apply(RemoveNode("check"))
    assert not doc.has_node("check") and doc.start is None
    assert doc.position("check") is None
    assert all("check" not in (e.source, e.target) for e in doc.edges())
    assert len(doc.edges()) == 10 - 3


def test_renaming_moves_edges_position_and_start_but_not_expressions() -> None:
    doc = example_doc()
    doc.apply(SetNodeProperty("check", "id", "probe"))
    assert doc.start == "probe" and doc.position("probe") == (0.0, 0.0)
    assert DocEdge("probe", "up?", "success") in doc.edges()
    assert DocEdge("pause", "probe", "next") in doc.edges()
    assert doc.node_ids()[0] == "probe" and doc.node("probe")["id"] == "probe"
    assert doc.node("up?")["condition"] == "steps.check.facts.state == 'running'"


REFUSED: dict[str, tuple[Edit, str]] = {
    "id-taken": (AddNode({"id": "check", "type": "end"}), "duplicate_id"),
    "id-empty": (AddNode({"id": " ", "type": "end"}), "empty_id"),
    "id-long": (AddNode({"id": "x" * 101, "type": "end"}), "long_id"),
    "type-unknown": (AddNode({"id": "t", "type": "teleport"}), "unknown_type"),
    "kind-used": (AddEdge(DocEdge("check", "ok", "success")), "kind_used"),
    "kind-invalid": (AddEdge(DocEdge("check", "ok", "true")), "invalid_kind"),
    "end-has-no-edges": (AddEdge(DocEdge("ok", "check", "success")), "no_edges"),
    "edge-to-ghost": (AddEdge(DocEdge("alert", "ghost", "failure")), "unknown_node"),
    "remove-ghost-edge": (RemoveEdge(DocEdge("ok", "bad", "next")), "unknown_edge"),
    "reconnect-kind-used": (Reconnect(DocEdge("check", "up?", "success"), kind="failure"),
                            "kind_used"),
    "reconnect-source-type": (Reconnect(DocEdge("check", "up?", "success"), source="pause"),
                              "invalid_kind"),
    "rename-to-taken": (SetNodeProperty("check", "id", "up?"), "duplicate_id"),
    "rename-to-empty": (SetNodeProperty("check", "id", ""), "empty_id"),
    "set-type": (SetNodeProperty("check", "type", "wait"), "fixed_field"),
    "set-ghost": (SetNodeProperty("ghost", "label", "x"), "unknown_node"),
    "move-ghost": (MoveNodes.of({"check": (1.0, 1.0), "ghost": (0.0, 0.0)}), "unknown_node"),
    "start-ghost": (SetStart("ghost"), "unknown_node"),
    "note-too-small": (MoveNote("n1", 0.0, 0.0, width=1.0), "invalid_note"),
    "note-colour": (EditNote("n1", "color", "red"), "invalid_note"),
    "note-taken": (AddNote(Note(id="n1", x=0, y=0)), "duplicate_note"),
    "note-ghost": (RemoveNote("n9"), "unknown_note"),
    "composite-rolls-back": (Composite((RemoveNode("ok"), SetStart("ok"))), "unknown_node"),
}


@pytest.mark.parametrize(("edit", "code"), REFUSED.values(), ids=REFUSED.keys())
def test_refused_edits_say_why_and_change_nothing(edit: Edit, code: str) -> None:
    doc = example_doc()
    with pytest.raises(EditRefused) as refused:
        doc.apply(edit)
    assert refused.value.code == code
    assert refused.value.message
    assert doc == example_doc()
