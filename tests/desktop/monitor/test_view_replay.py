"""What the execution view shows never goes backwards: a finished execution is its snapshot
(no stream at all); a running one keeps its snapshot on screen while the stream's replay
catches up out of sight. The executions list's follower coalesces bursts of host_finished."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from noc_desktop.monitor.execution_view import ExecutionView
from noc_desktop.monitor.live_list import ListFollower
from noc_desktop.session import Session
from tests.desktop.conftest import LiveBackend, Run
from tests.desktop.monitor.conftest import create_procedure, post_events
from tests.desktop.monitor.scripted import GRAPH, host_names, scripted_events


def _view(qtbot: QtBot, session: Session, execution_id: str) -> ExecutionView:
    view = ExecutionView(session, execution_id)
    qtbot.addWidget(view)
    view.feed.max_batch = 7  # a replay in many small batches
    return view


def test_a_finished_execution_is_its_snapshot_without_a_stream(
        qtbot: QtBot, session: Session, live_backend: LiveBackend, run: Run) -> None:
    proc = create_procedure(live_backend.url, session.client.token or "", "web", GRAPH)
    post_events(live_backend.url, scripted_events("ex-done", host_names(12), proc))
    view = _view(qtbot, session, "ex-done")
    shown: list[int] = []
    view.updated.connect(shown.append)
    view.show()
    qtbot.waitUntil(lambda: view.state is not None, timeout=5000)
    qtbot.wait(300)
    assert shown == [0] and not view.feed.streaming and view.feed.last_event_id is None
    detail = run(session.client.get_execution("ex-done"))
    assert view.state is not None and view.state.finished
    assert view.state.to_detail().model_dump(mode="json") == detail.model_dump(mode="json")
    view.close()


def test_a_running_execution_never_rewinds_on_screen(
        qtbot: QtBot, session: Session, live_backend: LiveBackend) -> None:
    proc = create_procedure(live_backend.url, session.client.token or "", "web", GRAPH)
    events = scripted_events("ex-run", host_names(12), proc)
    post_events(live_backend.url, events[:60])
    view = _view(qtbot, session, "ex-run")
    progress: list[int] = []
    view.updated.connect(lambda _n: progress.append(view.state.progress()))  # type: ignore[union-attr]
    view.show()
    qtbot.waitUntil(lambda: view.state is not None and view.feed.last_event_id == 60,
                    timeout=5000)
    qtbot.waitUntil(lambda: view.feed.pending == 0, timeout=5000)
    post_events(live_backend.url, events[60:])
    qtbot.waitUntil(lambda: view.state is not None and view.state.finished, timeout=8000)
    assert progress == sorted(progress), progress  # never smaller than before
    assert len(progress) > 3  # the replay came in several batches
    view.close()
    qtbot.waitUntil(lambda: not view.feed.streaming, timeout=3000)


def test_the_list_follower_coalesces_host_finished_bursts(
        qtbot: QtBot, session: Session, live_backend: LiveBackend) -> None:
    follower = ListFollower(interval_ms=200)
    ready: list[bool] = []
    rows: list[str] = []
    follower.ready.connect(lambda: ready.append(True))
    follower.changed.connect(lambda row: rows.append(row.status))
    follower.start(session)
    qtbot.waitUntil(lambda: bool(ready), timeout=5000)
    events = scripted_events("ex-burst", host_names(40))
    post_events(live_backend.url, events)
    qtbot.waitUntil(lambda: rows[-1:] == ["partial"], timeout=5000)
    assert len(rows) < 10  # 40 host_finished + start + end, a handful of updates
    follower.stop()
    qtbot.waitUntil(lambda: not follower.following, timeout=3000)
