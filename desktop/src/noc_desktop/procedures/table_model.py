"""``ProceduresModel``: the saved procedures as a table (name, version, saved by, when), and
the proxy that filters them by a text typed in the page's filter box."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from noc_contracts.api import ProcedureSummary

Index = QModelIndex | QPersistentModelIndex
NAME, VERSION, SAVED_BY, SAVED_AT = range(4)
#: the role that holds a row's ``ProcedureSummary``
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1


def local_time(moment: datetime) -> str:
    """A server (UTC) time in the user's time zone and locale, short form."""
    qt_time = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    return QLocale().toString(qt_time, QLocale.FormatType.ShortFormat)


class ProceduresModel(QAbstractTableModel):
    """Rows are ``ProcedureSummary``; sorting uses the raw values (``Qt.UserRole``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ProcedureSummary] = []

    def set_rows(self, rows: Sequence[ProcedureSummary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, procedure_id: int) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.id == procedure_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Name"), self.tr("Version"), self.tr("Saved by"),
                self.tr("Saved at"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == SUMMARY_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.name, str(row.version), row.created_by,
                    local_time(row.updated_at))[column]
        if role == Qt.ItemDataRole.UserRole:
            return (row.name.casefold(), row.version, row.created_by.casefold(),
                    row.updated_at.timestamp())[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME and row.description:
            return row.description
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VERSION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ProceduresFilter(QSortFilterProxyModel):
    """Keeps the rows whose name or description contains the filter text (any case)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self._text = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._text:
            return True
        model = self.sourceModel()
        summary = model.data(model.index(source_row, NAME, source_parent), SUMMARY_ROLE)
        if not isinstance(summary, ProcedureSummary):
            return False
        return self._text in summary.name.casefold() or self._text in (
            summary.description.casefold())
