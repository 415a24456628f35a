"""The properties form bound to the editor (``BlockForm``): an edit that leaves the procedure's
ids alone keeps the form's expression context, so its fields are not all re-checked."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from noc_desktop.canvas.editor import FlowchartEditor
from noc_desktop.canvas.properties import PropertiesPanel
from noc_desktop.procedures.block_form import BlockForm
from tests.desktop.editor.example import open_example
from tests.desktop.editor.gestures import click


def bound_form(qtbot: QtBot, editor: FlowchartEditor) -> tuple[PropertiesPanel, BlockForm]:
    panel = PropertiesPanel()
    qtbot.addWidget(panel)
    block_form = BlockForm(editor, panel)
    editor.controller.document_changed.connect(block_form.document_changed)
    return panel, block_form


def test_an_edit_keeping_the_ids_keeps_the_context_and_checks_no_field_again(
        qtbot: QtBot, editor: FlowchartEditor, monkeypatch: pytest.MonkeyPatch) -> None:
    panel, block_form = bound_form(qtbot, editor)
    open_example(editor)
    block_form.document_changed()
    click(editor, "up?")
    form = panel.form
    assert form is not None and "condition" in form.rows
    context = panel.context
    checks: list[str] = []
    for path, row in form.rows.items():
        monkeypatch.setattr(row, "check_now", lambda path=path: checks.append(path))
    panel.value_changed.emit("up?", "label", "Is it up?")
    panel.value_changed.emit("up?", "condition", "steps.check.rc == 0")
    assert editor.document.node("up?")["condition"] == "steps.check.rc == 0"
    assert panel.context is context and form.context is context
    assert checks == []


def test_a_new_task_id_gives_the_form_its_names(qtbot: QtBot,
                                                editor: FlowchartEditor) -> None:
    panel, block_form = bound_form(qtbot, editor)
    open_example(editor)
    block_form.document_changed()
    click(editor, "up?")
    form = panel.form
    assert form is not None
    panel.value_changed.emit("up?", "label", "Is it up?")  # merged away from the rename below
    editor.controller.set_property("check", "id", "probe")
    assert "probe" in form.context.tasks and "check" not in form.context.tasks
    assert form.rows["condition"].problems()  # steps.check is gone
