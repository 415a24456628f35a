"""The executions page against a real backend: newest first, filters, rows updated live from
``GET /api/v1/events`` (a new execution fetched), opening an execution (double-click, Enter, a
launch) in its own tab."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from noc_desktop.client import NocClient
from noc_desktop.monitor import executions_page
from noc_desktop.monitor.execution_view import ExecutionView
from noc_desktop.monitor.executions_page import ExecutionsPage
from noc_desktop.session import Session
from tests.desktop.conftest import LiveBackend, Run
from tests.desktop.monitor.conftest import create_procedure, post_events
from tests.desktop.monitor.scripted import GRAPH, host_names, scripted_events
from tests.desktop.slow import DelayingTransport

SHOTS = Path(os.environ.get("NOC_SHOTS", "/tmp/noc-shots"))


def test_list_filters_and_opens(qtbot: QtBot, session: Session,
                                live_backend: LiveBackend) -> None:
    url = live_backend.url
    proc = create_procedure(url, session.client.token or "", "web check", GRAPH)
    post_events(url, scripted_events("ex-old", host_names(4), proc))
    running = scripted_events("ex-new", host_names(3), proc, first=500)
    post_events(url, running[:4])
    executions_page.REFETCH_MS = 100
    page = ExecutionsPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    assert [r.id for r in page.model.rows] == ["ex-new", "ex-old"]  # newest first
    assert page.model.data(page.model.index(0, 0)) == "running"
    assert page.model.data(page.model.index(1, 1)) == "web check v1"
    qtbot.waitUntil(lambda: page.procedure.count() == 2, timeout=5000)
    page.grab().save(str(SHOTS / "executions_page.png"))

    # live: the running execution's end shows up without any action, updated in place
    qtbot.waitUntil(lambda: page.follower.following, timeout=5000)
    fetched: list[bool] = []
    page.model.modelReset.connect(lambda: fetched.append(True))
    qtbot.wait(500)  # the stream's ready event has fetched the list by now
    fetched.clear()
    post_events(url, running[4:])
    qtbot.waitUntil(lambda: page.model.rows[0].status == "success", timeout=5000)
    assert fetched == []  # the event carried the row: no refetch
    # an execution started elsewhere appears (fetched once: it was not listed)
    post_events(url, scripted_events("ex-live", host_names(1), proc, first=700)[:2])
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    assert page.model.rows[0].id == "ex-live" and fetched

    page.status.setCurrentIndex(page.status.findData("partial"))
    qtbot.waitUntil(lambda: [r.id for r in page.model.rows] == ["ex-old"], timeout=5000)
    page.status.setCurrentIndex(page.status.findData("failed"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
    page.status.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)

    index = page.model.index(2, 1)
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert page.tabs.count() == 2
    view = page.tabs.widget(1)
    assert isinstance(view, ExecutionView) and view.execution_id == "ex-old"
    qtbot.waitUntil(lambda: view.state is not None, timeout=5000)
    page.open_execution("ex-old")  # already open: brought forward, not opened twice
    assert page.tabs.count() == 2

    # a launch elsewhere refreshes the list
    page.follower.stop()
    qtbot.waitUntil(lambda: not page.follower.following, timeout=3000)
    post_events(url, scripted_events("ex-third", host_names(1), proc, first=900)[:2])
    session.execution_started.emit("ex-third")
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=5000)
    page._close_tab(1)
    qtbot.waitUntil(lambda: not view.feed.streaming, timeout=3000)
    assert page.tabs.count() == 1
    page.close()
    assert not page._refetch.isActive()
    qtbot.waitUntil(lambda: not page.follower.following, timeout=3000)  # hidden: not followed


def test_each_show_fetches_the_list_once(qtbot: QtBot, live_backend: LiveBackend,
                                         run: Run) -> None:
    asked: list[str] = []  # the list and procedures requests, in order

    def record(request: httpx.Request, _n: int) -> bool:
        if request.method == "GET" and request.url.path.endswith(("/executions",
                                                                  "/procedures")):
            asked.append(request.url.path.rsplit("/", 1)[-1])
        return False
    client = NocClient(live_backend.url, transport=DelayingTransport(hold=record))
    run(client.login(live_backend.username, live_backend.password))
    session = Session(client, run(client.me()))
    try:
        page = ExecutionsPage(session)
        qtbot.addWidget(page)
        for _show in range(2):
            page.show()
            page.activate()
            qtbot.waitUntil(lambda: page.follower.live and page.fetches.applied > 0,
                            timeout=5000)
            qtbot.wait(300)
            page.activate()  # shown again while live: fetched now (no ready is coming)
            qtbot.waitUntil(lambda: page.fetches.applied == page.fetches.issued, timeout=5000)
            page.hide()
            qtbot.waitUntil(lambda: not page.follower.following, timeout=3000)
        first_show, second_show = ["procedures", "executions", "executions"], ["executions"] * 2
        assert asked == first_show + second_show  # the ready's fetch, then activate's
    finally:
        run(session.close())


def test_a_server_gone_is_said_while_the_live_list_reconnects(
        qtbot: QtBot, session: Session, live_backend: LiveBackend) -> None:
    """The list's stream cannot connect (the server has gone): the page says so in its status
    line instead of staying silently empty while the reader retries."""
    from noc_contracts.api import UserPublic
    from tests.support.services import free_port

    gone = NocClient(f"http://127.0.0.1:{free_port()}", token="t")
    user = UserPublic.model_validate(session.user.model_dump())
    away = Session(gone, user)
    page = ExecutionsPage(away)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page.problem.isVisible() and bool(page.problem.text()),
                    timeout=10_000)
    assert page.model.rowCount() == 0
