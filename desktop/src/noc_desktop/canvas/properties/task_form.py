"""``TaskForm``: a task block's properties: one editor per param of its type's JSON schema,
then how it runs (timeout, retries, retry delay). Templates are allowed in every param."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from noc_contracts import TaskNode, TaskTypeSpec
from noc_contracts.graph import GraphNode
from noc_desktop.canvas.properties.block_editors import SpinEditor
from noc_desktop.canvas.properties.context import ExpressionContext
from noc_desktop.canvas.properties.editors import (
    FieldEditor,
    KeyValueEditor,
    LineEditor,
    ListEditor,
    TextEditor,
)
from noc_desktop.canvas.properties.messages import NOTE_STYLE, problem_text
from noc_desktop.canvas.properties.node_form import NodeForm
from noc_desktop.canvas.properties.schema_check import check_field
from noc_desktop.canvas.properties.schema_form import (
    FieldSpec,
    fields_of,
    is_unset,
    params_from_values,
    typed_value,
)
from noc_desktop.canvas.properties.typed_editors import (
    BoolEditor,
    ChoiceEditor,
    NumberEditor,
    TemplatedEditor,
)
from noc_desktop.canvas.task_titles import task_title
from noc_desktop.document.limits import TASK_RUN_FIELDS

#: the node's own fields: path, bounds (from ``TaskNode``)
RUN_FIELDS = TASK_RUN_FIELDS  # bounds read from the contract's TaskNode


def editor_for(spec: FieldSpec, parent: QWidget | None = None) -> FieldEditor:
    """The editor of one param, by its kind."""
    if spec.kind in ("integer", "number"):
        return NumberEditor(spec, parent)
    if spec.kind == "boolean":
        return BoolEditor(spec, parent)
    if spec.kind == "enum":
        return ChoiceEditor(spec, parent)
    if spec.kind == "array":
        return ListEditor(parent)
    if spec.kind == "object":
        return KeyValueEditor(parent)
    if spec.kind == "text":
        return TextEditor(parent)
    editor = LineEditor(parent)
    if spec.max_length is not None:
        editor.edit.setMaxLength(spec.max_length)
    if spec.has_default and spec.default is not None:
        editor.edit.setPlaceholderText(str(spec.default))
    return editor


class TaskForm(NodeForm):
    """The form of a task block of type ``spec``."""

    def __init__(self, spec: TaskTypeSpec, context: ExpressionContext | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(task_title(spec.name, spec.title), spec.description, context, parent)
        self.spec = spec
        self.fields = fields_of(spec.params_schema)
        params = self.add_section(self.tr("Parameters"))
        for field in self.fields:
            self._add_param(params, field)
        if not self.fields:
            none = QLabel(self.tr("This task type has no parameters."), self)
            none.setStyleSheet(NOTE_STYLE)
            params.addRow(none)
        runs = self.add_section(self.tr("Running"))
        titles = {"timeout_s": self.tr("Timeout"), "retries": self.tr("Retries"),
                  "retry_delay_s": self.tr("Delay between retries")}
        tips = {"timeout_s": self.tr("The task fails when it takes longer"),
                "retries": self.tr("How many more times a failed task is tried"),
                "retry_delay_s": self.tr("Wait before each retry")}
        for path, low, high in RUN_FIELDS:
            suffix = "" if path == "retries" else self.tr(" s")
            self.add_row(runs, path, titles[path], SpinEditor(low, high, suffix=suffix,
                                                              parent=self),
                         description=tips[path])
        self.finish()

    def _add_param(self, form: QFormLayout, field: FieldSpec) -> None:
        editor = editor_for(field, self)
        self.add_row(form, field.path, field.title, editor, required=field.required,
                     description=field.description,
                     checker=lambda value: self._param_problems(field, value),
                     converter=lambda value: self._param_value(field, value))
        if isinstance(editor, TemplatedEditor):
            self.add_completer(editor.template, editor, template_only=True)
        if isinstance(editor, LineEditor | TextEditor) and not isinstance(editor, ListEditor):
            self.add_names(editor, template_only=True)
            if field.has_default and field.default is not None:
                editor.setToolTip("\n".join(filter(None, [
                    field.description, self.tr("Default: {value}").format(value=field.default)])))

    @staticmethod
    def _param_value(field: FieldSpec, value: Any) -> Any:
        typed = typed_value(field, value)
        return None if is_unset(field, typed) else typed

    def _param_problems(self, field: FieldSpec, value: Any) -> list[str]:
        typed = self._param_value(field, value)
        out = [problem_text(p) for p in check_field(field, typed)]
        texts = typed if isinstance(typed, list) else [typed]
        for text in texts:
            if isinstance(text, str):
                out.extend(self.context.check_template(text))
        return out

    def load(self, node: GraphNode) -> None:
        assert isinstance(node, TaskNode)
        for field in self.fields:
            value = node.params.get(field.name, field.default if field.has_default else None)
            self.rows[field.path].editor.set_value(value)
        for path, _low, _high in RUN_FIELDS:
            self.rows[path].editor.set_value(getattr(node, path))

    def values(self) -> dict[str, Any]:
        """The editors' raw values by param name."""
        return {field.name: self.rows[field.path].editor.value() for field in self.fields}

    def params(self) -> dict[str, Any]:
        """The params the form holds, as the task node stores them."""
        return params_from_values(self.spec.params_schema, self.values())
