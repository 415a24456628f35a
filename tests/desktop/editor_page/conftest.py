"""Editor page helpers: the page against a real backend (``session``, or ``stack_session`` with
the real scheduler app behind it, for the simulator: both in tests/desktop/conftest.py); a
second user's client saving behind the editor's back; answering the modal questions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from noc_contracts.api import UserPublic
from noc_desktop.client import NocClient
from noc_desktop.procedures.page import ProceduresPage
from noc_desktop.session import Session
from tests.desktop.conftest import Run

SHOTS = Path(os.environ.get("NOC_SHOTS", "/tmp/noc-shots"))
BOB_PASSWORD = "bob-password-1234"


@pytest.fixture
def bob(session: Session, run: Run) -> Iterator[NocClient]:
    """Another operator's client on the same backend (saves while the editor edits)."""
    run(session.client.rest.send("POST", "/users", UserPublic, json_body={
        "username": "bob", "password": BOB_PASSWORD, "role": "operator"}))
    client = NocClient(session.client.server_url)
    run(client.login("bob", BOB_PASSWORD))
    try:
        yield client
    finally:
        run(client.aclose())


def open_page(qtbot: QtBot, session: Session) -> ProceduresPage:
    """The page as the main window shows it (its size without the navigation)."""
    page = ProceduresPage(session)
    qtbot.addWidget(page)
    page.resize(1090, 760)
    page.show()
    qtbot.waitExposed(page)
    page.activate()
    return page


def open_procedure(qtbot: QtBot, page: ProceduresPage, name: str) -> None:
    qtbot.waitUntil(lambda: any(page.proxy.index(r, 0).data() == name
                                for r in range(page.proxy.rowCount())), timeout=5000)
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == name)
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.pane.procedure is not None
                    and page.pane.procedure.name == name, timeout=5000)


def save_and_wait(qtbot: QtBot, page: ProceduresPage, version: int) -> None:
    page.pane.page_actions["save"].trigger()
    qtbot.waitUntil(lambda: page.pane.procedure is not None
                    and page.pane.procedure.version == version, timeout=10_000)
    assert not page.pane.is_modified()


def answer_soon(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Click ``button`` of the next modal question once it shows (its text kept in ``seen``)."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        clicked = box.button(button)
        assert clicked is not None, f"no {button} on {box.text()!r}"
        clicked.click()
    QTimer.singleShot(20, click)
