"""The properties panel picks each block's form and names the block in its edits; an object
param (no catalogue type has one yet) is edited as names and values."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QTableWidgetItem
from pytestqt.qtbot import QtBot

from noc_contracts import CATALOGUE, DecisionNode, EndNode, LoopNode, TaskNode, WaitNode
from noc_contracts.catalogue import TaskKind, TaskTypeSpec, task_type_spec
from noc_contracts.graph import GraphNode
from noc_desktop.canvas.properties import (
    DecisionForm,
    EndForm,
    LoopForm,
    NodeForm,
    PropertiesPanel,
    TaskForm,
    WaitForm,
)
from noc_desktop.canvas.properties.editors import KeyValueEditor


def make_panel(qtbot: QtBot) -> tuple[PropertiesPanel, list[tuple[str, str, Any]]]:
    panel = PropertiesPanel()
    qtbot.addWidget(panel)
    panel.set_catalogue([task_type_spec(t) for t in CATALOGUE.values()])
    edits: list[tuple[str, str, Any]] = []
    panel.value_changed.connect(lambda node, path, value: edits.append((node, path, value)))
    return panel, edits


def test_each_block_type_gets_its_form(qtbot: QtBot) -> None:
    panel, _ = make_panel(qtbot)
    cases: list[tuple[GraphNode, type[NodeForm]]] = [
        (TaskNode(id="t", task="ping"), TaskForm), (DecisionNode(id="d", condition="1"),
        DecisionForm), (LoopNode(id="l", max_iterations=2), LoopForm),
        (WaitNode(id="w", seconds=1), WaitForm), (EndNode(id="e"), EndForm)]
    for node, kind in cases:
        assert isinstance(panel.show_node(node), kind)
        assert panel.widget() is panel.form
    assert panel.show_node(TaskNode(id="x", task="teleport")) is None
    hint = panel.widget()
    assert panel.form is None and isinstance(hint, QLabel) and "teleport" in hint.text()


def test_edits_name_the_block_even_after_a_rename(qtbot: QtBot) -> None:
    panel, edits = make_panel(qtbot)
    form = panel.show_node(WaitNode(id="pause", seconds=1))
    assert isinstance(form, WaitForm)
    form.id_editor.edit.setText("nap")
    form.id_editor.edit.editingFinished.emit()
    form.rows["seconds"].editor.set_value(3)
    form.rows["seconds"].editor.edited.emit()
    assert edits == [("pause", "id", "nap"), ("nap", "seconds", 3.0)]


def test_an_object_param_is_edited_as_names_and_values(qtbot: QtBot) -> None:
    spec = TaskTypeSpec(name="tagged", kind=TaskKind.action, module="x", title="Tagged",
                        description="", facts={}, params_schema={
                            "properties": {"tags": {"type": "object", "title": "Tags"}},
                            "required": ["tags"]})
    form = TaskForm(spec)
    qtbot.addWidget(form)
    form.set_values(TaskNode(id="t", task="tagged", params={"tags": {"site": "rio", "n": 2}}))
    editor = form.rows["params.tags"].editor
    assert isinstance(editor, KeyValueEditor)
    assert form.params() == {"tags": {"site": "rio", "n": 2}}
    edits: list[tuple[str, Any]] = []
    form.value_changed.connect(lambda path, value: edits.append((path, value)))
    editor.table.setItem(1, 1, QTableWidgetItem("[1, 2]"))
    assert edits[-1] == ("params.tags", {"site": "rio", "n": [1, 2]})
