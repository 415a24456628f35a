"""Editors of numbers, booleans and choices that can switch to a template: a spin box, a check
box or a combo box, or (the ``{ }`` button pressed) a line holding ``{{ vars.port }}``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from noc_contracts.expressions import is_template
from noc_desktop.canvas.properties.editors import FieldEditor
from noc_desktop.canvas.properties.schema_form import FieldSpec

INT_LIMIT = 2_147_483_647
translate = QCoreApplication.translate


class TemplatedEditor(FieldEditor):
    """A typed input, or a template line when the ``{ }`` button is down."""

    def __init__(self, typed: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.typed = typed
        self.template = QLineEdit(self)
        self.template.setPlaceholderText("{{ vars.name }}")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(typed)
        self.stack.addWidget(self.template)
        self.stack.setSizePolicy(typed.sizePolicy())
        self.toggle = QToolButton(self)
        self.toggle.setText("{ }")
        self.toggle.setCheckable(True)
        self.toggle.setToolTip(translate(
            "TemplatedEditor", "Use a template (the value is computed when the task runs)"))
        self.toggle.toggled.connect(self._toggled)
        self.template.textEdited.connect(lambda _text: self.edited.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.stack, 1)
        row.addWidget(self.toggle)

    @property
    def templated(self) -> bool:
        return self.toggle.isChecked()

    def _toggled(self, on: bool) -> None:
        shown = self.template if on else self.typed
        self.stack.setCurrentWidget(shown)
        if on and not self.template.text():
            self.template.setText("{{  }}")
            self.template.setCursorPosition(3)
        shown.setFocus()
        self.edited.emit()

    def value(self) -> Any:
        return self.template.text() if self.templated else self.typed_value()

    def set_value(self, value: Any) -> None:
        templated = isinstance(value, str) and (is_template(value) or not self.accepts(value))
        self.toggle.blockSignals(True)
        self.toggle.setChecked(templated)
        self.toggle.blockSignals(False)
        self.stack.setCurrentWidget(self.template if templated else self.typed)
        self.typed.blockSignals(True)
        self.template.setText(value if templated else "")
        if not templated:
            self.set_typed_value(value)
        self.typed.blockSignals(False)

    def input_widget(self) -> QWidget:
        return self.template if self.templated else self.typed

    def accepts(self, value: str) -> bool:
        """Whether the typed input can show ``value`` (a string other than a template)."""
        return False

    def typed_value(self) -> Any:
        raise NotImplementedError

    def set_typed_value(self, value: Any) -> None:
        raise NotImplementedError


class NumberEditor(TemplatedEditor):
    """An int or float spin box; a field without a default starts blank (unset)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        integer = spec.kind == "integer"
        low = spec.minimum if spec.minimum is not None else -INT_LIMIT + 1
        high = spec.maximum if spec.maximum is not None else INT_LIMIT
        box: QSpinBox | QDoubleSpinBox
        # one step below the minimum is "not set", shown blank
        if integer:
            box = QSpinBox()
            box.setRange(int(low) - 1, int(high))
            box.setValue(box.minimum())
        else:
            box = QDoubleSpinBox()
            box.setDecimals(3)
            box.setRange(low - 1, high)
            box.setValue(box.minimum())
        box.setSpecialValueText(" ")
        super().__init__(box, parent)
        self.integer = integer
        self.box = box
        box.valueChanged.connect(lambda _value: self.edited.emit())

    def typed_value(self) -> Any:
        value = self.box.value()
        if value == self.box.minimum():
            return None
        return int(value) if self.integer else value

    def set_typed_value(self, value: Any) -> None:
        if isinstance(self.box, QSpinBox) and isinstance(value, int) \
                and not isinstance(value, bool):
            self.box.setValue(value)
        elif isinstance(self.box, QDoubleSpinBox) and isinstance(value, int | float) \
                and not isinstance(value, bool):
            self.box.setValue(float(value))
        else:
            self.box.setValue(self.box.minimum())  # type: ignore[arg-type]


class BoolEditor(TemplatedEditor):
    """A check box; a field that may be left unset gets a combo: not set, yes, no."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        widget: QCheckBox | QComboBox
        if spec.nullable or (not spec.required and not spec.has_default):
            widget = QComboBox()
            widget.addItem(translate("BoolEditor", "Not set"), None)
            widget.addItem(translate("BoolEditor", "Yes"), True)
            widget.addItem(translate("BoolEditor", "No"), False)
        else:
            widget = QCheckBox()
        super().__init__(widget, parent)
        self.widget = widget
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda _index: self.edited.emit())
        else:
            widget.toggled.connect(lambda _on: self.edited.emit())

    def typed_value(self) -> Any:
        if isinstance(self.widget, QComboBox):
            return self.widget.currentData()
        return self.widget.isChecked()

    def set_typed_value(self, value: Any) -> None:
        if isinstance(self.widget, QComboBox):
            self.widget.setCurrentIndex(max(0, self.widget.findData(value)))
        else:
            self.widget.setChecked(bool(value))


class ChoiceEditor(TemplatedEditor):
    """One of the schema's choices; a field that may be left unset starts at "Not set"."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        combo = QComboBox()
        if spec.nullable or (not spec.required and not spec.has_default):
            combo.addItem(translate("ChoiceEditor", "Not set"), None)
        for choice in spec.choices:
            combo.addItem(choice, choice)
        super().__init__(combo, parent)
        self.combo = combo
        combo.currentIndexChanged.connect(lambda _index: self.edited.emit())

    def accepts(self, value: str) -> bool:
        return self.combo.findData(value) >= 0

    def typed_value(self) -> Any:
        return self.combo.currentData()

    def set_typed_value(self, value: Any) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))
