"""The nodes as a table: name, health (a coloured badge), whether it takes new work,
running / capacity, queue, load, last seen (how long ago), address and labels. Rows are the
server's, in its order (by name); one is replaced in place after an admin's change, and taken
out when it is removed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from noc_contracts import NodeHealth, NodeInfo
from noc_desktop.monitor.colours import status_colour
from noc_desktop.nodes.cells import DASH, age, load_text, usage_text, work_state
from noc_desktop.nodes.label_text import labels_text
from noc_desktop.widgets.looks import Index, local_time
from noc_desktop.widgets.statuses import status_label


class NodesModel(QAbstractTableModel):
    NAME, HEALTH, WORK, USAGE, QUEUE, LOAD, SEEN, URL, LABELS = range(9)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[NodeInfo] = []
        # when the rows were fetched: "last seen" is counted from here
        self.now = datetime.now(UTC)

    def set_rows(self, rows: list[NodeInfo]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.now = datetime.now(UTC)
        self.endResetModel()

    def replace(self, info: NodeInfo) -> None:
        """Show the server's new state of one node (after an edit, a drain or a resume)."""
        row = self.row_of(info.name)
        if row < 0:
            return
        self.rows[row] = info
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def remove(self, name: str) -> None:
        """Take out the node the server has removed."""
        row = self.row_of(name)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def row_of(self, name: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.name == name), -1)

    def node_at(self, row: int) -> NodeInfo | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Name"), self.tr("Health"), self.tr("New work"),
                self.tr("Running / capacity"), self.tr("Queue"), self.tr("Load (1 min)"),
                self.tr("Last seen"), self.tr("Address"), self.tr("Labels")][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node_at(index.row()) if index.isValid() else None
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(node, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.HEALTH:
            return QColor(status_colour(node.health))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(node, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.USAGE, self.QUEUE,
                                                                    self.LOAD):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.WORK and (
                (state := work_state(node)) != "takes_work"):
            return QColor(status_colour(state))
        return None

    def _text(self, node: NodeInfo, column: int) -> str:
        if column == self.NAME:
            return node.name
        if column == self.URL:
            return node.url
        if column == self.HEALTH:
            return status_label(node.health)
        if column == self.LABELS:
            return labels_text(node.labels) or DASH
        if column == self.USAGE:
            return usage_text(node)
        if column == self.QUEUE:
            return str(node.queue_depth)
        if column == self.LOAD:
            return load_text(node.load)
        if column == self.SEEN:
            return self.seen_text(node)
        if column == self.WORK:
            return {"takes_work": self.tr("accepted"), "draining": self.tr("draining"),
                    "no_work": self.tr("none (down)")}[work_state(node)]
        return ""

    def health_meaning(self, health: NodeHealth) -> str:
        return {NodeHealth.up: self.tr("heartbeats arrive"),
                NodeHealth.late: self.tr("a heartbeat is overdue; still given work"),
                NodeHealth.down: self.tr("no heartbeat for too long; given no work"),
                }.get(health, "")

    def seen_text(self, node: NodeInfo) -> str:
        ago = age(node.last_seen_at, self.now)
        if ago is None:
            return self.tr("never")
        return {"s": self.tr("{n} s ago"), "min": self.tr("{n} min ago"),
                "h": self.tr("{n} h ago"), "d": self.tr("{n} days ago")}[ago.unit].format(
                    n=ago.amount)

    def _tip(self, node: NodeInfo, column: int) -> str | None:
        if column == self.HEALTH:
            return self.health_meaning(node.health)
        if column == self.SEEN and node.last_seen_at is not None:
            return local_time(node.last_seen_at)
        if column == self.WORK and node.draining:
            return self.tr("It finishes what it runs and takes nothing new.")
        return None
