"""The forms of the flow blocks: a decision's condition, a loop's bound, ``while`` and
``items``, a wait's seconds and an end's result. Expressions are checked as the user types."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from noc_contracts import DecisionNode, EndNode, LoopNode, WaitNode
from noc_contracts.graph import GraphNode
from noc_desktop.canvas.properties.block_editors import SpinEditor
from noc_desktop.canvas.properties.context import ExpressionContext, ItemsText
from noc_desktop.canvas.properties.editors import FieldEditor, LineEditor
from noc_desktop.canvas.properties.messages import problem_text
from noc_desktop.canvas.properties.node_form import SKIP, NodeForm
from noc_desktop.canvas.properties.schema_check import Problem


class DecisionForm(NodeForm):
    """A decision: the condition that picks the ``true`` or ``false`` edge."""

    def __init__(self, context: ExpressionContext | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Decision"),
                         self.tr("Follows 'true' when the condition holds, else 'false'."),
                         context, parent)
        form = self.add_section(self.tr("Condition"))
        self.condition = LineEditor(self)
        self.condition.edit.setPlaceholderText("steps.check.facts.state == 'running'")
        self.add_row(form, "condition", self.tr("Condition"), self.condition, required=True,
                     description=self.tr("A Jinja2 expression, as in an Ansible 'when'"),
                     checker=self._condition_problems)
        self.add_names(self.condition)
        self.finish()

    def _condition_problems(self, text: Any) -> list[str]:
        if not str(text).strip():
            return [problem_text(Problem("condition", "required"))]
        return self.context.check_expression(str(text))

    def load(self, node: GraphNode) -> None:
        assert isinstance(node, DecisionNode)
        self.condition.set_value(node.condition)


class LoopForm(NodeForm):
    """A loop: at most ``max_iterations`` entries, while a condition holds, over items."""

    def __init__(self, context: ExpressionContext | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Loop"),
                         self.tr("Follows 'body' while it may run again, then 'done'."),
                         context, parent)
        form = self.add_section(self.tr("Repeat"))
        self.add_row(form, "max_iterations", self.tr("At most"),
                     SpinEditor(1, 10_000, suffix=self.tr(" times"), parent=self),
                     required=True,
                     description=self.tr("Every loop is bounded: the body runs at most this "
                                         "many times"))
        self.while_ = LineEditor(self)
        self.while_.edit.setPlaceholderText(self.tr("always"))
        self.add_row(form, "while", self.tr("While"), self.while_,
                     description=self.tr("An expression checked before each entry; empty: "
                                         "always"),
                     checker=lambda text: self.context.check_expression(str(text)),
                     converter=lambda text: str(text).strip() or None)
        self.add_names(self.while_)
        self.items = LineEditor(self)
        self.items.edit.setPlaceholderText('["a", "b"]  or  {{ vars.items }}')
        self.add_row(form, "items", self.tr("For each of"), self.items,
                     description=self.tr("A JSON list or a template giving one; each entry is "
                                         "loop.<id>.item"),
                     checker=self._items_problems, converter=self._items_value)
        self.add_names(self.items, template_only=True)
        self.finish()

    def _items_value(self, text: Any) -> Any:
        value = ItemsText.parse(str(text))
        return SKIP if value is ItemsText.INVALID else value

    def _items_problems(self, text: Any) -> list[str]:
        value = ItemsText.parse(str(text))
        if value is ItemsText.INVALID:
            return [problem_text(Problem("items", "not_json_list"))]
        return self.context.check_template(value) if isinstance(value, str) else []

    def load(self, node: GraphNode) -> None:
        assert isinstance(node, LoopNode)
        self.rows["max_iterations"].editor.set_value(node.max_iterations)
        self.while_.set_value(node.while_ or "")
        self.items.set_value(ItemsText.format(node.items))


class WaitForm(NodeForm):
    """A wait: how long the host's flow pauses before 'next'."""

    def __init__(self, context: ExpressionContext | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Wait"), self.tr("Pauses, then follows 'next'."), context,
                         parent)
        form = self.add_section(self.tr("Pause"))
        self.add_row(form, "seconds", self.tr("Seconds"),
                     SpinEditor(0, 86_400, decimals=1, suffix=self.tr(" s"), parent=self),
                     required=True)
        self.finish()

    def load(self, node: GraphNode) -> None:
        assert isinstance(node, WaitNode)
        self.rows["seconds"].editor.set_value(node.seconds)


class ResultEditor(FieldEditor):
    """Success or failure, as the host's run ends."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.addItem(self.tr("Success"), "success")
        self.combo.addItem(self.tr("Failure"), "failure")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)
        row.addStretch(1)
        self.combo.currentIndexChanged.connect(lambda _index: self.edited.emit())

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))
        self.combo.blockSignals(False)

    def input_widget(self) -> QWidget:
        return self.combo


class EndForm(NodeForm):
    """An end: the host's run ends here, as a success or a failure."""

    def __init__(self, context: ExpressionContext | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("End"), self.tr("The host's run ends here."), context, parent)
        form = self.add_section(self.tr("Outcome"))
        self.add_row(form, "result", self.tr("Result"), ResultEditor(self), required=True)
        self.finish()

    def load(self, node: GraphNode) -> None:
        assert isinstance(node, EndNode)
        self.rows["result"].editor.set_value(node.result)
