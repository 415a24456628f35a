"""``ConnectionTestDialog``: ping one host or every host of a group through a node and show a
result per host (reachable, status, reason); the test runs async behind a busy state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from noc_contracts.api import ConnectionTestResult, HostPublic
from noc_desktop.client import ApiError
from noc_desktop.session import Session
from noc_desktop.widgets.calls import alive, call_for
from noc_desktop.widgets.errors import describe_error
from noc_desktop.widgets.slots import async_slot
from noc_desktop.widgets.statuses import status_label


class ConnectionTestDialog(QDialog):
    def __init__(self, session: Session, host: HostPublic | None, group: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._host = host
        self._group = group
        target = host.name if host is not None else group
        self.setWindowTitle(self.tr("Connection test: {target}").format(target=target))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate while the node pings
        self.busy.setVisible(False)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Host"), self.tr("Reachable"),
                                              self.tr("Status"), self.tr("Reason")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.outcome: ConnectionTestResult | None = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 360)

    @property
    def running(self) -> bool:
        return self.busy.isVisible()

    @async_slot
    async def start(self) -> None:
        self.busy.setVisible(True)
        self.summary.setText(self.tr("Testing through a node…"))
        self.table.setRowCount(0)
        client = self._session.client
        try:
            if self._host is not None:
                result = await call_for(self, self._session, client.test_host(self._host.id))
            else:
                result = await call_for(self, self._session, client.test_group(self._group))
        except ApiError as exc:
            self.summary.setText(self.tr("The test could not run: {reason}")
                                 .format(reason=describe_error(exc)))
            return
        finally:
            if alive(self):
                self.busy.setVisible(False)
        self.show_result(result)

    def show_result(self, result: ConnectionTestResult) -> None:
        self.outcome = result
        self.table.setRowCount(len(result.results))
        for row, item in enumerate(result.results):
            reachable = self.tr("yes") if item.reachable else self.tr("no")
            for column, text in enumerate((item.host, reachable, status_label(item.status),
                                           item.reason)):
                cell = QTableWidgetItem(text)
                if column == 1:
                    cell.setForeground(Qt.GlobalColor.darkGreen if item.reachable
                                       else Qt.GlobalColor.red)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        up = sum(1 for r in result.results if r.reachable)
        self.summary.setText(self.tr("{up} of {count} reachable (node {node})").format(
            up=up, count=len(result.results), node=result.node or "-"))
