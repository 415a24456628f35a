"""The merge rule the document tests check (``UndoStep.merged``) is the one the real undo stack
applies: each run of edits is one ``QUndoStack`` command, undone back to where it started."""

from __future__ import annotations

import pytest

from noc_desktop.canvas.editor import FlowchartEditor
from noc_desktop.document import ProcedureDocument
from noc_desktop.document.edits import Edit
from tests.desktop.document.docs import RUNS, example_doc


@pytest.mark.parametrize("edits", RUNS.values(), ids=RUNS.keys())
def test_a_run_of_edits_is_one_undo_command(editor: FlowchartEditor, edits: list[Edit]) -> None:
    editor.set_document(example_doc())
    before = ProcedureDocument()
    before.reset(editor.document)
    for edit in edits:
        assert editor.controller.do(edit, "edit", merge_key=("run",))
    assert editor.undo_stack.count() == 1
    after = ProcedureDocument()
    after.reset(editor.document)
    editor.undo_stack.undo()
    assert editor.document == before
    editor.undo_stack.redo()
    assert editor.document == after
