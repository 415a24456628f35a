"""The per-host table of an execution view: host, status, current step, steps, duration.

Rows follow ``ExecutionState.hosts``; ``refresh(names)`` repaints only the rows that changed
(one ``dataChanged`` over their span). ``HostsFilter`` sorts and filters by status.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from noc_desktop.monitor.colours import status_colour
from noc_desktop.monitor.state import ExecutionState, HostState

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(seconds)
    if whole < 60:
        return f"{seconds:.1f} s"
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class HostsModel(QAbstractTableModel):
    HOST, STATUS, STEP, STEPS, DURATION = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state: ExecutionState | None = None
        self._names: list[str] = []
        self._row: dict[str, int] = {}
        self.now = datetime.now(UTC)

    def headers(self) -> list[str]:
        return [self.tr("Host"), self.tr("Status"), self.tr("Current step"), self.tr("Steps"),
                self.tr("Duration")]

    def set_state(self, state: ExecutionState) -> None:
        self.beginResetModel()
        self._state = state
        self._names = sorted(state.hosts)
        self._row = {n: i for i, n in enumerate(self._names)}
        self.endResetModel()

    def refresh(self, names: set[str]) -> None:
        """Repaint the rows of ``names`` (and add rows for hosts not seen before)."""
        if self._state is None:
            return
        new = [n for n in names if n not in self._row and n in self._state.hosts]
        if new:
            first = len(self._names)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for name in sorted(new):
                self._row[name] = len(self._names)
                self._names.append(name)
            self.endInsertRows()
        rows = [self._row[n] for n in names if n in self._row]
        if rows:  # from STATUS on: a name never changes, so sorting by host needs no re-sort
            self.dataChanged.emit(self.index(min(rows), self.STATUS),
                                  self.index(max(rows), self.columnCount() - 1))

    def tick(self) -> None:
        """Time moved on: repaint the durations of running hosts."""
        self.now = datetime.now(UTC)
        if self._names:
            self.dataChanged.emit(self.index(0, self.DURATION),
                                  self.index(len(self._names) - 1, self.DURATION))

    def host_at(self, row: int) -> HostState | None:
        if self._state is None or not 0 <= row < len(self._names):
            return None
        return self._state.hosts.get(self._names[row])

    def row_of(self, name: str) -> int:
        return self._row.get(name, -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._names)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        host = self.host_at(index.row()) if index.isValid() else None
        if host is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(host, column)
        if role == SORT_ROLE:
            if column == self.DURATION:
                return host.duration_s(self.now) or 0.0
            if column == self.STEPS:
                return len(host.steps)
            return self._text(host, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return QColor(status_colour(host.status))
        return None

    def _text(self, host: HostState, column: int) -> str:
        if column == self.HOST:
            return host.name
        if column == self.STATUS:
            return host.status
        if column == self.STEP:
            return host.current_node or ""
        if column == self.STEPS:
            return str(len(host.steps))
        return format_duration(host.duration_s(self.now))


class HostsFilter(QSortFilterProxyModel):
    """Sorts on real values (durations as numbers) and keeps only hosts of one status."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = ""
        self.setSortRole(SORT_ROLE)

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self.status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.status:
            return True
        model = self.sourceModel()
        assert isinstance(model, HostsModel)
        host = model.host_at(source_row)
        return host is not None and host.status == self.status
