"""``LoginDialog``: server, user and password; logs in without blocking the window and says in
one sentence what went wrong (server down, wrong password, throttled, timeout, bad address).

In *renew* mode (the token expired mid-session) the server and user are fixed and only the
password is asked; the session's own client logs in again, so the pages keep their state.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from noc_contracts.api import TokenPublic, UserPublic
from noc_desktop.client import ApiError, NocClient, normalise_server_url
from noc_desktop.client.http import travels_unencrypted
from noc_desktop.login.messages import login_failure_text
from noc_desktop.widgets.looks import ERROR_TEXT_STYLE


@dataclass(frozen=True)
class LoginResult:
    """A logged-in client (it holds the token), the token with its expiry, and the user."""

    client: NocClient
    token: TokenPublic
    user: UserPublic


class LoginDialog(QDialog):
    """Ask for the credentials and log in; ``logged_in`` carries the ``LoginResult``."""

    logged_in = Signal(object)

    def __init__(self, *, server_url: str = "", username: str = "", message: str = "",
                 memory_only: bool = False, renew_client: NocClient | None = None,
                 transport: httpx.AsyncBaseTransport | None = None,
                 timeout_s: float = 10.0, verify: bool | str = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeout_s = timeout_s
        self._verify = verify
        self._renew_client = renew_client
        self._transport = transport
        self._task: asyncio.Future[None] | None = None
        self.result_value: LoginResult | None = None
        self.setWindowTitle(self.tr("Log in again") if renew_client else
                            self.tr("Log in to NOC Orchestrator"))
        self.setMinimumWidth(460)

        self.heading = QLabel(self.tr("Your session has ended. Enter your password to carry "
                                      "on where you were.") if renew_client else
                              self.tr("Connect to a NOC Orchestrator server."))
        self.heading.setWordWrap(True)
        self.server_edit = QLineEdit(renew_client.server_url if renew_client else server_url)
        self.server_edit.setPlaceholderText(self.tr("e.g. http://noc.example.com:8700"))
        self.user_edit = QLineEdit(username)
        self.user_edit.setPlaceholderText(self.tr("User name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Password"))
        if renew_client:
            self.server_edit.setReadOnly(True)
            self.user_edit.setReadOnly(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Server:"), self.server_edit)
        form.addRow(self.tr("User:"), self.user_edit)
        form.addRow(self.tr("Password:"), self.password_edit)

        self.error_label = QLabel(message)
        self.error_label.setObjectName("login_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_TEXT_STYLE)
        self.error_label.setVisible(bool(message))
        self.note_label = QLabel(self.tr("No system keyring is available: you will be asked "
                                         "to log in again next time."))
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: palette(mid);")
        self.note_label.setVisible(memory_only)
        self.insecure_label = QLabel(self.tr(
            "This address is not encrypted (http://): your password and your session travel "
            "readable over the network. Use https:// unless the network is trusted."))
        self.insecure_label.setObjectName("insecure_warning")
        self.insecure_label.setWordWrap(True)
        self.insecure_label.setStyleSheet("color: #8a5300;")
        self.server_edit.textChanged.connect(self._server_edited)
        self._server_edited(self.server_edit.text())
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedHeight(6)
        self.busy_bar.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.login_button = self.buttons.addButton(self.tr("Log in"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setDefault(True)
        self.buttons.accepted.connect(self.log_in)
        self.buttons.rejected.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.insecure_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        first_empty = next((e for e in (self.server_edit, self.user_edit, self.password_edit)
                            if not e.text()), self.password_edit)
        first_empty.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _server_edited(self, text: str) -> None:
        self.insecure_label.setVisible(travels_unencrypted(text))

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.login_button.setEnabled(not busy)
        for edit in (self.server_edit, self.user_edit, self.password_edit):
            edit.setEnabled(not busy)

    def cancel(self) -> None:
        """Cancel a login in flight, or close the dialog."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            return
        self.reject()

    def reject(self) -> None:
        """Esc, the window's close button or Cancel: a login still in flight is cancelled
        first (its client closed, no late ``logged_in``), then the dialog closes."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        super().reject()

    def log_in(self) -> None:
        """Start logging in on the running (qasync) event loop; the dialog stays live."""
        if self.busy:
            return
        self._task = asyncio.ensure_future(self._log_in())

    async def _log_in(self) -> None:
        username = self.user_edit.text().strip()
        password = self.password_edit.text()
        try:
            server_url = normalise_server_url(self.server_edit.text())
        except ValueError:
            self.show_error(self.tr("This is not a server address. Use http://host:port or "
                                    "https://host:port."))
            self.server_edit.setFocus()
            return
        if not username or not password:
            self.show_error(self.tr("Enter your user name and password."))
            (self.password_edit if username else self.user_edit).setFocus()
            return
        client = self._renew_client or NocClient(server_url, transport=self._transport,
                                                 timeout_s=self._timeout_s,
                                                 verify=self._verify)
        self.show_error("")
        self._set_busy(True)
        try:
            token = await client.login(username, password)
            user = await client.me()
        except asyncio.CancelledError:
            if client is not self._renew_client:
                await client.aclose()
            self.show_error(self.tr("Login cancelled."))
            return
        except ApiError as exc:
            if client is not self._renew_client:
                await client.aclose()
            self.show_error(login_failure_text(exc, server_url))
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        finally:
            self._set_busy(False)
        self.result_value = LoginResult(client, token, user)
        self.logged_in.emit(self.result_value)
        self.accept()
