"""``ConflictDialog``: the save was refused because someone saved a newer version meanwhile.
The user chooses: Reload (discard mine, load theirs), Compare (theirs and mine side by side,
marked, in the dialog itself, the choice still open) or Save anyway (mine on top, explicitly)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from noc_contracts import ProcedureGraph
from noc_contracts.api import ProcedureVersionPublic
from noc_desktop.procedures.compare_view import CompareView

RELOAD = "reload"
SAVE_ANYWAY = "save_anyway"
CANCEL = "cancel"


class ConflictDialog(QDialog):
    """Window-modal, opened with ``open()``; the answer arrives as ``chosen``."""

    #: RELOAD, SAVE_ANYWAY or CANCEL
    chosen = Signal(str)

    def __init__(self, theirs: ProcedureVersionPublic, mine: ProcedureGraph, base_version: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(self.tr("Saved by someone else"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.theirs, self.mine, self.base_version = theirs, mine, base_version
        self._answered = False
        when = theirs.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        self.message = QLabel(self.tr(
            "{who} saved version {version} of this procedure at {when}, while you were "
            "editing version {base}.\n\nReload theirs to discard your changes, Compare to "
            "see both side by side, or Save mine anyway to save yours as version {next} on "
            "top of theirs.").format(who=theirs.created_by, version=theirs.version, when=when,
                              base=base_version, next=theirs.version + 1))
        self.message.setObjectName("conflict_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.compare_view = CompareView()
        self.compare_view.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.reload_button = self._button(self.tr("Reload theirs"), "reload",
                                          QDialogButtonBox.ButtonRole.DestructiveRole)
        self.compare_button = self._button(self.tr("Compare…"), "compare",
                                           QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self._button(self.tr("Save mine anyway"), "save_anyway",
                                        QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self._button(self.tr("Cancel"), "cancel",
                                          QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setDefault(True)
        self.reload_button.clicked.connect(lambda: self._choose(RELOAD))
        self.save_button.clicked.connect(lambda: self._choose(SAVE_ANYWAY))
        self.cancel_button.clicked.connect(lambda: self._choose(CANCEL))
        self.compare_button.clicked.connect(self.show_comparison)
        column = QVBoxLayout(self)
        column.addWidget(self.message)
        column.addWidget(self.compare_view, 1)
        column.addWidget(self.buttons)
        self.resize(560, 200)

    def _button(self, text: str, name: str, role: QDialogButtonBox.ButtonRole) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        self.buttons.addButton(button, role)
        return button

    def show_comparison(self) -> None:
        """Theirs on the left, mine on the right, in the dialog (grown to show them)."""
        self.compare_view.compare(
            self.theirs.graph, self.tr("Theirs: version {version} by {who}").format(
                version=self.theirs.version, who=self.theirs.created_by),
            self.mine, self.tr("Mine: edited from version {base}, not saved").format(
                base=self.base_version))
        self.compare_view.setVisible(True)
        self.compare_button.setEnabled(False)
        self.resize(max(self.width(), 1100), max(self.height(), 680))

    def _choose(self, choice: str) -> None:
        if self._answered:
            return
        self._answered = True
        self.chosen.emit(choice)
        if choice == CANCEL:
            super().reject()
        else:
            self.accept()

    def reject(self) -> None:
        """Escape and the window's close button are Cancel."""
        self._choose(CANCEL)
