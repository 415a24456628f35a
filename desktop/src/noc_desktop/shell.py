"""``AppShell``: who is logged in and which window shows it. Start-up reuses a stored token
while ``GET /me`` accepts it (else the login dialog), an expired token re-asks the password
over the open window, logging out clears the token and asks for a login again (a different
user gets a new window)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Sequence
from typing import Any

import httpx
from PySide6.QtCore import QObject, Signal

from noc_contracts.api import UserPublic
from noc_desktop.client import ApiError, NocClient, Unauthorized, normalise_server_url
from noc_desktop.login.dialog import LoginDialog, LoginResult
from noc_desktop.login.messages import login_failure_text
from noc_desktop.main_window import MainWindow
from noc_desktop.pages import PAGE_SPECS, PageSpec
from noc_desktop.pending import cancel_pending
from noc_desktop.preferences import Preferences
from noc_desktop.session import Session
from noc_desktop.token_store import TokenStore

logger = logging.getLogger(__name__)


class AppShell(QObject):
    """Drives login, the main window and logout; ``finished`` means the app should quit."""

    finished = Signal()

    def __init__(self, preferences: Preferences, tokens: TokenStore, *,
                 server_url: str | None = None,
                 transport: httpx.AsyncBaseTransport | None = None,
                 verify: bool | str = True,
                 page_specs: Sequence[PageSpec] = PAGE_SPECS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.verify = verify  # True, or the CA bundle (--ca-file) of an internal CA
        self.page_specs = page_specs
        self.preferences = preferences
        self.tokens = tokens
        self.server_url = server_url or preferences.server_url
        self.transport = transport
        self.window: MainWindow | None = None
        self.session: Session | None = None
        self.login_dialog: LoginDialog | None = None
        self.renew_dialog: LoginDialog | None = None
        self._background: set[asyncio.Future[None]] = set()

    async def start(self) -> None:
        """Open the main window with a stored token that still works, or ask for a login."""
        username = self.preferences.username
        message = ""
        try:
            server_url = normalise_server_url(self.server_url) if self.server_url else ""
        except ValueError:
            server_url = ""
        stored = self.tokens.load(server_url, username) if server_url and username else None
        if stored is not None:
            client = NocClient(server_url, token=stored.token, transport=self.transport,
                               verify=self.verify)
            try:
                user = await client.me()
            except ApiError as exc:
                await client.aclose()
                if isinstance(exc, Unauthorized):
                    self.tokens.clear(server_url, username)
                else:
                    message = login_failure_text(exc, server_url)
            else:
                self.open_window(client, user)
                return
        self.ask_login(message)

    def ask_login(self, message: str = "") -> None:
        """The full login dialog (server, user, password), remembered values filled in."""
        dialog = LoginDialog(server_url=self.server_url, username=self.preferences.username,
                             message=message, memory_only=not self.tokens.persistent,
                             transport=self.transport, verify=self.verify)
        self.login_dialog = dialog
        dialog.logged_in.connect(self._logged_in)
        dialog.rejected.connect(self._login_cancelled)
        dialog.show()

    def _logged_in(self, result: LoginResult) -> None:
        self.login_dialog = None
        server_url = result.client.server_url
        self.server_url = server_url
        self.preferences.server_url = server_url
        self.preferences.username = result.user.username
        self.tokens.save(server_url, result.user.username, result.token.access_token,
                         result.token.expires_at)
        self.open_window(result.client, result.user)

    def _login_cancelled(self) -> None:
        self.login_dialog = None
        if self.window is None:
            self.finished.emit()

    def open_window(self, client: NocClient, user: UserPublic) -> None:
        """A new session and its window (replacing any previous one)."""
        self._close_window()
        session = Session(client, user, self)
        window = MainWindow(session, self.preferences, page_specs=self.page_specs)
        session.expired.connect(self.ask_password_again)
        window.logout_requested.connect(self.log_out)
        window.closed.connect(self._window_closed)
        self.session, self.window = session, window
        window.show()  # (app.py's GcGuard collects; nothing frozen per window)

    def ask_password_again(self) -> None:
        """The token stopped working: the password only, over the window as it is."""
        if self.renew_dialog is not None or self.session is None or self.window is None:
            return
        session = self.session
        dialog = LoginDialog(username=session.user.username, renew_client=session.client,
                             memory_only=not self.tokens.persistent, parent=self.window)
        self.renew_dialog = dialog

        def renewed(result: LoginResult) -> None:
            session.renew(result.token.access_token, result.user)
            self.tokens.save(session.client.server_url, result.user.username,
                             result.token.access_token, result.token.expires_at)

        dialog.logged_in.connect(renewed)
        dialog.finished.connect(self._renew_closed)
        dialog.open()

    def _renew_closed(self) -> None:
        if self.renew_dialog is not None:
            self.renew_dialog.deleteLater()
        self.renew_dialog = None

    def log_out(self) -> None:
        """End the session on the server, forget its token, and ask for a login again."""
        self._spawn(self._log_out())

    async def _log_out(self) -> None:
        session = self.session
        if session is None:
            return
        self.tokens.clear(session.client.server_url, session.user.username)
        try:
            await session.client.logout()
        except ApiError as exc:
            logger.info("logout on the server failed (token forgotten here anyway): %s", exc)
        self._close_window()
        self.ask_login()

    def _close_window(self, *, close_client: bool = True) -> None:
        window, session = self.window, self.session
        self.window = self.session = None
        if window is not None:
            window.closed.disconnect(self._window_closed)
            window.close()
            window.deleteLater()
        if session is not None:
            if close_client:  # its streams and calls cancelled first, then the client
                self._spawn(session.close())
            session.deleteLater()

    def _window_closed(self) -> None:
        self.window = None
        self.finished.emit()

    async def shutdown(self) -> None:
        """On quit: close the window and the client, cancel what the pages still run."""
        session = self.session
        self._close_window(close_client=False)
        if session is not None:
            await session.close()
        await cancel_pending()

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
