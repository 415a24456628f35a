"""``CredentialsPanel``: the credentials (name, kind, fingerprint, created; never a secret);
an admin adds and deletes them, everyone else reads. A credential still in use cannot be
deleted: the server's reason (which hosts and groups use it) is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
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

from noc_contracts.api import CredentialPublic
from noc_desktop.client import ApiError
from noc_desktop.inventory.credential_dialog import CredentialDialog
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.confirm import ask, tell
from noc_desktop.widgets.errors import describe_error
from noc_desktop.widgets.slots import async_slot


class CredentialsPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.credentials: list[CredentialPublic] = []
        self.dialog: CredentialDialog | None = None
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Kind"),
                                              self.tr("Fingerprint"), self.tr("Created")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 200), (1, 110), (3, 150)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.add_button = QPushButton(self.tr("Add credential"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.add_button.clicked.connect(self.add_credential)
        self.delete_button.clicked.connect(self.delete_credential)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        if not session.is_admin:
            self.note.setText(self.tr("Only an administrator may add or delete credentials. "
                                      "Secrets are never shown."))
        self._update_buttons()

    @async_slot
    async def refresh(self) -> None:
        try:
            page = await call_for(self, self._session, self._session.client.list_credentials())
        except ApiError as exc:
            self.status.setText(self.tr("Could not load the credentials: {reason}")
                                .format(reason=describe_error(exc)))
            return
        self.show_credentials(page.data)

    def show_credentials(self, credentials: list[CredentialPublic]) -> None:
        self.credentials = sorted(credentials, key=lambda c: c.name)
        self.table.setRowCount(len(self.credentials))
        kinds = {"ssh_key": self.tr("SSH key"), "password": self.tr("Password")}
        for row, cred in enumerate(self.credentials):
            created = cred.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            for column, text in enumerate((cred.name, kinds[cred.kind],
                                           cred.fingerprint or "", created)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.status.setText(self.tr("Credentials: {count}").format(count=len(credentials)))
        self._update_buttons()

    def selected(self) -> CredentialPublic | None:
        rows = self.table.selectionModel().selectedRows()
        return self.credentials[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        admin = self._session.is_admin
        self.add_button.setEnabled(admin)
        self.delete_button.setEnabled(admin and self.selected() is not None)

    def add_credential(self) -> None:
        dialog = CredentialDialog(self._session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _c: self.refresh())
        self.dialog = dialog
        dialog.open()

    def delete_credential(self) -> None:
        cred = self.selected()
        if cred is not None:
            ask(self, self.tr("Delete credential"),
                self.tr("Delete the credential {name}?").format(name=cred.name),
                lambda: self._delete(cred.name))

    @async_slot
    async def _delete(self, name: str) -> None:
        try:
            await call_for(self, self._session, self._session.client.delete_credential(name))
        except ApiError as exc:
            reason = self.tr("Cannot delete {name}: {reason}").format(name=name,
                                                                      reason=describe_error(exc))
            self.status.setText(reason)
            tell(self, self.tr("Delete credential"), reason)
            return
        self.refresh()
