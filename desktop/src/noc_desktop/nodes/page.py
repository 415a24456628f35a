"""``NodesPage``: the execution nodes the scheduler knows, their health, labels and load,
fetched when the page is shown and again ``REFRESH_MS`` after each answer while it stays
visible (the timer never asks while an answer is awaited: a slow scheduler is not piled on).
An admin edits a node's labels and capacity, drains or resumes it, and removes it (asked
first: the steps it has in hand end lost); every other role reads."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from noc_contracts import NodeHealth, NodeInfo
from noc_desktop.client import ApiError
from noc_desktop.monitor.colours import status_colour
from noc_desktop.nodes.actions import offered
from noc_desktop.nodes.badge import BadgeDelegate
from noc_desktop.nodes.cells import health_counts
from noc_desktop.nodes.edit_dialog import NodeDialog
from noc_desktop.nodes.model import NodesModel
from noc_desktop.session import Session
from noc_desktop.widgets import show_error
from noc_desktop.widgets.calls import alive, call_for
from noc_desktop.widgets.confirm import ask
from noc_desktop.widgets.form_errors import show_text
from noc_desktop.widgets.slots import async_slot
from noc_desktop.widgets.status_line import StatusLine
from noc_desktop.widgets.statuses import status_label
from noc_desktop.widgets.tickets import Tickets

# the pause between an answer and the next fetch (nodes beat every 3 s by default)
REFRESH_MS = 5_000


class NodesPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = NodesModel(self)
        self.fetches = Tickets()
        self.problem = StatusLine(self)
        self.table = QTableView(self)
        self.table.setObjectName("nodes")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(NodesModel.HEALTH, BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # the labels, as many as a node has
        self.table.setStyleSheet("QTableView::item { padding: 0 6px; }")
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _: self.edit())
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.legend = QLabel(self._legend_text(), self)
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.drain_button = QPushButton(self.tr("Drain"), self)
        self.remove_button = QPushButton(self.tr("Remove…"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.edit_button.clicked.connect(self.edit)
        self.drain_button.clicked.connect(self._toggle)
        self.remove_button.clicked.connect(self._ask_remove)
        self.dialog: NodeDialog | None = None
        self.confirm_box: QWidget | None = None
        self.timer = QTimer(self)  # the next fetch, armed when the last one has answered
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self._build()
        if not session.is_admin:
            self.note.setText(self.tr("Only an administrator may change nodes."))
        self.note.setVisible(not session.is_admin)
        self._update_buttons()

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.summary)
        bar.addStretch(1)
        for button in (self.edit_button, self.drain_button, self.remove_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)

    def _legend_text(self) -> str:
        """What each health means, each after its badge's colour."""
        return "&nbsp;&nbsp;&nbsp;".join(
            f'<span style="color: {status_colour(h)};">&#9679;</span> '
            f"<b>{escape(status_label(h))}</b>: "
            f"{escape(self.model.health_meaning(h))}" for h in NodeHealth)

    # ---- showing ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # at once; the next one is armed when it answers

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()  # no fetches nobody sees
        super().hideEvent(event)

    def activate(self) -> None:
        """The page contract: being shown has fetched the list already."""

    def selected(self) -> NodeInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.node_at(rows[0].row()) if rows else None

    @async_slot
    async def refresh(self) -> None:
        """The nodes as the scheduler sees them now; the selection is kept by name. The next
        fetch is armed once this one has answered (while the page is visible)."""
        self.timer.stop()  # this is the next fetch
        ticket = self.fetches.take()
        try:
            nodes = await call_for(self, self.session, self.session.client.list_nodes())
        except ApiError as exc:
            if self.fetches.is_latest(ticket):
                self.problem.report(exc)
            return
        finally:
            if alive(self) and self.isVisible():
                self.timer.start()
        if not self.fetches.is_latest(ticket):
            return  # a newer refresh answers for the page
        self.problem.clear()
        keep = self.selected()
        self.model.set_rows(nodes)
        if keep is not None and (row := self.model.row_of(keep.name)) >= 0:
            self.table.selectRow(row)
        self._show_summary()
        self._update_buttons()

    def _show_summary(self) -> None:
        nodes = self.model.rows
        if not nodes:
            self.summary.setText(self.tr("No node is registered yet (noc-scheduler nodes add, "
                                         "on the scheduler's machine)."))
            return
        counts = health_counts(nodes)
        text = self.tr("Nodes: {count} (up: {up}, late: {late}, down: {down})")
        self.summary.setText(text.format(count=len(nodes), up=counts[NodeHealth.up],
                                         late=counts[NodeHealth.late],
                                         down=counts[NodeHealth.down]))

    def _selected(self, _: QItemSelection, __: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        allowed = offered(self.session.is_admin, self.selected())
        for button in (self.edit_button, self.drain_button, self.remove_button):
            button.setVisible(allowed.shown)
        self.edit_button.setEnabled(allowed.edit)
        self.remove_button.setEnabled(allowed.remove)
        self.drain_button.setEnabled(allowed.toggle_enabled)
        if allowed.toggle == "resume":
            self.drain_button.setText(self.tr("Resume"))
            self.drain_button.setToolTip(self.tr("Give the node work again."))
        else:
            self.drain_button.setText(self.tr("Drain"))
            self.drain_button.setToolTip(self.tr("The node finishes what it runs and takes "
                                                 "nothing new."))

    # ---- an admin's changes ----------------------------------------------------------------
    def edit(self) -> None:
        node = self.selected()
        if node is None or not self.session.is_admin:
            return
        dialog = NodeDialog(self.session, node, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._changed)
        self.dialog = dialog
        dialog.open()

    def _changed(self, info: object) -> None:
        if isinstance(info, NodeInfo):
            self.model.replace(info)
            self._show_summary()
            self._update_buttons()

    @async_slot
    async def _toggle(self) -> None:
        node = self.selected()
        if node is None:
            return
        client = self.session.client
        call = client.resume_node if node.draining else client.drain_node
        try:
            changed = await call_for(self, self.session, call(node.name))
        except ApiError as exc:
            show_error(self, exc)
            return
        show_text(self.notice, "")
        self._changed(changed)

    def _ask_remove(self) -> None:
        node = self.selected()
        if node is None:
            return
        self.confirm_box = ask(
            self, self.tr("Remove node"),
            self.tr("Remove the node {name} from the registry? Every step it still has in "
                    "hand ends lost (it last reported {running} running, {queued} queued), "
                    "and it is given no work until it is added again.").format(
                name=node.name, running=node.running, queued=node.queue_depth),
            lambda: self._remove(node.name), name="confirm_remove")

    @async_slot
    async def _remove(self, name: str) -> None:
        try:
            removed = await call_for(self, self.session, self.session.client.remove_node(name))
        except ApiError as exc:
            show_error(self, exc)
            return
        show_text(self.notice, self.tr("Removed {name}; steps it had in hand, now ended lost: "
                                       "{count}.").format(name=removed.name,
                                                          count=removed.settled_steps))
        self.model.remove(removed.name)
        self._show_summary()
        self._update_buttons()
