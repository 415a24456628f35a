"""``ProceduresPage``: the saved procedures (filterable) and the read-only flowchart and
description of the one selected; Run… opens the run dialog for it."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from noc_contracts.api import ProcedurePublic, ProcedureSummary
from noc_desktop.canvas.view import FlowchartView
from noc_desktop.client import ApiError
from noc_desktop.monitor.slots import async_slot
from noc_desktop.procedures.table_model import (
    NAME,
    SUMMARY_ROLE,
    ProceduresFilter,
    ProceduresModel,
)
from noc_desktop.session import Session
from noc_desktop.widgets import error_details, error_summary

RUN_DIALOG = "noc_desktop.runs.run_dialog"


def _note(object_name: str) -> QLabel:
    """A centred, wrapped, muted message: the empty, loading and error states."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setMargin(24)
    label.setStyleSheet("color: palette(placeholder-text); font-size: 13px;")
    return label


class ProceduresPage(QWidget):
    """The list on the left, the selected procedure's flowchart on the right."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.current: ProcedurePublic | None = None
        self._wanted: int | None = None  # the procedure whose flowchart was last asked for
        self.run_available = importlib.util.find_spec(RUN_DIALOG) is not None

        self.model = ProceduresModel(self)
        self.proxy = ProceduresFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("procedures")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name or description"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(360)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.list_note = _note("list_note")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.list_note)

        self.title = QLabel()
        self.title.setObjectName("procedure_title")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.description = QLabel()
        self.description.setObjectName("procedure_description")
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flowchart = FlowchartView()
        self.flow_note = _note("flow_note")
        self.flow_stack = QStackedWidget()
        self.flow_stack.addWidget(self.flowchart)
        self.flow_stack.addWidget(self.flow_note)

        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.fit_button = QPushButton(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Show the whole flowchart (Ctrl+0)"))
        self.fit_button.clicked.connect(self.flowchart.fit)
        self.run_button = QPushButton(self.tr("Run…"))
        self.run_button.clicked.connect(self.open_run_dialog)
        self._layout()
        self._show_flow_note(self.tr("Select a procedure to see its flowchart."))
        self._update_buttons()

    def _layout(self) -> None:
        tools = QHBoxLayout()
        for button in (self.refresh_button, self.fit_button, self.run_button):
            tools.addWidget(button)
        tools.addStretch()
        tools.addWidget(self.filter, 1)
        details = QWidget()
        right = QVBoxLayout(details)
        right.setContentsMargins(8, 0, 0, 0)
        right.addWidget(self.title)
        right.addWidget(self.description)
        right.addWidget(self.flow_stack, 1)
        split = QSplitter()
        split.addWidget(self.list_stack)
        split.addWidget(details)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([420, 780])
        column = QVBoxLayout(self)
        column.addLayout(tools)
        column.addWidget(split, 1)

    # ---- the list ---------------------------------------------------------------------------
    def activate(self) -> None:
        """Called each time the page is shown: fetch the list again."""
        self.refresh()

    @async_slot
    async def refresh(self) -> None:
        if not self.model.rows:
            self._show_list_note(self.tr("Loading procedures…"))
        self.refresh_button.setEnabled(False)
        try:
            page = await self.session.call(self.session.client.list_procedures())
        except ApiError as exc:
            self._show_list_note(self._error_text(
                self.tr("The procedures could not be loaded."), exc))
            return
        finally:
            self.refresh_button.setEnabled(True)
        selected = self.current.id if self.current else None
        self.model.set_rows(page.data)
        if not page.data:
            self._show_list_note(self.tr(
                "No procedures yet.\nCreate one with the API (POST /api/v1/procedures) or "
                "import one; it will be listed here."))
            self._clear_flowchart()
            self.flow_note.clear()
            return
        self.list_stack.setCurrentWidget(self.table)
        row = self.model.row_of(selected) if selected is not None else None
        if row is None:
            self._clear_flowchart()
        else:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, NAME)).row())

    def _show_list_note(self, text: str) -> None:
        self.list_note.setText(text)
        self.list_stack.setCurrentWidget(self.list_note)

    def _error_text(self, headline: str, exc: ApiError) -> str:
        lines = [headline, error_summary(exc), *error_details(exc)]
        return "\n".join(line for line in lines if line)

    # ---- the selected procedure -------------------------------------------------------------
    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows(NAME)
        summary = rows[0].data(SUMMARY_ROLE) if rows else None
        if isinstance(summary, ProcedureSummary):
            if self.current is None or self.current.id != summary.id or (
                    self.current.version != summary.version):
                self.load(summary.id)
        else:
            self._clear_flowchart()

    @async_slot
    async def load(self, procedure_id: int) -> None:
        """Fetch the procedure and show its flowchart (a later selection wins)."""
        self._wanted = procedure_id
        self._show_flow_note(self.tr("Loading the flowchart…"))
        try:
            procedure = await self.session.call(
                self.session.client.get_procedure(procedure_id))
        except ApiError as exc:
            if self._wanted == procedure_id:
                self.current = None
                self._show_flow_note(self._error_text(
                    self.tr("The flowchart could not be loaded."), exc))
                self._update_buttons()
            return
        if self._wanted != procedure_id:
            return
        self.current = procedure
        self.title.setText(self.tr("{name} (version {version})").format(
            name=procedure.name, version=procedure.version))
        self.description.setText(procedure.description or self.tr("No description."))
        self.flow_stack.setCurrentWidget(self.flowchart)
        self.flowchart.set_graph(procedure.graph)
        self._update_buttons()

    def _clear_flowchart(self) -> None:
        self._wanted = None
        self.current = None
        self.flowchart.clear()
        self._show_flow_note(self.tr("Select a procedure to see its flowchart."))
        self._update_buttons()

    def _show_flow_note(self, text: str) -> None:
        self.title.clear()
        self.description.clear()
        self.flow_note.setText(text)
        self.flow_stack.setCurrentWidget(self.flow_note)

    def _update_buttons(self) -> None:
        shown = self.current is not None
        self.fit_button.setEnabled(shown)
        self.run_button.setEnabled(shown and self.run_available and self.session.can_write)
        if not self.run_available:
            self.run_button.setToolTip(self.tr("Running is not available in this version."))
        elif not self.session.can_write:
            self.run_button.setToolTip(self.tr("Your role may not run procedures."))
        else:
            self.run_button.setToolTip(self.tr("Run the selected procedure now or later"))

    def open_run_dialog(self) -> None:
        """The run dialog for the shown procedure (the runs module, loaded when needed)."""
        if self.current is None or not self.run_available:
            return
        dialog_class: Any = importlib.import_module(RUN_DIALOG).RunDialog
        dialog = dialog_class(self.session, self.current, self)
        dialog.open()
