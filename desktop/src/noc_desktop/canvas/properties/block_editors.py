"""Editors of a block's own fields: its id (renamed when the user leaves the field) and
bounded numbers (a task's timeout and retries, a loop's bound, a wait's seconds)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QSpinBox, QWidget

from noc_desktop.canvas.properties.editors import FieldEditor, LineEditor


class IdEditor(LineEditor):
    """A block id: said ``edited`` only when the user leaves the field having changed it (a
    rename touches every edge and reference, so not on every key)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit.textEdited.disconnect()
        self.edit.setMaxLength(100)
        self._loaded = ""
        self.edit.editingFinished.connect(self._finished)

    def set_value(self, value: Any) -> None:
        super().set_value(value)
        self._loaded = self.edit.text()

    def _finished(self) -> None:
        if self.edit.text() != self._loaded:
            self._loaded = self.edit.text()
            self.edited.emit()


class SpinEditor(FieldEditor):
    """A bounded whole number or decimal (a block's timeout, retries, a wait's seconds)."""

    def __init__(self, low: float, high: float, decimals: int = 0, suffix: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box: QSpinBox | QDoubleSpinBox
        if decimals:
            self.box = QDoubleSpinBox(self)
            self.box.setDecimals(decimals)
            self.box.setRange(low, high)
        else:
            self.box = QSpinBox(self)
            self.box.setRange(int(low), int(high))
        self.box.setSuffix(suffix)
        self.box.setAccelerated(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addStretch(1)
        self.box.valueChanged.connect(lambda _value: self.edited.emit())

    def value(self) -> Any:
        return self.box.value()

    def set_value(self, value: Any) -> None:
        self.box.blockSignals(True)
        if isinstance(self.box, QSpinBox):
            self.box.setValue(int(value or 0))
        else:
            self.box.setValue(float(value or 0))
        self.box.blockSignals(False)

    def input_widget(self) -> QWidget:
        return self.box
