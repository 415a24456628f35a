"""``CredentialDialog``: add an SSH key (pasted or loaded from a file, with its passphrase) or
a password (and a become password). Secrets are typed in password-mode fields, never shown
back, never logged, and cleared from the widgets once sent."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from noc_contracts.api import CredentialCreate
from noc_desktop.client import ApiError
from noc_desktop.inventory.entity_form import EntityForm
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for


def _secret_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class CredentialDialog(EntityForm):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._loaded_key: str | None = None  # a key read from a file: kept, never displayed
        self.setWindowTitle(self.tr("Add credential"))
        self.name = QLineEdit(self)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("SSH private key"), "ssh_key")
        self.kind.addItem(self.tr("Password"), "password")
        self.private_key = QPlainTextEdit(self)
        self.private_key.setPlaceholderText(self.tr("Paste the private key, or load it from "
                                                    "a file"))
        self.private_key.setFixedHeight(90)
        self.load_key = QPushButton(self.tr("Load from file…"), self)
        self.load_key.clicked.connect(self._load_clicked)
        self.key_source = QLabel(self)
        self.passphrase = _secret_field(self)
        self.password = _secret_field(self)
        self.become_password = _secret_field(self)
        key_box = QWidget(self)
        key_layout = QVBoxLayout(key_box)
        key_layout.setContentsMargins(0, 0, 0, 0)
        key_layout.addWidget(self.private_key)
        key_layout.addWidget(self.key_source)
        key_layout.addWidget(self.load_key)
        self._rows = self.add_rows((
            ("name", self.tr("Name"), self.name, None),
            ("kind", self.tr("Kind"), self.kind, None),
            ("private_key", self.tr("Private key"), key_box, None),
            ("passphrase", self.tr("Passphrase"), self.passphrase, None),
            ("password", self.tr("Password"), self.password, None),
            ("become_password", self.tr("Become password"), self.become_password, None)))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.resize(520, 420)

    def _kind_changed(self) -> None:
        ssh = self.kind.currentData() == "ssh_key"
        for key, shown in (("private_key", ssh), ("passphrase", ssh), ("password", not ssh),
                           ("become_password", True)):
            self.form.setRowVisible(self._rows[key], shown)

    def _load_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a private key"))
        if path:
            self.load_key_file(path)

    def load_key_file(self, path: str) -> None:
        """Keep the key of ``path`` in memory only (the text box stays empty)."""
        try:
            self._loaded_key = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.errors.show_message(self.tr("Cannot read {path}: {reason}")
                                     .format(path=path, reason=str(exc)))
            return
        self.private_key.clear()
        self.key_source.setText(self.tr("Key loaded from {file}").format(file=Path(path).name))

    def body(self) -> CredentialCreate:
        ssh = self.kind.currentData() == "ssh_key"

        def secret(text: str) -> SecretStr | None:
            return SecretStr(text) if text else None

        key = self.private_key.toPlainText().strip() or self._loaded_key or ""
        return CredentialCreate(
            name=self.name.text().strip(), kind="ssh_key" if ssh else "password",
            private_key=secret(key) if ssh else None,
            passphrase=secret(self.passphrase.text()) if ssh else None,
            password=None if ssh else secret(self.password.text()),
            become_password=secret(self.become_password.text()))

    def clear_secrets(self) -> None:
        self.private_key.clear()
        self._loaded_key = None
        self.key_source.clear()
        for field in (self.passphrase, self.password, self.become_password):
            field.clear()

    async def send(self) -> object:
        return await call_for(self, self._session,
                              self._session.client.create_credential(self.body()))

    def forbidden_text(self, exc: ApiError) -> str:
        return self.tr("Only an administrator may add credentials.")

    def after_save(self) -> None:
        self.clear_secrets()
