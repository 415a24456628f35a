"""``OutcomesTable``: the outcome rows with buttons to add a visit (a further row for the
selected task) or remove one, and the problem a row has shown under the table."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from noc_desktop.simulator.outcomes_model import DETAILS, STATUS, OutcomesModel, StatusDelegate
from noc_desktop.simulator.script import Script
from noc_desktop.widgets.looks import ERROR_TEXT_STYLE


class OutcomesTable(QWidget):
    """``edited`` after any change to the rows."""

    edited = Signal()

    def __init__(self, script: Script, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.script = script
        self.model = OutcomesModel(script, self)
        self.table = QTableView()
        self.table.setObjectName("outcomes")
        self.table.setMinimumHeight(170)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(STATUS, StatusDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DETAILS, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("Add visit"))
        self.add_button.setToolTip(self.tr("Script one more visit or attempt of this task"))
        self.remove_button = QPushButton(self.tr("Remove visit"))
        self.problem = QLabel()
        self.problem.setObjectName("outcome_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_TEXT_STYLE)
        self.problem.hide()
        self.add_button.clicked.connect(self.add_visit)
        self.remove_button.clicked.connect(self.remove_visit)
        self.model.edited.connect(self._edited)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        self._selected()

    def current_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def add_visit(self) -> None:
        row = self.current_row()
        if row is None:
            return
        added = self.script.add_visit(row)
        self.reload()
        self.table.selectRow(added)
        self._edited()

    def remove_visit(self) -> None:
        row = self.current_row()
        if row is None or not self.script.can_remove(row):
            return
        self.script.remove_visit(row)
        self.reload()
        self._edited()

    def reload(self) -> None:
        self.model.reload()
        self._selected()

    def show_problem(self, message: str, field: str = "") -> None:
        """``field`` (``outcomes.<task>.<visit>``) selects the row at fault."""
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        node_id, _, visit = field.removeprefix("outcomes.").rpartition(".")
        for index, row in enumerate(self.script.rows):
            if row.node_id == node_id and str(self.script.visit_of(index)) == visit:
                self.table.selectRow(index)

    def _selected(self) -> None:
        row = self.current_row()
        self.add_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None and self.script.can_remove(row))

    def _edited(self) -> None:
        self.show_problem("")
        self.edited.emit()
