"""The editor's properties panel: forms built from the task types' JSON schemas, the flow
blocks' forms, expressions checked as the user types and the context's names offered.

Qt-free: ``schema_form`` (schema -> fields, values -> params), ``schema_check`` (a field's light
checks), ``context`` (names and expression checks). Widgets: ``TaskForm``,
``DecisionForm``, ``LoopForm``, ``WaitForm``, ``EndForm`` (each a ``NodeForm`` emitting
``value_changed(field_path, value)``), ``PropertiesPanel`` and ``form_for``.
"""

from noc_desktop.canvas.properties.context import ContextName, ExpressionContext, context_of
from noc_desktop.canvas.properties.control_forms import DecisionForm, EndForm, LoopForm, WaitForm
from noc_desktop.canvas.properties.node_form import NodeForm
from noc_desktop.canvas.properties.panel import PropertiesPanel, form_for
from noc_desktop.canvas.properties.schema_check import Problem
from noc_desktop.canvas.properties.schema_form import FieldSpec, fields_of, params_from_values
from noc_desktop.canvas.properties.task_form import TaskForm

__all__ = [
    "ContextName",
    "DecisionForm",
    "EndForm",
    "ExpressionContext",
    "FieldSpec",
    "LoopForm",
    "NodeForm",
    "Problem",
    "PropertiesPanel",
    "TaskForm",
    "WaitForm",
    "context_of",
    "fields_of",
    "form_for",
    "params_from_values",
]
