"""Windows of the version history: one old version read-only (with Restore), and two versions
compared on two canvases with the diff marked."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from noc_contracts.api import ProcedureVersionPublic
from noc_desktop.canvas.view import FlowchartView
from noc_desktop.procedures.compare_view import CompareView


def version_title(version: ProcedureVersionPublic) -> str:
    """``Version 3 by bob, 2025-01-02 10:00`` (translated)."""
    when = version.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return QCoreApplication.translate("VersionDialog", "Version {version} by {who}, {when}").format(
        version=version.version, who=version.created_by, when=when)


class VersionDialog(QDialog):
    """One saved version on a read-only canvas; Restore saves it again as the newest."""

    restore_requested = Signal(object)

    def __init__(self, version: ProcedureVersionPublic, may_restore: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("version_dialog")
        self.version = version
        self.setWindowTitle(self.tr("{name}, version {version} (read-only)").format(
            name=version.name, version=version.version))
        heading = QLabel(version_title(version))
        heading.setStyleSheet("font-weight: 600;")
        description = QLabel(version.description or self.tr("No description."))
        description.setWordWrap(True)
        description.setTextFormat(Qt.TextFormat.PlainText)
        self.view = FlowchartView()
        self.view.set_graph(version.graph)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.restore_button = QPushButton(self.tr("Restore this version"))
        self.restore_button.setObjectName("restore")
        self.restore_button.setEnabled(may_restore)
        self.restore_button.clicked.connect(self._restore)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(description)
        column.addWidget(self.view, 1)
        column.addWidget(buttons)
        self.resize(900, 640)

    def _restore(self) -> None:
        self.restore_requested.emit(self.version)
        self.accept()


class CompareDialog(QDialog):
    """Two saved versions side by side, the older on the left."""

    def __init__(self, older: ProcedureVersionPublic, newer: ProcedureVersionPublic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare_dialog")
        self.setWindowTitle(self.tr("Compare versions {old} and {new}").format(
            old=older.version, new=newer.version))
        self.compare_view = CompareView()
        self.compare_view.compare(older.graph, version_title(older),
                                  newer.graph, version_title(newer))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.compare_view, 1)
        column.addWidget(buttons)
        self.resize(1200, 700)
