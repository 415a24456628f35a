"""Typing in one field and dragging a block are one undo step each: edits merge, and the merged
step undoes back to before the first edit and redoes to after the last."""

from __future__ import annotations

import pytest

from noc_desktop.document import (
    EditNote,
    MoveNodes,
    MoveNote,
    SetNodeProperty,
    SetProcedureField,
)
from noc_desktop.document.edits import Edit
from tests.desktop.document.docs import RUNS, History, example_doc


@pytest.mark.parametrize("edits", RUNS.values(), ids=RUNS.keys())
def test_a_run_of_edits_is_one_step(edits: list[Edit]) -> None:
    history = History(example_doc())
    for edit in edits:
        history.do(edit, merge=True)
    assert len(history.steps) == 1
    after = example_doc()
    after.reset(history.doc)
    steps = history.undo_all()
    assert history.doc == example_doc()
    history.redo(steps)
    assert history.doc == after


SEPARATE: dict[str, tuple[Edit, Edit]] = {
    "other-field": (SetNodeProperty("check", "params.name", "a"),
                    SetNodeProperty("check", "timeout_s", 5)),
    "other-node": (SetNodeProperty("check", "label", "a"), SetNodeProperty("ok", "label", "a")),
    "rename-then-property": (SetNodeProperty("check", "id", "c"),
                             SetNodeProperty("c", "label", "x")),
    "unrelated-renames": (SetNodeProperty("check", "id", "c"),
                          SetNodeProperty("ok", "id", "fine")),
    "other-selection": (MoveNodes.of({"check": (1.0, 1.0)}),
                        MoveNodes.of({"check": (2.0, 2.0), "ok": (0.0, 0.0)})),
    "other-note-field": (EditNote("n1", "text", "a"), EditNote("n1", "color", "#000000")),
    "other-procedure-field": (SetProcedureField("name", "a"),
                              SetProcedureField("description", "a")),
    "move-then-edit": (MoveNote("n1", 1.0, 1.0), EditNote("n1", "text", "a")),
}


@pytest.mark.parametrize(("first", "second"), SEPARATE.values(), ids=SEPARATE.keys())
def test_different_edits_stay_separate_steps(first: Edit, second: Edit) -> None:
    history = History(example_doc())
    history.do(first, merge=True)
    history.do(second, merge=True)
    assert len(history.steps) == 2
    history.undo_all()
    assert history.doc == example_doc()


def test_a_whole_part_after_one_of_its_fields_merges() -> None:
    """Typing into a param, then the form replacing all params, is still one step."""
    history = History(example_doc())
    history.do(SetNodeProperty("check", "params.name", "a"), merge=True)
    history.do(SetNodeProperty("check", "params", {"name": "b"}), merge=True)
    assert len(history.steps) == 1
    history.undo_all()
    assert history.doc == example_doc()
