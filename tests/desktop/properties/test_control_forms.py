"""The decision, loop, wait and end forms: expressions checked as the user types, the
context's names offered, one ``value_changed`` per edit (pytest-qt)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from noc_contracts import CATALOGUE, DecisionNode, EndNode, LoopNode, WaitNode
from noc_desktop.canvas.properties import (
    DecisionForm,
    EndForm,
    LoopForm,
    NodeForm,
    WaitForm,
    context_of,
)
from noc_desktop.canvas.properties.block_editors import SpinEditor
from noc_desktop.canvas.properties.completion import NamesButton
from noc_desktop.canvas.properties.control_forms import ResultEditor
from noc_desktop.canvas.properties.editors import LineEditor
from noc_desktop.canvas.properties.row import CHECK_DELAY_MS

CONTEXT = context_of([("check", "task", "service_status"), ("start", "task", "service"),
                      ("tries", "loop", None), ("up?", "decision", None)])
WAIT_MS = CHECK_DELAY_MS + 1_000


def watch(qtbot: QtBot, form: NodeForm) -> list[tuple[str, Any]]:
    qtbot.addWidget(form)
    form.show()
    changes: list[tuple[str, Any]] = []
    form.value_changed.connect(lambda path, value: changes.append((path, value)))
    return changes


def line(form: NodeForm, path: str) -> QLineEdit:
    editor = form.rows[path].editor
    assert isinstance(editor, LineEditor)
    return editor.edit


def spin(form: NodeForm, path: str) -> QSpinBox | QDoubleSpinBox:
    editor = form.rows[path].editor
    assert isinstance(editor, SpinEditor)
    return editor.box


def retype(qtbot: QtBot, form: NodeForm, path: str, text: str) -> None:
    edit = line(form, path)
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


def test_a_syntax_error_in_a_condition_shows_under_it_after_the_pause(qtbot: QtBot) -> None:
    form = DecisionForm(CONTEXT)
    changes = watch(qtbot, form)
    form.set_values(DecisionNode(id="up?", condition="steps.check.facts.state == 'running'"))
    row = form.rows["condition"]
    assert not row.message.isVisible() and changes == []
    retype(qtbot, form, "condition", "steps.check.facts.state == 'running")
    assert not row.message.isVisible()
    qtbot.waitUntil(row.message.isVisible, timeout=WAIT_MS)
    assert "does not compile" in row.message.text()
    assert "#b00020" in row.editor.input_widget().styleSheet()
    assert changes[-1] == ("condition", "steps.check.facts.state == 'running")
    QTest.keyClicks(line(form, "condition"), "'")
    qtbot.waitUntil(lambda: not row.message.isVisible(), timeout=WAIT_MS)


def test_unknown_ids_and_fields_are_named(qtbot: QtBot) -> None:
    form = DecisionForm(CONTEXT)
    watch(qtbot, form)
    form.set_values(DecisionNode(id="d", condition="steps.chek.rc == 0"))
    assert "no task node 'chek'" in form.problems()["condition"]
    retype(qtbot, form, "condition", "steps.check.facts.state | nofilter")
    qtbot.waitUntil(lambda: "nofilter" in form.rows["condition"].message.text(),
                    timeout=WAIT_MS)


def test_the_names_list_holds_the_procedure_s_tasks_their_facts_and_loops(
        qtbot: QtBot) -> None:
    form = DecisionForm(CONTEXT)
    watch(qtbot, form)
    form.set_values(DecisionNode(id="d", condition="true"))
    button = form.findChild(NamesButton)
    assert button is not None
    names = button.entries()
    assert {f"steps.check.facts.{fact}" for fact in CATALOGUE["service_status"].facts} <= set(
        names)
    assert {f"steps.start.facts.{fact}" for fact in CATALOGUE["service"].facts} <= set(names)
    assert {"steps.check.rc", "loop.tries.index", "host.name", "vars.*"} <= set(names)
    assert not any(name.startswith("steps.up?") for name in names)
    form.set_context(context_of([("probe", "task", "port_open")]))
    assert "steps.probe.facts.open" in button.entries()
    assert "steps.check.rc" not in button.entries()


def test_choosing_a_name_puts_it_at_the_cursor(qtbot: QtBot) -> None:
    form = DecisionForm(CONTEXT)
    changes = watch(qtbot, form)
    form.set_values(DecisionNode(id="d", condition="x"))
    retype(qtbot, form, "condition", "not ")
    button = form.findChild(NamesButton)
    assert button is not None
    action = next(a for sub in button.menu().findChildren(type(button.menu()))
                  for a in sub.actions() if a.text().startswith("steps.check.facts.state\t"))
    action.trigger()
    assert form.value_of("condition") == "not steps.check.facts.state"
    assert changes[-1] == ("condition", "not steps.check.facts.state")
    assert changes.count(changes[-1]) == 1


def test_typing_a_name_offers_its_completions(qtbot: QtBot) -> None:
    form = DecisionForm(CONTEXT)
    watch(qtbot, form)
    form.set_values(DecisionNode(id="d", condition="x"))
    retype(qtbot, form, "condition", "steps.check.facts.s")
    completer = form._completers[0].completer
    model = completer.completionModel()
    offered = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert offered == ["steps.check.facts.state"]
    completer.activated.emit("steps.check.facts.state")
    assert form.value_of("condition") == "steps.check.facts.state"


def test_a_loop_s_bound_while_and_items(qtbot: QtBot) -> None:
    form = LoopForm(CONTEXT)
    changes = watch(qtbot, form)
    form.set_values(LoopNode(id="tries", max_iterations=3, items=["a", "b"]))
    assert form.value_of("items") == ["a", "b"] and form.value_of("while") is None
    spin(form, "max_iterations").setValue(5)
    retype(qtbot, form, "while", "loop.tries.index < 3")
    retype(qtbot, form, "items", "[1, 2")
    qtbot.waitUntil(form.rows["items"].message.isVisible, timeout=WAIT_MS)
    assert "JSON list" in form.rows["items"].message.text()
    QTest.keyClicks(line(form, "items"), "]")
    retype_changes = [c for c in changes if c[0] == "items"]
    assert retype_changes[-1] == ("items", [1, 2])
    assert all(value != "[1, 2" for _, value in retype_changes)
    assert ("max_iterations", 5) in changes
    assert ("while", "loop.tries.index < 3") in changes
    retype(qtbot, form, "items", "{{ vars.hosts }}")
    assert changes[-1] == ("items", "{{ vars.hosts }}")
    retype(qtbot, form, "while", "")
    assert ("while", None) in changes


def test_wait_and_end_forms_signal_their_fields(qtbot: QtBot) -> None:
    wait = WaitForm(CONTEXT)
    wait_changes = watch(qtbot, wait)
    wait.set_values(WaitNode(id="pause", seconds=10))
    assert wait.value_of("seconds") == 10
    seconds = spin(wait, "seconds")
    assert isinstance(seconds, QDoubleSpinBox)
    seconds.setValue(2.5)
    assert wait_changes == [("seconds", 2.5)]
    end = EndForm(CONTEXT)
    end_changes = watch(qtbot, end)
    end.set_values(EndNode(id="bad", result="failure"))
    assert end.value_of("result") == "failure" and end_changes == []
    result = end.rows["result"].editor
    assert isinstance(result, ResultEditor)
    result.combo.setCurrentIndex(0)
    assert end_changes == [("result", "success")]
