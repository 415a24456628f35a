"""Valid sample values derived from a task type's schema, a graph holding one task, and the
user's gestures on each kind of field editor (typing, picking, ticking)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from noc_contracts import EndNode, ProcedureGraph, TaskNode
from noc_contracts.graph import Edge
from noc_desktop.canvas.properties.editors import FieldEditor, ListEditor, TextEditor
from noc_desktop.canvas.properties.schema_form import FieldSpec
from noc_desktop.canvas.properties.typed_editors import BoolEditor, ChoiceEditor, NumberEditor

#: strings tried in turn until one matches the field's pattern (a new pattern the catalogue
#: gains and none of these matches fails the test: add a sample for it)
STRING_CANDIDATES = ("x", "http://example.com/health", "0644")

#: whole-params rules the required fields alone do not satisfy (the service type wants a
#: state or a boot setting besides its name)
EXTRA_FIELDS: dict[str, dict[str, Any]] = {"service": {"state": "started"}}


def sample(spec: FieldSpec) -> Any:
    """A valid value for ``spec``: the first choice, the minimum, a matching string."""
    if spec.kind == "enum":
        return spec.choices[0]
    if spec.kind in ("integer", "number"):
        return int(spec.minimum) if spec.minimum is not None else 1
    if spec.kind == "boolean":
        return True
    if spec.kind == "array":
        return ["1" if spec.item_kind != "string" else "x"] * max(1, spec.min_items or 1)
    if spec.kind == "object":
        return {"k": "v"}
    for text in STRING_CANDIDATES:
        if spec.pattern is None or re.search(spec.pattern, text):
            return text
    raise AssertionError(f"no sample string matches {spec.name}'s pattern {spec.pattern}")


def graph_with(task: str, params: dict[str, Any]) -> ProcedureGraph:
    """A procedure of one task (then an end), as the backend would save it."""
    return ProcedureGraph(
        nodes=[TaskNode(id="task", task=task, params=params), EndNode(id="end")],
        edges=[Edge(from_="task", to="end", on="success")], start="task", allow_command=True)


def fill(qtbot: QtBot, editor: FieldEditor, value: Any) -> None:
    """Enter ``value`` as a user would: type it, pick it or tick it."""
    if isinstance(editor, NumberEditor):
        editor.box.setFocus()
        editor.box.setValue(value)
    elif isinstance(editor, ChoiceEditor):
        editor.combo.setCurrentIndex(editor.combo.findData(value))
    elif isinstance(editor, BoolEditor):
        widget = editor.widget
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        else:
            widget.setChecked(value)
    elif isinstance(editor, ListEditor):
        editor.edit.clear()
        QTest.keyClicks(editor.edit, "\n".join(str(v) for v in value))
    elif isinstance(editor, TextEditor):
        editor.edit.clear()
        QTest.keyClicks(editor.edit, str(value))
    else:
        edit = editor.edit  # type: ignore[attr-defined]
        edit.selectAll()
        if value == "":
            QTest.keyClick(edit, Qt.Key.Key_Delete)
        QTest.keyClicks(edit, str(value))


def type_template(qtbot: QtBot, editor: FieldEditor, text: str) -> None:
    """Switch a typed field to a template with its ``{ }`` button and type ``text``."""
    editor.toggle.click()  # type: ignore[attr-defined]
    template = editor.template  # type: ignore[attr-defined]
    template.selectAll()
    QTest.keyClicks(template, text)
