"""``OutcomesModel``: the script's rows as a table (task, visit, status, details JSON), edited
in place; ``StatusDelegate`` edits the status with a combo box."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from noc_desktop.simulator.script import STATUSES, Script
from noc_desktop.simulator.step_text import status_name

Index = QModelIndex | QPersistentModelIndex
TASK, VISIT, STATUS, DETAILS = range(4)


class OutcomesModel(QAbstractTableModel):
    """Rows of ``script``; ``edited`` after every change a person makes."""

    edited = Signal()

    def __init__(self, script: Script, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.script = script
        self._headers = [self.tr("Task"), self.tr("Visit"), self.tr("Outcome"),
                         self.tr("Details (JSON: rc, stdout, facts, …)")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.script.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.script.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TASK:
                return row.node_id
            if column == VISIT:
                return self.script.visit_of(index.row())
            if column == STATUS:
                return row.status if role == Qt.ItemDataRole.EditRole else \
                    status_name(row.status)
            return row.details
        if role == Qt.ItemDataRole.ToolTipRole and column == DETAILS:
            return self.tr('For example {"rc": 1, "stdout": "…", "facts": {"free": 12}}')
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() in (STATUS, DETAILS):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.script.rows[index.row()]
        if index.column() == STATUS and value in STATUSES:
            row.status = str(value)
        elif index.column() == DETAILS:
            row.details = str(value)
        else:
            return False
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def reload(self) -> None:
        """The script's rows changed as a whole (a new procedure, rows added or removed)."""
        self.beginResetModel()
        self.endResetModel()


class StatusDelegate(QStyledItemDelegate):
    """A combo box of the outcome statuses, translated, committing on choice."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        for status in STATUSES:
            combo.addItem(status_name(status), status)
        combo.activated.connect(lambda _: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
