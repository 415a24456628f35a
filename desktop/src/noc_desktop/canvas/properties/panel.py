"""``PropertiesPanel``: the editor's side panel showing the form of the selected block, and
``form_for``, which picks the form by the block's type (a task by its task type)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from noc_contracts import DecisionNode, EndNode, LoopNode, TaskNode, TaskTypeSpec, WaitNode
from noc_contracts.graph import GraphNode
from noc_desktop.canvas.properties.context import ExpressionContext
from noc_desktop.canvas.properties.control_forms import DecisionForm, EndForm, LoopForm, WaitForm
from noc_desktop.canvas.properties.messages import NOTE_STYLE
from noc_desktop.canvas.properties.node_form import NodeForm
from noc_desktop.canvas.properties.task_form import TaskForm


def form_for(node: GraphNode, specs: Mapping[str, TaskTypeSpec],
             context: ExpressionContext | None = None,
             parent: QWidget | None = None) -> NodeForm | None:
    """The form of ``node`` loaded with its values; None for a task of an unknown type."""
    form: NodeForm
    if isinstance(node, TaskNode):
        spec = specs.get(node.task)
        if spec is None:
            return None
        form = TaskForm(spec, context, parent)
    elif isinstance(node, DecisionNode):
        form = DecisionForm(context, parent)
    elif isinstance(node, LoopNode):
        form = LoopForm(context, parent)
    elif isinstance(node, WaitNode):
        form = WaitForm(context, parent)
    elif isinstance(node, EndNode):
        form = EndForm(context, parent)
    else:  # pragma: no cover - the union is closed
        return None
    form.set_values(node)
    return form


class PropertiesPanel(QScrollArea):
    """Shows one block's form at a time; re-emits its edits with the block's id."""

    #: the user changed a field of block ``node_id``: (node_id, field path, value)
    value_changed = Signal(str, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        # the form wraps its labels and text to the panel's width instead of scrolling sideways
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(300)
        self.specs: dict[str, TaskTypeSpec] = {}
        self.context = ExpressionContext()
        self.form: NodeForm | None = None
        self._node_id = ""
        self.clear()

    def set_catalogue(self, specs: list[TaskTypeSpec]) -> None:
        self.specs = {spec.name: spec for spec in specs}

    def set_context(self, context: ExpressionContext) -> None:
        self.context = context
        if self.form is not None:
            self.form.set_context(context)

    def clear(self, text: str | None = None) -> None:
        """No block selected (or several): a short hint instead of a form."""
        self.form = None
        hint = QLabel(text or self.tr("Select a block to edit its properties."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        hint.setStyleSheet(NOTE_STYLE)
        self.setWidget(hint)

    def show_node(self, node: GraphNode) -> NodeForm | None:
        """Show ``node``'s form (a new one: the block or its type may differ)."""
        form = form_for(node, self.specs, self.context)
        if form is None:
            self.clear(self.tr("Unknown task type '{task}'.").format(
                task=getattr(node, "task", "")))
            return None
        self._node_id = node.id
        form.value_changed.connect(self._form_changed)
        self.form = form
        self.setWidget(form)
        return form

    def _form_changed(self, path: str, value: object) -> None:
        node_id = self._node_id
        if path == "id" and isinstance(value, str):
            self._node_id = value
        self.value_changed.emit(node_id, path, value)
