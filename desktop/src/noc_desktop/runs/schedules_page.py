"""``SchedulesPage``: every schedule, with pause, resume and delete (asked first), and the
next fire times of the selected one as the server computes them. Viewers only read."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from noc_contracts import ScheduleInfo
from noc_desktop.client import ApiError
from noc_desktop.runs.schedules_model import SchedulesModel
from noc_desktop.session import Session
from noc_desktop.widgets import show_error
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.confirm import ask
from noc_desktop.widgets.errors import describe_error
from noc_desktop.widgets.looks import local_time
from noc_desktop.widgets.slots import async_slot
from noc_desktop.widgets.status_line import StatusLine
from noc_desktop.widgets.tickets import Tickets


class SchedulesPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = SchedulesModel(self)
        self.fetches = Tickets()
        self.problem = StatusLine(self)
        self.table = QTableView(self)
        self.table.setObjectName("schedules")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.resume_button = QPushButton(self.tr("Resume"), self)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.pause_button.clicked.connect(lambda: self._change("pause"))
        self.resume_button.clicked.connect(lambda: self._change("resume"))
        self.delete_button.clicked.connect(self._ask_delete)
        self.fire_times = QListWidget(self)
        self.fire_times.setObjectName("fire_times")
        self.fire_note = QLabel(self.tr("Select a schedule to see when it fires next."), self)
        self.fire_note.setWordWrap(True)
        self.confirm_box: QWidget | None = None
        self._build()
        self._update_buttons()

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        for button in (self.pause_button, self.resume_button, self.delete_button):
            bar.addWidget(button)
        side = QWidget(self)
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(0, 0, 0, 0)
        side_column.addWidget(QLabel(self.tr("Next fire times (from the server)"), side))
        side_column.addWidget(self.fire_times, 1)
        side_column.addWidget(self.fire_note)
        # the fire times below the table: the table needs the whole width for its seven
        # columns (beside it, Policies and Last fired were cut off), the list only a few rows
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.problem)
        layout.addWidget(split, 1)

    def activate(self) -> None:
        self.refresh()

    def selected(self) -> ScheduleInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.schedule_at(rows[0].row()) if rows else None

    @async_slot
    async def refresh(self) -> None:
        """The schedules and the procedures' names; the selection is kept by id."""
        client = self.session.client
        ticket = self.fetches.take()
        try:
            schedules = await call_for(self, self.session, client.list_schedules())
            procedures = await call_for(self, self.session, client.list_procedures())
        except ApiError as exc:
            if self.fetches.is_latest(ticket):
                self.problem.report(exc)
            return
        if not self.fetches.is_latest(ticket):
            return  # a newer refresh answers for the page
        self.problem.clear()
        keep = self.selected()
        self.model.set_rows(schedules.data, {p.id: p.name for p in procedures.data})
        if keep is not None and (row := self.model.row_of(keep.id)) >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def _selected(self, _: QItemSelection, __: QItemSelection) -> None:
        self._update_buttons()
        info = self.selected()
        self.fire_times.clear()
        if info is not None:
            self._load_fire_times(info.id)

    def _update_buttons(self) -> None:
        info = self.selected()
        writable = self.session.can_write and info is not None
        status = info.status.value if info is not None else ""
        self.pause_button.setEnabled(writable and status == "active")
        self.resume_button.setEnabled(writable and status == "paused")
        self.delete_button.setEnabled(writable)
        if not self.session.can_write:
            for button in (self.pause_button, self.resume_button, self.delete_button):
                button.setToolTip(self.tr("Your role may only read schedules."))

    @async_slot
    async def _load_fire_times(self, schedule_id: int) -> None:
        self.fire_note.setText(self.tr("Checking with the server…"))
        try:
            preview = await call_for(self, self.session,
                                     self.session.client.schedule_preview(schedule_id))
        except ApiError as exc:
            self.fire_note.setText(
                self.tr("No preview: {reason}").format(reason=describe_error(exc)))
            return
        current = self.selected()
        if current is None or current.id != schedule_id:
            return  # the selection moved on meanwhile
        self.fire_times.clear()
        self.fire_times.addItems([local_time(t) for t in preview.fire_times])
        self.fire_note.setText(self.tr("In your local time.") if preview.fire_times
                               else self.tr("It will not fire again."))

    @async_slot
    async def _change(self, action: str) -> None:
        info = self.selected()
        if info is None:
            return
        client = self.session.client
        call = client.pause_schedule if action == "pause" else client.resume_schedule
        try:
            changed = await call_for(self, self.session, call(info.id))
        except ApiError as exc:
            show_error(self, exc)
            return
        self.model.replace(changed)
        self._selected(QItemSelection(), QItemSelection())

    def _ask_delete(self) -> None:
        info = self.selected()
        if info is None:
            return
        name = self.model.data(self.model.index(self.model.row_of(info.id), 0))
        self.confirm_box = ask(self, self.tr("Delete schedule"),
                               self.tr("Delete the schedule of {name} ({timing})? It will not "
                                       "fire again.").format(
                                   name=name, timing=self.model.data(
                                       self.model.index(self.model.row_of(info.id),
                                                        SchedulesModel.TIMING))),
                               lambda: self._delete(info.id))

    @async_slot
    async def _delete(self, schedule_id: int) -> None:
        try:
            await call_for(self, self.session, self.session.client.delete_schedule(schedule_id))
        except ApiError as exc:
            show_error(self, exc)
            return
        self.model.remove(schedule_id)
        self._selected(QItemSelection(), QItemSelection())
