"""``InventoryPage``: the main window's inventory screen, a Hosts tab (group tree, filtered
hosts table, import/export, connection tests) and a Credentials tab."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from noc_desktop.inventory.credentials_panel import CredentialsPanel
from noc_desktop.inventory.hosts_panel import HostsPanel
from noc_desktop.session import Session


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
        session.renewed.connect(self.activate)

    def activate(self) -> None:
        """Refresh what the current tab shows (called each time the page is shown)."""
        if self.tabs.currentWidget() is self.credentials:
            self.credentials.refresh()
        else:
            self.hosts.refresh()
