"""Shared fixtures of the desktop tests: offscreen Qt, a test keyring, a real backend, a session.

How to test async code (pytest-qt + qasync)
-------------------------------------------
``qasync_loop`` installs a ``qasync.QEventLoop`` on pytest-qt's ``qapp`` as the *running*
asyncio loop (``already_running=True``): every time Qt processes events (``qtbot.waitUntil``,
``qtbot.waitSignal``, ``qtbot.wait``) the loop's tasks advance too, so ``@asyncSlot`` methods
run exactly as in the app. Two ways to wait:

    def test_page(qtbot, session, run):              # ``session`` pulls in ``qasync_loop``
        page = InventoryPage(session)
        qtbot.addWidget(page)
        page.activate()                              # starts an @asyncSlot refresh
        qtbot.waitUntil(lambda: page.table.model().rowCount() > 0, timeout=5000)
        host = run(session.client.get_host(1))       # run one coroutine to completion

``run(coro, timeout_s=10)`` drives the Qt event loop until the coroutine is done and returns its
result (or raises its exception). Never call ``asyncio.run`` or ``loop.run_until_complete`` in a
test: the qasync loop is already running.

``live_backend`` is a real backend app (uvicorn thread, 127.0.0.1, temp SQLite file, fresh per
test) with the bootstrap ``admin`` user; ``session`` is a ``Session`` logged in to it as admin.
``stack_backend`` / ``stack_session`` are the same with the real scheduler app behind the backend
(its API and sandbox on another loopback port, no firing loop): for runs, schedules, previews
and the simulator.
``memory_keyring`` is an in-memory keyring backend installed for the test (the app's token store
writes there, never into the developer's real keyring).
"""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import httpx
import keyring
import keyring.backend
import keyring.errors
import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from noc_desktop.client import NocClient
from noc_desktop.pending import finalized_asyncgens
from noc_desktop.session import Session
from tests.backend.servers import serve_app, serve_scheduler
from tests.backend.utils import ADMIN_PASSWORD, make_settings

T = TypeVar("T")
Run = Callable[..., Any]


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A real keyring backend that keeps passwords in a dict (one per test)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(f"no password for {username}")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An empty in-memory keyring, installed as *the* keyring for this test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """No automatic garbage collection while a desktop test runs: Python collects on whichever
    thread allocates, and a test's backend runs in a uvicorn thread; a Qt object (a timer, a
    widget) collected there is destroyed off its thread, its timers stay registered and the next
    event that reaches them crashes the process. Garbage is collected here, on the GUI thread,
    as the app's ``gc_guard.GcGuard`` does for the executor threads asyncio and httpx use."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, collect_on_the_gui_thread: None) -> Iterator[Path]:
    """``QSettings`` written under the test's temp dir, never the developer's own settings."""
    folder = tmp_path / "qsettings"
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield folder


@pytest.fixture
def qasync_loop(qapp: QApplication, qtbot: QtBot) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop on ``qapp``, running for the whole test (see the module docstring).
    Tasks still pending at the end are cancelled while the test's widgets are alive (qtbot
    closes them only afterwards)."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    # as the app's loop: generators dropped unfinished are closed by tasks on it
    with finalized_asyncgens(loop):
        try:
            yield loop
        finally:
            for task in asyncio.all_tasks(loop):
                task.cancel()
            deadline = 50  # the cancelled tasks, and the generators' closing tasks they start
            while deadline and not all(t.done() for t in asyncio.all_tasks(loop)):
                QCoreApplication.processEvents()
                deadline -= 1
            asyncio.events._set_running_loop(None)
            loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
            loop.close()
            asyncio.set_event_loop(None)


@pytest.fixture
def run(qasync_loop: asyncio.AbstractEventLoop, qtbot: QtBot) -> Run:
    """``run(coro, timeout_s=10)``: drive the Qt event loop until ``coro`` is done."""
    def run_coro(coro: Coroutine[Any, Any, T], timeout_s: float = 10.0) -> T:
        task = asyncio.ensure_future(coro, loop=qasync_loop)
        qtbot.waitUntil(task.done, timeout=int(timeout_s * 1000))
        return task.result()
    return run_coro


@dataclass(frozen=True)
class LiveBackend:
    """A real backend app on a loopback port and its bootstrap admin's credentials."""

    url: str
    username: str
    password: str


@pytest.fixture
def live_backend(tmp_path: Path) -> Iterator[LiveBackend]:
    """A fresh backend (temp SQLite, no scheduler listening) under uvicorn on 127.0.0.1."""
    settings = make_settings(f"sqlite:///{tmp_path / 'backend.db'}")
    with serve_app(settings) as url:
        yield LiveBackend(url=url, username="admin", password=ADMIN_PASSWORD)


@pytest.fixture
def stack_backend(tmp_path: Path) -> Iterator[LiveBackend]:
    """A fresh backend (temp SQLite) in front of the real scheduler app (no firing loop)."""
    with serve_scheduler(tmp_path) as scheduler:
        settings = make_settings(f"sqlite:///{tmp_path / 'backend.db'}",
                                 scheduler_url=scheduler.url)
        with serve_app(settings) as url:
            yield LiveBackend(url=url, username="admin", password=ADMIN_PASSWORD)


@contextmanager
def logged_in(backend: LiveBackend, run: Run,
              transport: httpx.AsyncBaseTransport | None = None) -> Iterator[Session]:
    """A ``Session`` logged in to ``backend`` as its admin (requests through ``transport``
    when given); closed afterwards: its tasks (streams) cancelled, then its client."""
    client = NocClient(backend.url, transport=transport)
    run(client.login(backend.username, backend.password))
    user = run(client.me())
    session = Session(client, user)
    try:
        yield session
    finally:
        run(session.close())


@pytest.fixture
def session(live_backend: LiveBackend, run: Run, qtbot: QtBot) -> Iterator[Session]:
    """A ``Session`` logged in to ``live_backend`` as admin."""
    with logged_in(live_backend, run) as session:
        yield session


@pytest.fixture
def stack_session(stack_backend: LiveBackend, run: Run, qtbot: QtBot) -> Iterator[Session]:
    """A ``Session`` logged in to ``stack_backend`` as admin."""
    with logged_in(stack_backend, run) as session:
        yield session
