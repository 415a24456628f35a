"""A start-up that fails (here: the system keyring raises while the stored token is read) is
shown in a box, and the app quits once the box is closed: it never runs on with nothing on
screen."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backend
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from noc_desktop.app import main
from noc_desktop.preferences import Preferences
from tests.desktop.conftest import LiveBackend


class BrokenKeyring(keyring.backend.KeyringBackend):
    """A keyring whose reads fail with an error the keyring API does not promise."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("the keyring daemon crashed")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("the keyring daemon crashed")

    def delete_password(self, service: str, username: str) -> None:
        raise RuntimeError("the keyring daemon crashed")


@pytest.fixture
def broken_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def test_a_failed_start_shows_a_box_then_quits(qapp: QApplication, live_backend: LiveBackend,
                                               broken_keyring: None) -> None:
    Preferences().username = "admin"
    seen: list[str] = []

    def close_the_box() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.objectName() == "startup_error" \
                    and widget.isVisible():
                seen.append(widget.text())
                widget.close()
                return
        QTimer.singleShot(50, close_the_box)

    QTimer.singleShot(50, close_the_box)
    assert main(["--server", live_backend.url, "--language", "en"]) == 1
    assert seen and "could not start" in seen[0] and "keyring daemon crashed" in seen[0]
