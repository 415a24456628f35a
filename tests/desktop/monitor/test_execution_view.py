"""The execution view against a real backend fed events as the scheduler feeds them: the
snapshot, the live stream, coalesced batches, per-host selection and colours, cancel."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from noc_contracts import ExecutionEvent
from noc_desktop.canvas.states import BlockState
from noc_desktop.monitor.execution_view import ExecutionView
from noc_desktop.monitor.hosts_model import HostsModel
from noc_desktop.monitor.state import ExecutionState
from noc_desktop.session import Session
from tests.desktop.conftest import LiveBackend, Run
from tests.desktop.monitor.conftest import create_procedure, post_events
from tests.desktop.monitor.scripted import GRAPH, host_names, scripted_events

SHOTS = Path(os.environ.get("NOC_SHOTS", "/tmp/noc-shots"))


@pytest.fixture
def opened(qtbot: QtBot, session: Session) -> Iterator[list[ExecutionView]]:
    """The views a test opens, closed (their streams ended) before the session goes."""
    views: list[ExecutionView] = []
    yield views
    for view in views:
        view.close()
        qtbot.waitUntil(lambda v=view: not v.feed.streaming, timeout=3000)  # type: ignore[misc]


def _open(qtbot: QtBot, session: Session, execution_id: str,
          opened: list[ExecutionView]) -> ExecutionView:
    view = ExecutionView(session, execution_id)
    qtbot.addWidget(view)
    opened.append(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitUntil(lambda: view.state is not None, timeout=5000)
    return view


def test_follows_a_run_live(qtbot: QtBot, session: Session, live_backend: LiveBackend,
                            run: Run, opened: list[ExecutionView]) -> None:
    url = live_backend.url
    proc = create_procedure(url, session.client.token or "", "web check", GRAPH)
    events = scripted_events("ex-view", host_names(20), proc)
    post_events(url, events[:30])  # mid-run when the view opens
    view = _open(qtbot, session, "ex-view", opened)
    batches: list[int] = []
    view.updated.connect(batches.append)
    qtbot.waitUntil(lambda: view.feed.pending == 0 and sum(batches) >= 30, timeout=5000)
    assert view.state is not None and not view.state.finished
    assert view.hosts_model.rowCount() == 20
    assert view.graph is not None
    SHOTS.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(SHOTS / "execution_view_midrun.png"))

    post_events(url, events[30:])
    qtbot.waitUntil(lambda: view.state is not None and view.state.finished, timeout=8000)
    assert all(n <= view.feed.max_batch for n in batches)
    detail = run(session.client.get_execution("ex-view"))
    assert view.state.to_detail().model_dump(mode="json") == detail.model_dump(mode="json")
    truth = ExecutionState(detail)
    for name in ("h0001", "h0002", "h0003"):
        view.select_host(name)
        assert view.steps.steps.count() == len(truth.hosts[name].steps)
        expected = {n: BlockState(b.status, b.hosts_here)
                    for n, b in truth.block_states(name).items()}
        assert view.block_states() == expected
    assert view.header.status.text() == "partial"
    assert not view.header.cancel.isEnabled()
    view.grab().save(str(SHOTS / "execution_view_done.png"))


def test_table_filter_and_selection_drive_the_details(qtbot: QtBot, session: Session,
                                                      live_backend: LiveBackend,
                                                      opened: list[ExecutionView]) -> None:
    post_events(live_backend.url, scripted_events("ex-sel", host_names(8)))
    view = _open(qtbot, session, "ex-sel", opened)
    qtbot.waitUntil(lambda: view.state is not None and view.state.finished, timeout=5000)
    view.status_filter.setCurrentIndex(view.status_filter.findData("failed"))
    rows = view.hosts_filter.rowCount()
    assert rows == 2  # plan 3 fails: h0003, h0007
    view.table.selectRow(1)
    assert view.selected_host == "h0007"
    assert view.steps.steps.count() == 2
    view.steps.steps.setCurrentRow(1)
    assert view.steps.outputs["stderr"].toPlainText() == "boom"
    assert '"round": 1' in view.steps.outputs["facts"].toPlainText()
    assert len(view.timeline.bars(600)) == 2
    view.table.sortByColumn(HostsModel.STEPS, view.table.horizontalHeader().sortIndicatorOrder())


def test_batches_are_coalesced(qtbot: QtBot, session: Session, live_backend: LiveBackend,
                               opened: list[ExecutionView]) -> None:
    post_events(live_backend.url, scripted_events("ex-co", host_names(2), finish=False)[:1])
    view = _open(qtbot, session, "ex-co", opened)
    view.feed.stop()
    events = [ExecutionEvent.model_validate(e)
              for e in scripted_events("ex-co", host_names(300), finish=False)]
    view.feed.max_batch = 500
    batches: list[int] = []
    view.updated.connect(batches.append)
    view.feed.push(events)
    assert batches == []  # never applied inside push: the timer delivers
    qtbot.waitUntil(lambda: view.feed.pending == 0, timeout=5000)
    assert batches == [500, 500, 500, len(events) - 1500]
    assert view.hosts_model.rowCount() == 300


def test_cancel_asks_first(qtbot: QtBot, session: Session, live_backend: LiveBackend,
                           opened: list[ExecutionView]) -> None:
    post_events(live_backend.url, scripted_events("ex-c", host_names(2), finish=False)[:3])
    view = _open(qtbot, session, "ex-c", opened)
    fired: list[bool] = []
    view.header.cancel_confirmed.connect(lambda: fired.append(True))
    view.header.cancel.click()
    box = view.header.findChild(QMessageBox, "confirm_cancel")
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert fired == []
