"""``ExecutionsPage``: the executions list with filters, and each opened execution in a tab.

The list is fetched when the live stream is ready (each time the page is shown: once, never
again for the same show) and after a run is launched; while the page is visible it follows
``GET /api/v1/events``: a row whose execution changed is updated in place
from the event, and an execution not listed yet (or one that leaves the status filter) makes
the list be fetched again, at most every ``REFETCH_MS``."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QModelIndex, QTimer, QTimeZone
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from noc_contracts import ExecutionStatus
from noc_contracts.api import ExecutionPublic
from noc_desktop.client import ApiError, ServerUnreachable
from noc_desktop.monitor.execution_view import ExecutionView
from noc_desktop.monitor.executions_model import ExecutionsModel
from noc_desktop.monitor.live_list import ListFollower
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.slots import async_slot
from noc_desktop.widgets.status_line import StatusLine
from noc_desktop.widgets.statuses import status_label
from noc_desktop.widgets.tickets import Tickets

REFETCH_MS = 500


class ExecutionsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ExecutionsModel(self)
        self.fetches = Tickets()
        self.problem = StatusLine(self)
        self.table = QTableView()
        self.table.setObjectName("executions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)  # Enter
        self.status = QComboBox()
        self.status.addItem(self.tr("Any status"), "")
        for status in ExecutionStatus:
            self.status.addItem(status_label(status), status.value)
        self.procedure = QComboBox()
        self.procedure.addItem(self.tr("Any procedure"), 0)
        self.since, self.until = _time_edit(self), _time_edit(self)
        self.since.setSpecialValueText(self.tr("any time"))
        self.until.setSpecialValueText(self.tr("any time"))
        for combo in (self.status, self.procedure):
            combo.currentIndexChanged.connect(lambda _: self.refresh())
        for edit in (self.since, self.until):
            edit.editingFinished.connect(self.refresh)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        refresh.clicked.connect(self._load_procedures)
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.tabs.addTab(self._list_tab(refresh), self.tr("Executions"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._procedures_loaded = False
        self.follower = ListFollower(self)
        self.follower.ready.connect(self.refresh)
        self.follower.changed.connect(self._execution_changed)
        self.follower.failed.connect(self.problem.report)
        self.follower.dropped.connect(self._stream_dropped)
        self._refetch = QTimer(self)
        self._refetch.setSingleShot(True)
        self._refetch.setInterval(REFETCH_MS)
        self._refetch.timeout.connect(self.refresh)
        session.execution_started.connect(lambda _id: self.refresh())

    def _list_tab(self, refresh: QPushButton) -> QWidget:
        tab = QWidget()
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Status"), self.status),
                              (self.tr("Procedure"), self.procedure),
                              (self.tr("Since"), self.since), (self.tr("Until"), self.until)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch()
        filters.addWidget(refresh)
        column = QVBoxLayout(tab)
        column.addLayout(filters)
        column.addWidget(self.problem)
        column.addWidget(self.table)
        return tab

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.follower.start(self.session)

    def hideEvent(self, event: QHideEvent) -> None:
        self.follower.stop()  # no updates nobody sees
        self._refetch.stop()
        super().hideEvent(event)

    def activate(self) -> None:
        """Follow the list live: the stream's ``ready`` fetches it (fetched here only when the
        stream is already live); the procedures filter is filled the first time (then by the
        Refresh button)."""
        if not self._procedures_loaded:
            self._load_procedures()
        if self.follower.live:
            self.refresh()
        elif self.isVisible():
            self.follower.start(self.session)

    def _execution_changed(self, row: ExecutionPublic) -> None:
        status = self.status.currentData() or None
        if self.model.update(row) and (status is None or row.status == status):
            return
        if not self._refetch.isActive():
            self._refetch.start()  # new, or no longer in the filter: ask the server

    @async_slot
    async def _load_procedures(self) -> None:
        try:
            procedures = await call_for(self, self.session, self.session.client.list_procedures())
        except ApiError:
            return
        self._procedures_loaded = True
        current = self.procedure.currentData()
        self.procedure.blockSignals(True)
        self.procedure.clear()
        self.procedure.addItem(self.tr("Any procedure"), 0)
        for p in procedures.data:
            self.procedure.addItem(p.name, p.id)
        self.procedure.setCurrentIndex(max(0, self.procedure.findData(current)))
        self.procedure.blockSignals(False)

    def _stream_dropped(self, reason: str) -> None:
        """The live list lost its stream (or never got it): say so while it reconnects; the
        next successful connection fetches the list and clears the line."""
        self.problem.report(ServerUnreachable(reason))

    @async_slot
    async def refresh(self) -> None:
        """Fetch the list as the filters say now (only the latest fetch's answer is shown)."""
        since, until = _chosen(self.since), _chosen(self.until)
        ticket = self.fetches.take()
        try:
            page = await call_for(self, self.session, self.session.client.list_executions(
                status=self.status.currentData() or None,
                procedure=self.procedure.currentData() or None, since=since, until=until))
        except ApiError as exc:
            if self.fetches.is_latest(ticket):
                self.problem.report(exc)
            return
        if self.fetches.is_latest(ticket):
            self.problem.clear()
            self.model.set_rows(page.data)

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.execution_at(index.row())
        if row is not None:
            self.open_execution(row.id)

    def open_execution(self, execution_id: str) -> None:
        """Show the execution's live view (in its own tab; an open one is brought forward)."""
        for i in range(1, self.tabs.count()):
            view = self.tabs.widget(i)
            if isinstance(view, ExecutionView) and view.execution_id == execution_id:
                self.tabs.setCurrentIndex(i)
                return
        view = ExecutionView(self.session, execution_id)
        index = self.tabs.addTab(view, execution_id[:8])
        self.tabs.setTabToolTip(index, execution_id)
        self.tabs.setCurrentIndex(index)

    def _close_tab(self, index: int) -> None:
        view = self.tabs.widget(index)
        if isinstance(view, ExecutionView):
            view.close_view()
            self.tabs.removeTab(index)
            view.deleteLater()


def _time_edit(parent: QWidget) -> QDateTimeEdit:
    """A date-time filter that starts empty (its minimum means 'any time')."""
    edit = QDateTimeEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setMinimumDateTime(QDateTime.currentDateTime().addYears(-20))
    edit.setDateTime(edit.minimumDateTime())
    edit.setTimeZone(QTimeZone(QTimeZone.Initialization.LocalTime))
    edit.setToolTip(QCoreApplication.translate("ExecutionsPage",
                                               "Clear by choosing the earliest date"))
    return edit


def _chosen(edit: QDateTimeEdit) -> datetime | None:
    """The edit's time in UTC, or None while it shows 'any time'."""
    if edit.dateTime() == edit.minimumDateTime():
        return None
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)
