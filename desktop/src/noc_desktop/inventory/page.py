"""``InventoryPage``: the main window's inventory screen, a Hosts tab (group tree, filtered
hosts table, import/export, connection tests) and a Credentials tab. Coming back to the page
or logging in again keeps what the tables show (scroll position, selection); a tab is loaded
again only when it was never loaded or its data is older than ``STALE_S``."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from noc_desktop.inventory.credentials_panel import CredentialsPanel
from noc_desktop.inventory.hosts_panel import HostsPanel
from noc_desktop.session import Session

STALE_S = 300.0


class InventoryPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.hosts = HostsPanel(session, self)
        self.credentials = CredentialsPanel(session, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.hosts, self.tr("Hosts"))
        self.tabs.addTab(self.credentials, self.tr("Credentials"))
        self.tabs.currentChanged.connect(lambda _index: self.activate())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._loaded_at: dict[str, float] = {}
        session.renewed.connect(self._renewed)

    def activate(self) -> None:
        """Load the current tab if it was never loaded or its data is stale (called each time
        the page is shown); otherwise it stays as the user left it."""
        key = "credentials" if self.tabs.currentWidget() is self.credentials else "hosts"
        loaded = self._loaded_at.get(key)
        if loaded is not None and time.monotonic() - loaded < STALE_S:
            return
        self.reload(key)

    def reload(self, key: str) -> None:
        """Load the tab again from the server (its rows start over)."""
        self._loaded_at[key] = time.monotonic()
        if key == "credentials":
            self.credentials.refresh()
        else:
            self.hosts.refresh()

    def _renewed(self) -> None:
        """After a new login: only what failed for the expired token is asked again."""
        if self.hosts.model.rowCount() == 0 and not self.hosts.model.loading:
            self._loaded_at.pop("hosts", None)
        if self.isVisible():
            self.activate()
