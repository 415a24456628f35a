"""Observers hear once per applied edit exactly what changed, so the canvas redraws only that."""

from __future__ import annotations

import pytest

from noc_contracts import Note
from noc_desktop.document import (
    AddEdge,
    AddNode,
    AddNote,
    Change,
    Composite,
    DocEdge,
    DocumentReset,
    EdgesAdded,
    EdgesRemoved,
    Edit,
    EditNote,
    EditRefused,
    MoveNodes,
    MoveNote,
    NodeChanged,
    NodeRenamed,
    NodesAdded,
    NodesMoved,
    NodesRemoved,
    NotesAdded,
    NotesChanged,
    NotesRemoved,
    ProcedureDocument,
    ProcedureFieldChanged,
    Reconnect,
    RemoveEdge,
    RemoveNode,
    RemoveNote,
    SetNodeProperty,
    SetProcedureField,
    SetStart,
    StartChanged,
)
from tests.desktop.document.docs import example_doc

E = DocEdge
HEARD: dict[str, tuple[Edit, tuple[Change, ...]]] = {
    "add-node": (AddNode({"id": "w", "type": "wait", "seconds": 1}, (0.0, 0.0)),
                 (NodesAdded(("w",)), NodesMoved(("w",)))),
    "remove-start": (RemoveNode("check"), (
        EdgesRemoved((E("pause", "check", "next"),)), EdgesRemoved((E("check", "alert", "failure"),)),
        EdgesRemoved((E("check", "up?", "success"),)), StartChanged("check", None),
        NodesMoved(("check",)), NodesRemoved(("check",)))),
    "move": (MoveNodes.of({"ok": (1.0, 1.0), "bad": (2.0, 2.0)}), (NodesMoved(("ok", "bad")),)),
    "connect": (AddEdge(E("alert", "ok", "failure")), (EdgesAdded((E("alert", "ok", "failure"),)),)),
    "disconnect": (RemoveEdge(E("up?", "ok", "true")), (EdgesRemoved((E("up?", "ok", "true"),)),)),
    "reconnect": (Reconnect(E("up?", "ok", "true"), target="bad"), (
        EdgesRemoved((E("up?", "ok", "true"),)), EdgesAdded((E("up?", "bad", "true"),)))),
    "property": (SetNodeProperty("check", "params.name", "x"),
                 (NodeChanged("check", ("params.name",)),)),
    "rename": (SetNodeProperty("check", "id", "probe"), (NodeRenamed("check", "probe"),)),
    "start": (SetStart("ok"), (StartChanged("check", "ok"),)),
    "name": (SetProcedureField("name", "x"), (ProcedureFieldChanged("name"),)),
    "add-note": (AddNote(Note(id="n2", x=0, y=0)), (NotesAdded(("n2",)),)),
    "remove-note": (RemoveNote("n1"), (NotesRemoved(("n1",)),)),
    "move-note": (MoveNote("n1", 1.0, 1.0), (NotesChanged(("n1",)),)),
    "edit-note": (EditNote("n1", "text", "x"), (NotesChanged(("n1",)),)),
    "composite": (Composite((SetProcedureField("name", "x"), SetStart("ok"))),
                  (ProcedureFieldChanged("name"), StartChanged("check", "ok"))),
}


@pytest.mark.parametrize(("edit", "expected"), HEARD.values(), ids=HEARD.keys())
def test_one_call_per_edit_naming_what_changed(edit: Edit,
                                               expected: tuple[Change, ...]) -> None:
    doc = example_doc()
    heard: list[tuple[Change, ...]] = []
    doc.subscribe(heard.append)
    revision = doc.revision
    doc.apply(edit)
    assert heard == [expected]
    assert doc.revision > revision


def test_unsubscribed_observers_hear_nothing_and_refusals_are_silent() -> None:
    doc = example_doc()
    heard: list[tuple[Change, ...]] = []
    stop = doc.subscribe(heard.append)
    with pytest.raises(EditRefused):
        doc.apply(SetStart("ghost"))
    assert heard == []
    stop()
    doc.apply(SetStart("ok"))
    assert heard == []


def test_loading_another_procedure_is_a_reset() -> None:
    doc = ProcedureDocument()
    heard: list[tuple[Change, ...]] = []
    doc.subscribe(heard.append)
    doc.reset(example_doc())
    assert heard == [(DocumentReset(),)]
    assert doc == example_doc()
