"""``ProceduresPage``: the saved procedures (filterable) on the left, the flowchart editor of
the one open on the right. Choosing another procedure (or New) asks first about unsaved
changes; the main window asks ``can_leave`` before closing or logging out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
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
from noc_desktop.client import ApiError
from noc_desktop.procedures.editor_page import ProcedureEditor
from noc_desktop.procedures.table_model import (
    NAME,
    SAVED_AT,
    SAVED_BY,
    SUMMARY_ROLE,
    ProceduresFilter,
    ProceduresModel,
)
from noc_desktop.session import Session
from noc_desktop.widgets import error_details, error_summary
from noc_desktop.widgets.calls import alive, call_for
from noc_desktop.widgets.slots import async_slot


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
    """The list and the editor; ``activate()`` refreshes the list (the page contract)."""

    #: the open procedure has unsaved changes (True) or not any more
    modified_changed = Signal(bool)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
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
        for column in (SAVED_BY, SAVED_AT):  # the editor's Versions say who and when
            self.table.setColumnHidden(column, True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name or description"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.list_note = _note("list_note")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.list_note)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setObjectName("new_button")
        self.new_button.setToolTip(self.tr("Draw a new procedure"))
        self.new_button.clicked.connect(self.new_procedure)
        self.new_button.setEnabled(session.can_write)
        self.pane = ProcedureEditor(session)
        self.pane.modified_changed.connect(self.modified_changed)
        self.pane.saved.connect(self._saved)
        self.pane.saver.load_failed.connect(self._select_open)
        self._layout()

    def _layout(self) -> None:
        tools = QHBoxLayout()
        tools.addWidget(self.new_button)
        tools.addWidget(self.refresh_button)
        tools.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(tools)
        # its own row: beside the buttons, a narrow list left it a clipped "Fi..."
        column.addWidget(self.filter)
        column.addWidget(self.list_stack, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.pane)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 5)
        split.setSizes([200, 1000])
        QVBoxLayout(self).addWidget(split)
        self.split = split

    # ---- the page contract --------------------------------------------------------------------
    def activate(self) -> None:
        """Called each time the page is shown: fetch the list again."""
        self.refresh()

    def can_leave(self, then: Callable[[], object] | None = None) -> bool:
        return self.pane.can_leave(then)

    def is_modified(self) -> bool:
        return self.pane.is_modified()

    # ---- the list ---------------------------------------------------------------------------
    @async_slot
    async def refresh(self) -> None:
        if not self.model.rows:
            self._show_list_note(self.tr("Loading procedures…"))
        self.refresh_button.setEnabled(False)
        try:
            page = await call_for(self, self.session, self.session.client.list_procedures())
        except ApiError as exc:
            lines = [self.tr("The procedures could not be loaded."), error_summary(exc),
                     *error_details(exc)]
            self._show_list_note("\n".join(line for line in lines if line))
            return
        finally:
            if alive(self):
                self.refresh_button.setEnabled(True)
        self.model.set_rows(page.data)
        if not page.data:
            self._show_list_note(self.tr("No procedures yet.\nClick New to draw one."))
            return
        self.list_stack.setCurrentWidget(self.table)
        self._select_open()
        current = self.pane.procedure
        listed = next((p for p in page.data if current and p.id == current.id), None)
        if current is not None and listed is not None and listed.version > current.version \
                and not self.pane.is_modified():
            # someone saved a newer version: show it, unless editing has begun meanwhile
            self.pane.saver.load(current.id, keep_edits=True)

    def _show_list_note(self, text: str) -> None:
        self.list_note.setText(text)
        self.list_stack.setCurrentWidget(self.list_note)

    def _select_open(self) -> None:
        """Select the open procedure's row (or none) without reopening it."""
        current = self.pane.procedure
        row = self.model.row_of(current.id) if current is not None else None
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            if row is None:
                selection.clearSelection()
            else:
                index = self.proxy.mapFromSource(self.model.index(row, NAME))
                selection.select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows(NAME)
        summary = rows[0].data(SUMMARY_ROLE) if rows else None
        if not isinstance(summary, ProcedureSummary):
            return
        current = self.pane.procedure
        if current is not None and current.id == summary.id:
            return
        if not self.pane.can_leave():
            self._select_open()
            return
        self.pane.saver.load(summary.id)

    # ---- opening ------------------------------------------------------------------------------
    def new_procedure(self) -> None:
        if self.pane.can_leave():
            self.pane.new_procedure()
            self._select_open()

    def _saved(self, _procedure: ProcedurePublic | None) -> None:
        """A version was saved, restored or the procedure deleted: list it as it is now."""
        self.refresh()
