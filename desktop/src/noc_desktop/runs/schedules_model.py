"""The schedules as a table: procedure, target, timing (cron and zone, or the one time), next
fire, status, policies, last fire. Rows are replaced in place after a pause or a resume."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from noc_contracts import ScheduleInfo
from noc_desktop.monitor.colours import status_colour
from noc_desktop.widgets.looks import Index, local_time
from noc_desktop.widgets.statuses import status_label


class SchedulesModel(QAbstractTableModel):
    PROCEDURE, TARGET, TIMING, NEXT, STATUS, POLICIES, LAST = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ScheduleInfo] = []
        self.procedure_names: dict[int, str] = {}

    def set_rows(self, rows: list[ScheduleInfo], procedure_names: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.procedure_names = dict(procedure_names)
        self.endResetModel()

    def replace(self, info: ScheduleInfo) -> None:
        """Show the server's new state of one schedule (after pause or resume)."""
        row = self.row_of(info.id)
        if row < 0:
            return
        self.rows[row] = info
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def remove(self, schedule_id: int) -> None:
        row = self.row_of(schedule_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def row_of(self, schedule_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == schedule_id), -1)

    def schedule_at(self, row: int) -> ScheduleInfo | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Procedure"), self.tr("Target"), self.tr("Timing"),
                self.tr("Next fire"), self.tr("Status"), self.tr("Policies"),
                self.tr("Last fire")][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        info = self.schedule_at(index.row()) if index.isValid() else None
        if info is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return QColor(status_colour(info.status.value))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TIMING and info.vars:
            return self.tr("Launch vars: {names}").format(names=", ".join(sorted(info.vars)))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(info, column)

    def _text(self, info: ScheduleInfo, column: int) -> str:
        if column == self.PROCEDURE:
            name = self.procedure_names.get(info.procedure_id)
            return name or self.tr("procedure #{id}").format(id=info.procedure_id)
        if column == self.TARGET:
            if info.target.group is not None:
                return self.tr("group {name}").format(name=info.target.group)
            return ", ".join(info.target.hosts or [])
        if column == self.TIMING:
            return self._timing(info)
        if column == self.NEXT:
            return local_time(info.next_fire_at)
        if column == self.STATUS:
            return status_label(info.status)
        if column == self.POLICIES:
            return self.tr("missed: {missed}, overlap: {overlap}").format(
                missed=info.missed_policy, overlap=info.overlap_policy)
        if column == self.LAST:
            return local_time(info.last_fired_at)
        return ""

    def _timing(self, info: ScheduleInfo) -> str:
        dry = self.tr(" (dry run)") if info.check_mode else ""
        if info.cron:
            return self.tr("cron {cron} ({zone}){dry}").format(
                cron=info.cron, zone=info.timezone or "UTC", dry=dry)
        if info.at:
            return self.tr("at {time}{dry}").format(time=local_time(info.at), dry=dry)
        return self.tr("now{dry}").format(dry=dry)
