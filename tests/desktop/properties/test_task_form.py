"""The task form of every task type in the catalogue, driven as a user would (pytest-qt)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from noc_contracts import CATALOGUE, TaskNode, validate_graph
from noc_contracts.catalogue import task_type_spec
from noc_desktop.canvas.properties import ExpressionContext, TaskForm
from noc_desktop.canvas.properties.row import CHECK_DELAY_MS
from noc_desktop.canvas.properties.schema_form import fields_of
from noc_desktop.canvas.properties.typed_editors import BoolEditor, NumberEditor
from tests.desktop.properties.samples import (
    EXTRA_FIELDS,
    fill,
    graph_with,
    sample,
    type_template,
)

SPECS = {name: task_type_spec(t) for name, t in CATALOGUE.items()}


def make_form(qtbot: QtBot, task: str, params: dict[str, Any] | None = None,
              context: ExpressionContext | None = None) -> tuple[TaskForm, list[Any]]:
    form = TaskForm(SPECS[task], context)
    qtbot.addWidget(form)
    form.set_values(TaskNode(id="task", task=task, params=params or {}))
    changes: list[tuple[str, Any]] = []
    form.value_changed.connect(lambda path, value: changes.append((path, value)))
    form.show()
    return form, changes


def applied(changes: list[tuple[str, Any]]) -> dict[str, Any]:
    """The params a document holds after applying the form's edits in order."""
    params: dict[str, Any] = {}
    for path, value in changes:
        if path.startswith("params."):
            name = path.removeprefix("params.")
            if value is None:
                params.pop(name, None)
            else:
                params[name] = value
    return params


def assert_shows_schema(form: TaskForm) -> None:
    """Titles with required marks, descriptions as tooltips, defaults shown."""
    for field in form.fields:
        row = form.rows[field.path]
        editor = row.editor
        assert row.label.text().startswith(field.title)
        assert ("*" in row.label.text()) == field.required
        assert row.label.toolTip() == field.description
        assert row.editor.input_widget().toolTip().startswith(field.description)
        if field.has_default and field.default is not None:
            if isinstance(editor, NumberEditor | BoolEditor) or field.kind == "enum":
                assert editor.value() == field.default
            else:
                assert editor.edit.placeholderText() == str(field.default)  # type: ignore[attr-defined]
    assert set(form.params()) <= {f.name for f in form.fields if f.required}


@pytest.mark.parametrize("task", sorted(CATALOGUE))
def test_each_type_s_form_shows_its_schema_and_yields_params_the_contracts_accept(
        qtbot: QtBot, task: str) -> None:
    form, changes = make_form(qtbot, task)
    assert_shows_schema(form)
    wanted = {f.name: sample(f) for f in form.fields if f.required}
    wanted.update(EXTRA_FIELDS.get(task, {}))
    for field in form.fields:
        if field.name in wanted:
            fill(qtbot, form.rows[field.path].editor, wanted[field.name])
    params = form.params()
    assert validate_graph(graph_with(task, params)) == []
    assert applied(changes) == params
    assert {path for path, _ in changes} == {f"params.{name}" for name in wanted}
    form.check_now()
    assert form.problems() == {}


@pytest.mark.parametrize("task", sorted(t for t in CATALOGUE if any(
    f.kind in ("integer", "boolean") for f in fields_of(SPECS[t].params_schema))))
def test_a_template_in_a_number_or_boolean_field_is_kept_and_accepted(
        qtbot: QtBot, task: str) -> None:
    form, changes = make_form(qtbot, task)
    for field in form.fields:
        if field.required and field.kind not in ("integer", "boolean"):
            fill(qtbot, form.rows[field.path].editor, sample(field))
    typed = [f for f in form.fields if f.kind in ("integer", "boolean")]
    for field in typed:
        type_template(qtbot, form.rows[field.path].editor, "{{ vars.x }}")
    params = form.params()
    assert {f.name: params[f.name] for f in typed} == {f.name: "{{ vars.x }}" for f in typed}
    assert applied(changes) == params
    assert validate_graph(graph_with(task, {**EXTRA_FIELDS.get(task, {}), **params})) == []


def test_a_node_s_values_are_loaded_without_signalling(qtbot: QtBot) -> None:
    node = TaskNode(id="web", label="Front page", task="http_check", timeout_s=30, retries=2,
                    params={"url": "https://x", "expect_status": 204,
                            "timeout_s": "{{ vars.t }}", "validate_certs": False})
    form, changes = make_form(qtbot, "http_check")
    form.set_values(node)
    assert changes == []
    assert form.params() == node.params
    assert (form.value_of("id"), form.value_of("label"), form.value_of("timeout_s"),
            form.value_of("retries")) == ("web", "Front page", 30, 2)
    assert form.rows["params.timeout_s"].editor.templated  # type: ignore[attr-defined]


def test_common_fields_signal_their_own_paths(qtbot: QtBot) -> None:
    form, changes = make_form(qtbot, "ping")
    QTest.keyClicks(form.label_editor.edit, "Ping")
    form.rows["retries"].editor.input_widget().setValue(3)  # type: ignore[attr-defined]
    assert changes[-1] == ("retries", 3)
    assert ("label", "Ping") in changes and changes[0] == ("label", "P")
    form.id_editor.edit.setFocus()
    form.id_editor.edit.selectAll()
    QTest.keyClicks(form.id_editor.edit, "reach")
    assert not any(path == "id" for path, _ in changes)
    form.id_editor.edit.editingFinished.emit()
    assert changes[-1] == ("id", "reach")


def test_clearing_an_optional_field_removes_its_param(qtbot: QtBot) -> None:
    form, changes = make_form(qtbot, "http_check", {"url": "https://x", "body_regex": "ok"})
    fill(qtbot, form.rows["params.body_regex"].editor, "")
    assert changes[-1] == ("params.body_regex", None)
    assert form.params() == {"url": "https://x"}


def test_problems_mark_their_field_and_the_rest_goes_above(qtbot: QtBot) -> None:
    form, _ = make_form(qtbot, "email", {"to": ["a@b.c"], "subject": "s", "body": "b"})
    form.show_problems({"params.to.0": "not an address", "params": "set 'state'",
                        "edges": "a task needs a 'success' edge"})
    row = form.rows["params.to"]
    assert row.message.isVisible() and row.message.text() == "not an address"
    assert "#b00020" in row.editor.input_widget().styleSheet()
    assert form.general.isVisible()
    assert "params: set 'state'" in form.general.text()
    assert "edges: a task needs a 'success' edge" in form.general.text()
    form.show_problems({})
    assert not row.message.isVisible() and row.editor.input_widget().styleSheet() == ""


def test_a_wrong_value_is_named_under_its_field_after_the_pause(qtbot: QtBot) -> None:
    form, _ = make_form(qtbot, "http_check", {"url": "https://x"})
    row = form.rows["params.url"]
    fill(qtbot, row.editor, "ftp://x")
    assert not row.message.isVisible()
    qtbot.waitUntil(row.message.isVisible, timeout=CHECK_DELAY_MS + 1_000)
    assert "^https?://" in row.message.text()


def test_a_template_in_a_text_field_is_checked_against_the_procedure(qtbot: QtBot) -> None:
    context = ExpressionContext(tasks={"check": "service_status", "task": "email"})
    form, _ = make_form(qtbot, "email", {"to": ["a@b.c"], "subject": "s", "body": ""}, context)
    row = form.rows["params.subject"]
    fill(qtbot, row.editor, "{{ steps.chek.rc }}")
    qtbot.waitUntil(row.message.isVisible, timeout=CHECK_DELAY_MS + 1_000)
    assert "no task node 'chek'" in row.message.text()
    fill(qtbot, row.editor, "{{ steps.check.facts.state }}")
    qtbot.waitUntil(lambda: not row.message.isVisible(), timeout=CHECK_DELAY_MS + 1_000)
