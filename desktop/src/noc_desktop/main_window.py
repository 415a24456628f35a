"""``MainWindow``: navigation on the left, the pages in a stack, a status bar with the server,
the user and a busy indicator, and the File / View / Help menus. Session changes (log out,
language) are signals the app controller acts on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from noc_desktop.language import LANGUAGES
from noc_desktop.pages import PAGE_SPECS, PageSpec, build_page
from noc_desktop.preferences import Preferences
from noc_desktop.session import Session
from noc_desktop.widgets.busy import BusyIndicator

DEFAULT_SIZE = QSize(1280, 800)


def app_version() -> str:
    try:
        return version("noc-desktop")
    except PackageNotFoundError:
        return "dev"


class MainWindow(QMainWindow):
    """The app's one window for a logged-in session."""

    logout_requested = Signal()
    closed = Signal()

    def __init__(self, session: Session, preferences: Preferences,
                 parent: QWidget | None = None,
                 page_specs: Sequence[PageSpec] = PAGE_SPECS) -> None:
        super().__init__(parent)
        self.session = session
        self.preferences = preferences
        # "[*]": Qt shows a "*" there while a page has unsaved work (setWindowModified)
        self.setWindowTitle(self.tr("NOC Orchestrator") + "[*]")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setStyleSheet(
            "QListWidget#navigation { border: none; border-right: 1px solid palette(mid);"
            " padding-top: 10px; font-size: 14px; }"
            " QListWidget#navigation::item { padding-left: 12px; margin: 0 8px;"
            " border-radius: 4px; color: palette(text); }"
            " QListWidget#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }")
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        titles = {"inventory": self.tr("Inventory"), "procedures": self.tr("Procedures"),
                  "schedules": self.tr("Schedules"), "executions": self.tr("Executions"),
                  "nodes": self.tr("Nodes")}
        for spec in page_specs:
            page = build_page(spec, session, self.stack)
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            modified = getattr(page, "modified_changed", None)
            if modified is not None:
                modified.connect(self._page_modified)
            QListWidgetItem(titles[spec.key], self.nav).setSizeHint(QSize(0, 36))
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self._build_menus()
        self.nav.currentRowChanged.connect(self._show_page)
        session.execution_started.connect(self.open_execution)
        geometry = preferences.window_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)
        self.nav.setCurrentRow(0)

    def _build_status_bar(self) -> None:
        roles = {"admin": self.tr("administrator"), "operator": self.tr("operator"),
                 "viewer": self.tr("viewer")}
        user = self.session.user
        self.server_label = QLabel(self.tr("Server: {url}").format(
            url=self.session.client.server_url))
        self.user_label = QLabel(self.tr("User: {name} ({role})").format(
            name=user.username, role=roles.get(user.role, user.role)))
        self.busy_indicator = BusyIndicator()
        for label in (self.server_label, self.user_label):
            label.setContentsMargins(8, 0, 16, 0)
        bar = self.statusBar()
        bar.addWidget(self.server_label)
        bar.addWidget(self.user_label)
        bar.addPermanentWidget(self.busy_indicator)
        self.session.busy_changed.connect(self.busy_indicator.set_busy)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.logout_action = QAction(self.tr("Log &out"), self)
        self.logout_action.triggered.connect(self.log_out)
        file_menu.addAction(self.logout_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        language_menu = view_menu.addMenu(self.tr("&Language"))
        self.language_actions = QActionGroup(self)
        current = self.preferences.language
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.setChecked(code == current)
            self.language_actions.addAction(action)
            language_menu.addAction(action)
        self.language_actions.triggered.connect(self._language_triggered)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About NOC Orchestrator"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def can_leave(self, then: Callable[[], object]) -> bool:
        """Whether every page may be left now (page contract: an optional ``can_leave(then)``
        that asks about unsaved work; when it saves first it calls ``then`` once saved)."""
        for page in self.pages.values():
            check = getattr(page, "can_leave", None)
            if callable(check) and not check(then):
                return False
        return True

    def _page_modified(self, _: bool = False) -> None:
        self.setWindowModified(any(bool(getattr(page, "is_modified", lambda: False)())
                                   for page in self.pages.values()))

    def log_out(self) -> None:
        """File > Log out, once no page holds unsaved work the user wants to keep."""
        if self.can_leave(self.log_out):
            self.logout_requested.emit()

    def page(self, key: str) -> QWidget:
        return self.pages[key]

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.pages).index(key))

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.stack.widget(row)
        activate = getattr(page, "activate", None)
        if callable(activate):
            activate()

    def open_execution(self, execution_id: str) -> None:
        """A run was launched now: show it in the Executions page."""
        self.show_page("executions")
        opener = getattr(self.pages["executions"], "open_execution", None)
        if callable(opener):
            opener(execution_id)

    def _language_triggered(self, action: QAction) -> None:
        code = str(action.data())
        if code == self.preferences.language:
            return
        self.preferences.language = code
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Language"),
                          self.tr("The new language is used the next time NOC Orchestrator "
                                  "starts."), QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About NOC Orchestrator"),
                          self.tr("NOC Orchestrator desktop {version}\n\nDraw procedures, keep "
                                  "the inventory, run and schedule procedures and watch them "
                                  "live.").format(version=app_version()),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("about_box")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.can_leave(self.close):
            event.ignore()
            return
        self.preferences.window_geometry = self.saveGeometry()
        self.preferences.sync()
        super().closeEvent(event)
        self.closed.emit()
