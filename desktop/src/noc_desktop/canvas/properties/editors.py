"""One editor per kind of text field: a line, a block of text, a list (one entry a line), and
names with values. Each says ``edited`` when the user changes it, never when loaded."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from noc_desktop.canvas.properties.messages import PROBLEM_STYLE


class FieldEditor(QWidget):
    """Base of every field editor: ``value()``, ``set_value()`` and the red problem mark."""

    #: the user changed the value
    edited = Signal()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def input_widget(self) -> QWidget:
        """The widget that takes the input (it carries the red border)."""
        return self

    def set_marked(self, marked: bool) -> None:
        self.input_widget().setStyleSheet(PROBLEM_STYLE if marked else "")


def _bare(layout: QHBoxLayout | QVBoxLayout) -> None:
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)


class LineEditor(FieldEditor):
    """One line of text (``edit`` may be an expression edit with its completer)."""

    def __init__(self, parent: QWidget | None = None, edit: QLineEdit | None = None) -> None:
        super().__init__(parent)
        self.edit = edit or QLineEdit(self)
        self.edit.setParent(self)
        self.row = QHBoxLayout(self)
        _bare(self.row)
        self.row.addWidget(self.edit, 1)
        self.edit.textEdited.connect(lambda _text: self.edited.emit())

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def input_widget(self) -> QWidget:
        return self.edit

    def insert(self, text: str) -> None:
        """Put ``text`` at the cursor (over the selection), then say ``edited`` once."""
        edit = self.edit
        start = edit.selectionStart() if edit.hasSelectedText() else edit.cursorPosition()
        end = start + len(edit.selectedText())
        current = edit.text()
        edit.setText(current[:start] + text + current[end:])
        edit.setCursorPosition(start + len(text))
        edit.setFocus()
        self.edited.emit()


class TextEditor(FieldEditor):
    """Several lines of text (file content, a mail body)."""

    def __init__(self, parent: QWidget | None = None, lines: int = 5) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        height = self.edit.fontMetrics().lineSpacing() * lines + 12
        self.edit.setFixedHeight(height)
        self.row = QHBoxLayout(self)
        _bare(self.row)
        self.row.addWidget(self.edit, 1)
        self._loading = False
        self.edit.textChanged.connect(self._changed)

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> Any:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.edit.setPlainText("" if value is None else str(value))
        finally:
            self._loading = False

    def input_widget(self) -> QWidget:
        return self.edit

    def insert(self, text: str) -> None:
        self.edit.insertPlainText(text)
        self.edit.setFocus()


class ListEditor(TextEditor):
    """A list of strings or numbers, one entry a line (empty lines dropped)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, lines=3)
        self.edit.setPlaceholderText(self.tr("One entry per line"))

    def value(self) -> list[str]:
        return [line.strip() for line in self.edit.toPlainText().splitlines() if line.strip()]

    def set_value(self, value: Any) -> None:
        items = value if isinstance(value, list) else ([] if value is None else [value])
        super().set_value("\n".join(str(item) for item in items))


class KeyValueEditor(FieldEditor):
    """Names and values as a two-column table; a value is JSON when it parses, else text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Value")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setFixedHeight(110)
        add = QToolButton(self)
        add.setText(self.tr("Add"))
        remove = QToolButton(self)
        remove.setText(self.tr("Remove"))
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        _bare(buttons)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        _bare(layout)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.itemChanged.connect(lambda _item: self.edited.emit())

    def value(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for row in range(self.table.rowCount()):
            key, text = self._text(row, 0).strip(), self._text(row, 1)
            if key:
                try:
                    out[key] = json.loads(text)
                except ValueError:
                    out[key] = text
        return out

    def set_value(self, value: Any) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for key, item in (value or {}).items():
            text = item if isinstance(item, str) else json.dumps(item)
            self._append(str(key), text)
        self.table.blockSignals(False)

    def input_widget(self) -> QWidget:
        return self.table

    def _append(self, key: str, text: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(key))
        self.table.setItem(row, 1, QTableWidgetItem(text))
        return row

    def _add(self) -> None:
        self.table.blockSignals(True)
        row = self._append("", "")
        self.table.blockSignals(False)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def _remove(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.edited.emit()

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

