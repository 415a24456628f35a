"""The app starts offscreen: ``main()`` shows the login dialog (then quits when it is
cancelled), or goes straight to the main window with a stored token; language choice."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from noc_desktop.app import main
from noc_desktop.language import choose_language
from noc_desktop.login.dialog import LoginDialog
from noc_desktop.main_window import MainWindow
from noc_desktop.preferences import Preferences
from noc_desktop.token_store import TokenStore
from tests.desktop.conftest import LiveBackend, MemoryKeyring


def _when_shown(kind: type, then: list[object], timeout_s: float = 30.0) -> None:
    """Poll the top-level widgets for a visible ``kind``, record it, and close it; when none
    shows within ``timeout_s``, quit the app with 1 (the test fails instead of hanging)."""
    deadline = time.monotonic() + timeout_s

    def check() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                then.append(widget)
                widget.close() if isinstance(widget, MainWindow) else widget.reject()
                return
        if time.monotonic() > deadline:
            QApplication.exit(1)
            return
        QTimer.singleShot(50, check)
    QTimer.singleShot(50, check)


def test_main_shows_the_login_dialog_and_quits_when_it_is_cancelled(
        qapp: QApplication, live_backend: LiveBackend, memory_keyring: MemoryKeyring) -> None:
    seen: list[object] = []
    _when_shown(LoginDialog, seen)
    assert main(["--server", live_backend.url, "--language", "en"]) == 0
    assert len(seen) == 1
    dialog = seen[0]
    assert isinstance(dialog, LoginDialog)
    assert dialog.server_edit.text() == live_backend.url


def test_main_opens_the_window_with_a_stored_token(
        qapp: QApplication, live_backend: LiveBackend, memory_keyring: MemoryKeyring) -> None:
    import httpx

    answer = httpx.post(f"{live_backend.url}/api/v1/auth/login",
                        json={"username": "admin", "password": live_backend.password}).json()
    from datetime import datetime

    TokenStore().save(live_backend.url, "admin", answer["access_token"],
                      datetime.fromisoformat(answer["expires_at"]))
    Preferences().username = "admin"
    seen: list[object] = []
    _when_shown(MainWindow, seen)
    assert main(["--server", live_backend.url]) == 0
    assert len(seen) == 1
    assert Preferences().window_geometry is not None  # remembered on close


def test_language_choice_flag_then_saved_then_system() -> None:
    assert choose_language("pt_BR", "en", "en_US") == "pt_BR"
    assert choose_language(None, "pt_BR", "en_US") == "pt_BR"
    assert choose_language(None, "", "pt_BR") == "pt_BR"
    assert choose_language(None, "", "pt_PT") == "pt_BR"
    assert choose_language(None, "", "de_DE") == "en"
    assert choose_language("en", "pt_BR", "pt_BR") == "en"
