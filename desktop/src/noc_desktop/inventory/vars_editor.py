"""``VarsEditor``: a host's or group's vars as a key/value table. A value is JSON when it
parses as JSON (numbers, booleans, lists) and text otherwise; its type is shown beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from noc_desktop.inventory.var_values import format_value, parse_value, value_kind

KEY, VALUE, KIND = range(3)
ERROR_BRUSH = QBrush(QColor("#ffd6d6"))


class VarsEditor(QWidget):
    """Rows of (name, value, type); ``vars()`` reads them back typed."""

    #: the user changed a name or a value, or added or removed a row
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Variable"), self.tr("Value"),
                                              self.tr("Type")])
        # Names and types as wide as they read, the value takes the rest: in the simulator's
        # narrow dock a fixed name column left the value's too narrow for its own header.
        # No column is narrower than the value's header, none wider than half the table
        # (a long name is elided rather than push the value out of view: resizeEvent).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KEY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(max(header.minimumSectionSize(),
                                         header.sectionSizeHint(VALUE)))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(120)
        self.add_button = QPushButton(self.tr("Add variable"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(self._item_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        header = self.table.horizontalHeader()
        header.setMaximumSectionSize(max(header.minimumSectionSize(), self.width() // 2))

    def set_vars(self, values: dict[str, Any]) -> None:
        self.table.setRowCount(0)
        for key in sorted(values):
            self.add_row(key, format_value(values[key]))

    def add_row(self, key: str = "", text: str = "") -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        self.table.setItem(row, KEY, QTableWidgetItem(key))
        self.table.setItem(row, VALUE, QTableWidgetItem(text))
        kind = QTableWidgetItem(self._kind_name(text))
        kind.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, KIND, kind)
        self.table.blockSignals(False)
        return row

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def vars(self) -> dict[str, Any]:
        """The typed values by name; rows without a name are left out."""
        out: dict[str, Any] = {}
        for row in range(self.table.rowCount()):
            key = self._text(row, KEY).strip()
            if key:
                out[key] = parse_value(self._text(row, VALUE))
        return out

    def set_read_only(self, read_only: bool) -> None:
        triggers = (QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                    else QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setEditTriggers(triggers)
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)

    def show_errors(self, by_key: dict[str | None, str]) -> None:
        """Mark the rows the server refused (by var name) with the reason as their tooltip."""
        for row in range(self.table.rowCount()):
            message = by_key.get(self._text(row, KEY).strip())
            for column in (KEY, VALUE):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(ERROR_BRUSH if message else QBrush())
                    item.setToolTip(message or "")

    def _add_clicked(self) -> None:
        row = self.add_row()
        self.table.setCurrentCell(row, KEY)
        item = self.table.item(row, KEY)
        if item is not None:
            self.table.editItem(item)
        self.changed.emit()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == VALUE:
            kind = self.table.item(item.row(), KIND)
            if kind is not None:
                kind.setText(self._kind_name(item.text()))
        if item.column() != KIND:
            self.changed.emit()

    def _kind_name(self, text: str) -> str:
        """The type of the value ``text`` reads as, in the user's language."""
        names = {"bool": self.tr("bool"), "number": self.tr("number"), "null": self.tr("null"),
                 "list": self.tr("list"), "object": self.tr("object"), "text": self.tr("text")}
        kind = value_kind(parse_value(text))
        return names.get(kind, kind)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
