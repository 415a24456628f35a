"""The executions list as a table: status (coloured), procedure, hosts, started, finished or
duration, who launched it. Newest first, as the server sends it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from noc_contracts.api import ExecutionPublic
from noc_desktop.monitor.colours import status_colour
from noc_desktop.monitor.hosts_model import format_duration
from noc_desktop.widgets.looks import Index, local_time
from noc_desktop.widgets.statuses import status_label


class ExecutionsModel(QAbstractTableModel):
    STATUS, PROCEDURE, HOSTS, STARTED, FINISHED, LAUNCHED_BY = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ExecutionPublic] = []

    def set_rows(self, rows: list[ExecutionPublic]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def update(self, row: ExecutionPublic) -> bool:
        """Show ``row``'s new state in place; False when it is not listed."""
        found = next((i for i, r in enumerate(self.rows) if r.id == row.id), -1)
        if found < 0:
            return False
        self.rows[found] = row
        self.dataChanged.emit(self.index(found, 0), self.index(found, self.columnCount() - 1))
        return True

    def execution_at(self, row: int) -> ExecutionPublic | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Status"), self.tr("Procedure"), self.tr("Hosts"), self.tr("Started"),
                self.tr("Finished (duration)"), self.tr("Launched by")][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.execution_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return QColor(status_colour(row.status))
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.STATUS:
            return status_label(row.status)
        if column == self.PROCEDURE:
            version = f" v{row.procedure_version}" if row.procedure_version else ""
            return f"{row.procedure_name}{version}"
        if column == self.HOSTS:
            return str(row.hosts_total)
        if column == self.STARTED:
            return local_time(row.started_at)
        if column == self.FINISHED:
            end = row.finished_at or datetime.now(UTC)
            took = format_duration((end - row.started_at).total_seconds())
            return f"{local_time(row.finished_at)} ({took})" if row.finished_at else took
        if column == self.LAUNCHED_BY:
            return row.launched_by
        return None
