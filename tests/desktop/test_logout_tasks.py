"""Logging out ends everything the session started: its event streams and the calls in flight
are cancelled before its client is closed, so no task outlives the window and nothing fails
afterwards on the closed client."""

from __future__ import annotations

import asyncio
import logging

import pytest
from pytestqt.qtbot import QtBot

from noc_desktop.client import ClientClosed
from noc_desktop.monitor.execution_view import ExecutionView
from noc_desktop.session import Session
from tests.desktop.conftest import LiveBackend, MemoryKeyring, Run
from tests.desktop.monitor.conftest import create_procedure, post_events
from tests.desktop.monitor.scripted import GRAPH, host_names, scripted_events
from tests.desktop.test_login import log_in


def test_close_cancels_calls_in_flight_and_spawned_tasks(session: Session, run: Run) -> None:
    async def slow() -> None:
        await asyncio.sleep(30)

    async def in_a_call() -> None:
        await session.call(slow())

    calling = asyncio.ensure_future(in_a_call())
    spawned = session.spawn(slow())
    run(asyncio.sleep(0.05))
    assert session.tasks == {calling, spawned}
    run(session.close())
    assert calling.cancelled() and spawned.cancelled()
    assert session.tasks == frozenset() and session.client.rest.http.is_closed
    assert not session.busy


def test_a_call_on_a_closed_session_is_refused_unstarted(session: Session, run: Run,
                                                         qtbot: QtBot) -> None:
    """A page's task that first calls after its session closed (its window failed to build)
    gets ClientClosed, as from the closed client, without a busy signal, and its call's
    coroutine is closed, not left never awaited."""
    started: list[str] = []

    async def hosts() -> int:
        started.append("hosts")
        return 1

    run(session.close())
    call = hosts()
    with qtbot.assertNotEmitted(session.busy_changed), pytest.raises(ClientClosed):
        run(session.call(call))
    assert started == [] and call.cr_frame is None  # closed: it can never run now


def test_logout_with_an_open_execution_view_leaves_nothing_running(
        live_backend: LiveBackend, memory_keyring: MemoryKeyring, run: Run, qtbot: QtBot,
        caplog: pytest.LogCaptureFixture) -> None:
    shell = log_in(run, qtbot, live_backend)
    window, session = shell.window, shell.session
    assert window is not None and session is not None
    url = live_backend.url
    proc = create_procedure(url, session.client.token or "", "web", GRAPH)
    post_events(url, scripted_events("ex-out", host_names(3), proc)[:4])  # still running
    view = ExecutionView(session, "ex-out", window)
    view.show()
    qtbot.waitUntil(lambda: view.feed.streaming and view.feed.last_event_id is not None,
                    timeout=5000)
    stream_tasks = set(session.tasks)
    assert stream_tasks
    caplog.set_level(logging.INFO)
    window.logout_action.trigger()
    qtbot.waitUntil(lambda: shell.login_dialog is not None, timeout=5000)
    qtbot.waitUntil(lambda: session.client.rest.http.is_closed, timeout=3000)
    assert session.closed and session.tasks == frozenset()
    assert all(task.done() for task in stream_tasks)
    qtbot.wait(1500)  # a stream left behind would reconnect (and fail) within this time
    others = [t for t in asyncio.all_tasks() if not t.done()]
    assert others == []
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING
                or "closed" in r.getMessage()]
    assert problems == []
    shell.login_dialog.reject()
