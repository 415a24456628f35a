"""Copy, paste and duplicate through JSON text: clashing ids get a suffix, edges follow them,
blocks land where asked, a whole procedure pastes too, bad text says what is wrong."""

from __future__ import annotations

import json

import pytest

from noc_desktop.document import DocEdge, InvalidDocument, ProcedureDocument
from noc_desktop.document.clipboard import copy, delete_selection, duplicate, paste, unique_id
from noc_desktop.document.problems import problems
from tests.desktop.document.docs import example_doc
from tests.desktop.document.graphs import EXAMPLE


@pytest.mark.parametrize(("wanted", "taken", "expected"), [
    ("check", [], "check"),
    ("check", ["check"], "check_2"),
    ("check", ["check", "check_2"], "check_3"),
    ("check_2", ["check", "check_2"], "check_3"),
    ("up?", ["up?"], "up?_2"),
    ("_2", ["_2"], "_2_2"),
    ("x" * 100, ["x" * 100], "x" * 98 + "_2"),
])
def test_unique_ids(wanted: str, taken: list[str], expected: str) -> None:
    assert unique_id(wanted, taken) == expected


def test_copy_takes_the_blocks_the_edges_among_them_positions_and_notes() -> None:
    doc = example_doc()
    fragment = json.loads(copy(doc, ["check", "up?", "ok"], ["n1"]))
    assert [n["id"] for n in fragment["nodes"]] == ["check", "up?", "ok"]
    assert fragment["edges"] == [{"from": "check", "to": "up?", "on": "success"},
                                 {"from": "up?", "to": "ok", "on": "true"}]
    assert fragment["layout"] == {"check": {"x": 0.0, "y": 0.0}}
    assert [n["id"] for n in fragment["notes"]] == ["n1"] and fragment["start"] == "check"


def test_pasting_into_the_same_document_renames_and_remaps() -> None:
    doc = example_doc()
    edit = paste(doc, copy(doc, ["check", "up?", "ok"], ["n1"]), (500.0, 300.0))
    doc.apply(edit)
    assert edit.node_ids == ("check_2", "up?_2", "ok_2") and edit.note_ids == ("n1_2",)
    assert DocEdge("check_2", "up?_2", "success") in doc.edges()
    assert DocEdge("up?_2", "ok_2", "true") in doc.edges()
    assert doc.start == "check"  # the document had one
    # check (the only one placed) and the note: the fragment's top-left corner lands at `at`
    assert doc.note("n1_2").x == 500.0 and doc.note("n1_2").y == 300.0
    assert doc.position("check_2") == (500.0 + 260, 300.0 + 40)
    assert all(doc.position(n) is not None for n in edit.node_ids)


def test_a_paste_is_one_undoable_step() -> None:
    doc = example_doc()
    undo = doc.apply(paste(doc, copy(doc, doc.node_ids()), (0.0, 0.0)))
    assert len(doc.node_ids()) == 16
    doc.apply(undo)
    assert doc == example_doc()


def test_a_whole_procedure_pastes_into_an_empty_document_ready_to_save() -> None:
    doc = ProcedureDocument("pasted")
    text = json.dumps({"name": "from a chat", "graph": {**EXAMPLE, "layout": {}}})
    doc.apply(paste(doc, text, (0.0, 0.0)))
    assert doc.start == "check" and len(doc.edges()) == 10
    assert all(doc.position(n) is not None for n in doc.node_ids())  # laid out
    assert problems(doc) == []


def test_duplicate_lands_beside_and_delete_selection_is_one_step() -> None:
    doc = example_doc()
    undo_duplicate = doc.apply(duplicate(doc, ["check", "up?"], ["n1"]))
    assert doc.position("check_2") == (40.0, 40.0)  # everything 40 down and right
    assert doc.note("n1_2").x == -260 + 40
    undo = doc.apply(delete_selection(doc, ["check"], [DocEdge("up?", "ok", "true"),
                                                       DocEdge("check", "up?", "success")],
                                      ["n1"]))
    assert not doc.has_node("check") and DocEdge("up?", "ok", "true") not in doc.edges()
    assert doc.note_ids() == ["n1_2"]
    doc.apply(undo)
    assert doc.note_ids() == ["n1", "n1_2"]
    doc.apply(undo_duplicate)
    assert doc == example_doc()


@pytest.mark.parametrize(("text", "says"), [
    ("not json", "not JSON"),
    ("[1, 2]", "not a procedure"),
    ('{"nodes": []}', "nothing to paste"),
    ('{"nodes": [{"type": "end"}]}', "nodes.0.id"),
    ('{"nodes": [{"id": "a", "type": "teleport"}]}', "nodes.0.type"),
    ('{"nodes": [{"id": "a", "type": "end"}, {"id": "a", "type": "end"}]}', "duplicate"),
    ('{"nodes": [{"id": "a", "type": "end"}], "edges": [{"from": "a"}]}', "edges.0"),
    ('{"nodes": [{"id": "a", "type": "end"}, {"id": "b", "type": "end"}],'
     ' "edges": [{"from": "a", "to": "b", "on": "next"}]}', "cannot have a 'next' edge"),
    ('{"nodes": [{"id": "a", "type": "end"}], "layout": {"a": {"x": "left"}}}', "layout.a"),
    ('{"nodes": [], "notes": [{"id": "n", "x": 0, "y": 0, "color": "red"}]}', "notes.0"),
])
def test_bad_text_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(InvalidDocument) as refused:
        paste(example_doc(), text, (0.0, 0.0))
    assert says in refused.value.message
