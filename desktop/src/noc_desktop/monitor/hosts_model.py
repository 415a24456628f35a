"""The per-host table of an execution view: host, status, current step, steps, duration.

Rows follow ``ExecutionState.hosts`` with their texts cached; ``refresh(names)`` recomputes and
repaints only the rows that changed. ``HostsFilter`` sorts and filters by status.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from noc_desktop.monitor.colours import status_colour
from noc_desktop.monitor.state import ExecutionState, HostState
from noc_desktop.widgets.looks import Index
from noc_desktop.widgets.statuses import status_labels

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
    """One row per host, in the order hosts became known (names sorted within a batch).

    Each row's display texts and sort keys are cached and recomputed only for the hosts a batch
    changed, so painting and sorting read a list instead of walking the state. The rows of a
    replay are appended, never reset: a view keeps its scroll, selection and sorted proxy.
    """

    HOST, STATUS, STEP, STEPS, DURATION = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state: ExecutionState | None = None
        self._names: list[str] = []
        self._row: dict[str, int] = {}
        self._labels = status_labels()  # once: a table relabels thousands of rows
        self._texts: list[list[str]] = []
        self._keys: list[list[Any]] = []
        self._colours: dict[str, QColor] = {}
        self.now = datetime.now(UTC)

    def headers(self) -> list[str]:
        return [self.tr("Host"), self.tr("Status"), self.tr("Current step"), self.tr("Steps"),
                self.tr("Duration")]

    def set_state(self, state: ExecutionState) -> None:
        """Follow ``state``: rows it shares with the current ones are repainted in place,
        hosts it lacks are removed (rare: a new snapshot), new hosts are appended."""
        gone = [n for n in self._names if n not in state.hosts]
        if gone:
            self.beginResetModel()
            self._state, self._names, self._row = state, [], {}
            self._texts, self._keys = [], []
            self.endResetModel()
        self._state = state
        for name in self._names:
            self._cache(self._row[name])
        if self._names:
            self._changed(list(range(len(self._names))))
        self._append(sorted(n for n in state.hosts if n not in self._row))

    def refresh(self, names: set[str]) -> None:
        """Repaint the rows of ``names`` (and add rows for hosts not seen before)."""
        if self._state is None:
            return
        self._append(sorted(n for n in names if n not in self._row and n in self._state.hosts))
        rows = sorted(self._row[n] for n in names if n in self._row)
        for row in rows:
            self._cache(row)
        self._changed(rows)

    def tick(self) -> None:
        """Time moved on: repaint the durations of running hosts."""
        self.now = datetime.now(UTC)
        rows = [i for i, n in enumerate(self._names) if self._running(n)]
        for row in rows:
            self._cache(row)
        self._changed(rows, first_column=self.DURATION)

    def _running(self, name: str) -> bool:
        host = self._state.hosts.get(name) if self._state else None
        return host is not None and host.finished_at is None and host.started_at is not None

    def _append(self, names: list[str]) -> None:
        if not names:
            return
        first = len(self._names)
        self.beginInsertRows(QModelIndex(), first, first + len(names) - 1)
        for name in names:
            self._row[name] = len(self._names)
            self._names.append(name)
            self._texts.append([])
            self._keys.append([])
            self._cache(len(self._names) - 1)
        self.endInsertRows()

    def _cache(self, row: int) -> None:
        host = self._state.hosts.get(self._names[row]) if self._state else None
        if host is None:
            return
        duration = host.duration_s(self.now)
        steps = len(host.steps)
        self._texts[row] = [host.name, self._labels.get(host.status, host.status),
                            host.current_node or "", str(steps),
                            format_duration(duration)]
        self._keys[row] = [host.name, host.status, host.current_node or "", steps,
                           duration or 0.0]

    def _changed(self, rows: list[int], first_column: int = 1) -> None:
        """One ``dataChanged`` per run of consecutive rows, from ``first_column`` on (a name
        never changes, so sorting by host needs no re-sort)."""
        last_column = self.columnCount() - 1
        start = previous = None
        for row in [*rows, None]:
            if row is not None and previous is not None and row == previous + 1:
                previous = row
                continue
            if start is not None and previous is not None:
                self.dataChanged.emit(self.index(start, first_column),
                                      self.index(previous, last_column))
            start = previous = row

    def host_at(self, row: int) -> HostState | None:
        if self._state is None or not 0 <= row < len(self._names):
            return None
        return self._state.hosts.get(self._names[row])

    def status_at(self, row: int) -> str:
        """The host's status value (not its translated label: colours and the filter use it)."""
        keys = self._keys[row] if 0 <= row < len(self._keys) else []
        return str(keys[self.STATUS]) if keys else ""

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
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts[row] if 0 <= row < len(self._texts) else None
            return texts[index.column()] if texts else None
        if role == SORT_ROLE:
            keys = self._keys[row] if 0 <= row < len(self._keys) else None
            return keys[index.column()] if keys else None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self.STATUS:
            status = self.status_at(row)
            colour = self._colours.get(status)
            if colour is None:
                colour = self._colours[status] = QColor(status_colour(status))
            return colour
        return None


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
        return model.status_at(source_row) == self.status
