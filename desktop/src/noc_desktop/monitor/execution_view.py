"""``ExecutionView``: one execution, live. The flowchart coloured for the selected host with
how many hosts are on each block, the per-host table, the selected host's steps, output and
timeline, and a header with Cancel. The state comes from ``GET /executions/{id}``: a finished
execution is shown from it and nothing more; for a running one the event stream is replayed
from its start into a second state, out of sight, which replaces the snapshot once it has
caught up with it (never a visible rewind), then batches apply live (``EventFeed``)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from noc_contracts import ExecutionEvent, ProcedureGraph
from noc_desktop.canvas.states import BlockState
from noc_desktop.canvas.view import FlowchartView
from noc_desktop.client import ApiError
from noc_desktop.monitor.feed import EventFeed
from noc_desktop.monitor.header import ExecutionHeader
from noc_desktop.monitor.hosts_model import HostsFilter, HostsModel
from noc_desktop.monitor.state import Changes, ExecutionState
from noc_desktop.monitor.step_panel import StepPanel
from noc_desktop.monitor.timeline import TimelineWidget
from noc_desktop.session import Session
from noc_desktop.widgets import show_error
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.slots import async_slot
from noc_desktop.widgets.status_line import StatusLine
from noc_desktop.widgets.statuses import status_label, status_labels

logger = logging.getLogger(__name__)
HOST_STATUSES = ("pending", "running", "success", "failed", "unreachable", "cancelled")


class ExecutionView(QWidget):
    """Follows one execution from the moment it is shown until it is closed."""

    #: the view applied a batch of events (how many), or loaded its snapshot (0)
    updated = Signal(int)

    def __init__(self, session: Session, execution_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.execution_id = execution_id
        self.state: ExecutionState | None = None
        self.graph: ProcedureGraph | None = None
        self.selected_host: str | None = None
        #: the replay being built behind the snapshot, and the snapshot's progress to reach
        self._replay: ExecutionState | None = None
        self._catch_up = 0
        self.feed = EventFeed(self)
        self.feed.batch_ready.connect(self.apply_events)
        self.feed.ended.connect(self._replay_done)
        self.feed.failed.connect(self._stream_failed)
        self.header = ExecutionHeader(self)
        self.problem = StatusLine(self)
        self.header.cancel_confirmed.connect(self._cancel)
        self.hosts_model = HostsModel(self)
        self.hosts_filter = HostsFilter(self)
        self.hosts_filter.setSourceModel(self.hosts_model)
        self.table = self._table()
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), "")
        for status in HOST_STATUSES:
            self.status_filter.addItem(status_label(status), status)
        self.status_filter.currentIndexChanged.connect(
            lambda _: self.hosts_filter.set_status(self.status_filter.currentData()))
        self.canvas = FlowchartView(self)  # read-only here
        self.steps = StepPanel()
        self.timeline = TimelineWidget()
        self._ticker = QTimer(self)  # durations of running hosts, once a second
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._build()

    def _table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("hosts")
        table.setModel(self.hosts_filter)
        table.setSortingEnabled(True)
        table.sortByColumn(HostsModel.HOST, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(22)
        header = table.horizontalHeader()  # fixed widths: fitting contents walks every row
        metrics = table.fontMetrics()  # the status column fits its longest label (pt-BR's too)
        status_width = max(90, 30 + max(metrics.horizontalAdvance(label)
                                        for label in status_labels().values()))
        for column, width in ((HostsModel.STATUS, status_width), (HostsModel.STEP, 90),
                              (HostsModel.STEPS, 50), (HostsModel.DURATION, 70)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(HostsModel.HOST, QHeaderView.ResizeMode.Stretch)
        table.selectionModel().selectionChanged.connect(self._row_selected)
        return table

    def _build(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Hosts")))
        filters.addStretch()
        filters.addWidget(self.status_filter)
        column.addLayout(filters)
        column.addWidget(self.table)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(self.canvas)
        top.setStretchFactor(1, 3)
        top.setSizes([430, 770])
        details = QTabWidget()
        details.addTab(self.steps, self.tr("Steps and output"))
        details.addTab(self.timeline, self.tr("Timeline"))
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(top)
        main.addWidget(details)
        main.setSizes([620, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.problem)
        layout.addWidget(main, 1)

    # ---- life cycle ----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.state is None:
            self.load()
        elif not self.state.finished or self._replay is not None:
            self.feed.resume()  # after the last event received while shown
        self._ticker.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.close_view()  # nobody sees it: no stream, no ticking (resumed when shown)
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_view()
        super().closeEvent(event)

    def close_view(self) -> None:
        """Stop following the execution (the page calls this when the tab closes)."""
        self.feed.stop()
        self._ticker.stop()

    def _stream_failed(self, exc: ApiError) -> None:
        self.problem.report(exc)  # a 401 is re-asked, then the stream resumes

    @async_slot
    async def load(self) -> None:
        """The snapshot, the graph of the version that ran, then the live stream."""
        client = self.session.client
        try:
            detail = await call_for(self, self.session, client.get_execution(self.execution_id))
        except ApiError as exc:
            self.problem.report(exc)
            return
        self.problem.clear()
        self.state = ExecutionState(detail)
        self.hosts_model.set_state(self.state)
        self.header.show_state(self.state)
        if self.selected_host is None and self.state.hosts:
            self.select_host(min(self.state.hosts))
        self.updated.emit(0)
        if not self.state.finished:  # a finished one is complete as it is: no stream
            self._replay = ExecutionState(detail, with_hosts=False)
            self._catch_up = self.state.progress()
            self.feed.start(self.session, self.execution_id)
        await self._load_graph(detail.procedure_id, detail.procedure_version)

    async def _load_graph(self, procedure_id: int | None, version: int | None) -> None:
        if procedure_id is None:
            return
        client = self.session.client
        try:
            procedure = await call_for(self, self.session, client.get_procedure(procedure_id))
            graph = procedure.graph
            if version is not None and version != procedure.version:
                versions = await call_for(self, self.session,
                                          client.procedure_versions(procedure_id))
                graph = next((v.graph for v in versions.data if v.version == version), graph)
        except ApiError as exc:
            logger.info("no flowchart for execution %s: %s", self.execution_id, exc)
            return
        self.graph = graph
        self.canvas.set_graph(graph)
        self._paint_blocks()
        self.canvas.fit()

    # ---- events --------------------------------------------------------------------------
    def apply_events(self, events: list[ExecutionEvent]) -> None:
        """Fold a batch in and repaint what it changed. While the stream replays from its
        start, the batch goes to the replay instead, and the screen keeps the snapshot until
        the replay has caught up with it."""
        if self.state is None:
            return
        if self._replay is not None:
            self._replay.apply(events)
            if self._replay.progress() >= self._catch_up or self._replay.finished:
                self._replay_done()
            self.updated.emit(len(events))
            return
        changes = self.state.apply(events)
        self.hosts_model.refresh(changes.hosts)
        self._repaint(changes)
        self.updated.emit(len(events))

    def _replay_done(self) -> None:
        """The replay has caught up (or the stream ended): it becomes the state on screen."""
        replay, self._replay = self._replay, None
        if replay is None:
            return
        self.state = replay
        self.hosts_model.set_state(replay)
        self.header.show_state(replay)
        if self.selected_host is None and replay.hosts:
            self.select_host(min(replay.hosts))
        else:
            self._show_host()

    def _repaint(self, changes: Changes) -> None:
        assert self.state is not None
        if changes.execution or changes.hosts:
            self.header.show_state(self.state)
        if self.selected_host is None and self.state.hosts:
            self.select_host(min(self.state.hosts))
        elif self.selected_host in changes.hosts:
            self._show_host()
        elif changes.blocks:
            self._paint_blocks()
        if self.state.finished:
            self.header.show_state(self.state)

    def block_states(self) -> dict[str, BlockState]:
        """What the flowchart shows now, for the selected host."""
        if self.state is None:
            return {}
        return {node: BlockState(b.status, b.hosts_here)
                for node, b in self.state.block_states(self.selected_host).items()}

    def _paint_blocks(self) -> None:
        if self.state is None or self.graph is None:
            return
        self.canvas.set_block_states(self.block_states())
        host = self.state.hosts.get(self.selected_host or "")
        self.canvas.set_path(list(host.path) if host else [])

    # ---- selection -----------------------------------------------------------------------
    def select_host(self, name: str) -> None:
        row = self.hosts_model.row_of(name)
        index = self.hosts_filter.mapFromSource(self.hosts_model.index(row, 0))
        self.selected_host = name
        if index.isValid():
            self.table.selectRow(index.row())
        self._show_host()

    def _row_selected(self, selected: QItemSelection, _: QItemSelection) -> None:
        rows = selected.indexes()
        if not rows:
            return
        source = self.hosts_filter.mapToSource(rows[0])
        host = self.hosts_model.host_at(source.row())
        if host is not None and host.name != self.selected_host:
            self.selected_host = host.name
            self._show_host()

    def _show_host(self) -> None:
        host = self.state.hosts.get(self.selected_host or "") if self.state else None
        self.steps.set_host(host)
        self.timeline.set_host(host)
        self._paint_blocks()

    def _tick(self) -> None:
        if self.state is not None and not self.state.finished:
            self.hosts_model.tick()
            self.timeline.set_host(self.state.hosts.get(self.selected_host or ""))

    @async_slot
    async def _cancel(self) -> None:
        try:
            await call_for(self, self.session,
                           self.session.client.cancel_execution(self.execution_id))
        except ApiError as exc:
            show_error(self, exc)

