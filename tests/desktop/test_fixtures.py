"""The shared desktop fixtures do what their docstrings promise (other engineers build on them)."""

from __future__ import annotations

import asyncio

import keyring
import pytest
import qasync
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from noc_desktop.client import Unauthorized
from noc_desktop.session import Session
from tests.desktop.conftest import MemoryKeyring, Run


class _Worker(QObject):
    finished = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    @qasync.asyncSlot()
    async def fetch(self) -> None:
        await asyncio.sleep(0.01)
        me = await self.session.call(self.session.client.me())
        self.finished.emit(me.username)


def test_session_is_logged_in_and_async_slots_run(session: Session, qtbot: QtBot) -> None:
    assert session.user.username == "admin" and session.is_admin
    worker = _Worker(session)
    busy: list[bool] = []
    session.busy_changed.connect(busy.append)
    with qtbot.waitSignal(worker.finished, timeout=5000) as blocker:
        worker.fetch()
    assert blocker.args == ["admin"]
    assert busy == [True, False]


def test_run_returns_results_and_raises_errors(session: Session, run: Run) -> None:
    assert run(session.client.me()).role == "admin"
    session.client.token = "not-a-token"
    with pytest.raises(Unauthorized):
        run(session.client.me())


def test_memory_keyring_is_installed(memory_keyring: MemoryKeyring) -> None:
    keyring.set_password("svc", "ana", "secret")
    assert memory_keyring.store == {("svc", "ana"): "secret"}
    keyring.delete_password("svc", "ana")
    assert keyring.get_password("svc", "ana") is None
