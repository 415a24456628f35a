"""``VersionsPanel``: a procedure's saved versions (number, who, when, name), newest first.
Select two and Compare to see their diff on the canvas; select one to Open it read-only or
Restore it (saved again as the newest version). The editor docks it and does the calls."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from noc_contracts.api import ProcedureVersionPublic

VERSION, WHO, WHEN, NAME = range(4)


class VersionsPanel(QWidget):
    """Shows what ``set_versions`` gives; asks for comparisons, opening and restoring."""

    #: (older, newer) to compare
    compare_requested = Signal(object, object)
    #: a version to look at read-only
    open_requested = Signal(object)
    #: a version to save again as the newest
    restore_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.versions: list[ProcedureVersionPublic] = []
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("versions")
        self.table.setHorizontalHeaderLabels([self.tr("Version"), self.tr("Saved by"),
                                              self.tr("When"), self.tr("Name")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _: self._open())
        self.hint = QLabel(self.tr("Select two versions to compare them, or one to open or "
                                   "restore it."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setObjectName("compare_versions")
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("open_version")
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setObjectName("restore_version")
        self.restore_button.setToolTip(self.tr("Save this version again as the newest one"))
        self.compare_button.clicked.connect(self._compare)
        self.open_button.clicked.connect(self._open)
        self.restore_button.clicked.connect(self._restore)
        buttons = QHBoxLayout()
        for button in (self.compare_button, self.open_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch()
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.table, 1)
        column.addWidget(self.hint)
        column.addLayout(buttons)
        self._update_buttons()

    def set_versions(self, versions: list[ProcedureVersionPublic]) -> None:
        """The versions to list (any order: shown newest first)."""
        self.versions = sorted(versions, key=lambda v: v.version, reverse=True)
        self.table.setRowCount(len(self.versions))
        for row, version in enumerate(self.versions):
            when = version.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            for column, text in ((VERSION, str(version.version)), (WHO, version.created_by),
                                 (WHEN, when), (NAME, version.name)):
                item = QTableWidgetItem(text)
                if column == VERSION:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self._update_buttons()

    def select_versions(self, *numbers: int) -> None:
        """Select the rows of these version numbers (the others are deselected)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, version in enumerate(self.versions):
            if version.version in numbers:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def selected(self) -> list[ProcedureVersionPublic]:
        """The selected versions, oldest first."""
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        return [self.versions[row] for row in rows]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        newest = self.versions[0].version if self.versions else None
        self.compare_button.setEnabled(len(chosen) == 2)
        self.open_button.setEnabled(len(chosen) == 1)
        self.restore_button.setEnabled(len(chosen) == 1 and chosen[0].version != newest)

    def _compare(self) -> None:
        chosen = self.selected()
        if len(chosen) == 2:
            self.compare_requested.emit(chosen[0], chosen[1])

    def _open(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.open_requested.emit(chosen[0])

    def _restore(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.restore_requested.emit(chosen[0])
