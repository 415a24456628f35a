"""Issue 10's run path through every layer as real processes (one SQLite stack for the module):
the run dialog launches a branching procedure on a group of three ``local`` hosts, the
executions page's view follows it live to its end, and each host's flowchart colours match
``GET /executions/{id}``; a cron schedule made in the dialog is paused, resumed and deleted on
the schedules page; a bad cron shows the server's message on the cron field."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from noc_contracts.api import ProcedurePublic
from noc_desktop.canvas.states import BlockState
from noc_desktop.client import NocClient
from noc_desktop.monitor.execution_view import ExecutionView
from noc_desktop.monitor.executions_page import ExecutionsPage
from noc_desktop.runs.run_dialog import RunDialog
from noc_desktop.runs.schedules_page import SchedulesPage
from noc_desktop.session import Session
from noc_devstack import Stack, StackConfig, start_stack
from tests.desktop.conftest import Run
from tests.support.services import free_port

pytestmark = pytest.mark.e2e
PASSWORD = "e2e-runs-admin-pw-123"
SHOTS = Path(os.environ.get("NOC_SHOTS", "/tmp/noc-shots"))
#: gold hosts take the true branch (a second task, then "gold done"); the others "plain done"
HOSTS = {"alpha": "gold", "beta": "plain", "gamma": "plain"}
GRAPH: dict[str, Any] = {
    "schema_version": 1,
    "nodes": [{"id": "check", "type": "task", "task": "ping", "params": {}},
              {"id": "gold?", "type": "decision", "condition": "host.vars.tier == 'gold'"},
              {"id": "polish", "type": "task", "task": "ping", "params": {}},
              {"id": "gold done", "type": "end", "result": "success"},
              {"id": "plain done", "type": "end", "result": "success"}],
    "edges": [{"from": "check", "to": "gold?", "on": "success"},
              {"from": "gold?", "to": "polish", "on": "true"},
              {"from": "gold?", "to": "plain done", "on": "false"},
              {"from": "polish", "to": "gold done", "on": "success"}],
    "start": "check"}
PATHS = {"gold": ["check", "gold?", "polish", "gold done"],
         "plain": ["check", "gold?", "plain done"]}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    cfg = StackConfig(var_dir=tmp_path_factory.mktemp("runs-e2e") / "var",
                      backend_port=free_port(), scheduler_port=free_port(),
                      node_port=free_port(), admin_password=PASSWORD,
                      queue_prefix=f"noc-runs-{uuid.uuid4().hex[:8]}")
    started = start_stack(cfg)
    try:
        with httpx.Client(base_url=f"{started.backend_url}/api/v1", timeout=30) as http:
            token = http.post("/auth/login", json={"username": "admin", "password": PASSWORD})
            http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
            for name, tier in HOSTS.items():
                made = http.post("/hosts", json={"name": name, "address": "127.0.0.1",
                                                 "connection": "local", "groups": ["lab"],
                                                 "vars": {"tier": tier}})
                assert made.status_code == 201, made.text
            made = http.post("/procedures", json={"name": "tiered check", "graph": GRAPH})
            assert made.status_code == 201, made.text
        yield started
    finally:
        started.stop()


@pytest.fixture
def e2e_session(stack: Stack, run: Run) -> Iterator[Session]:
    client = NocClient(stack.backend_url)
    run(client.login("admin", PASSWORD))
    session = Session(client, run(client.me()))
    try:
        yield session
    finally:
        run(client.aclose())


def _procedure(session: Session, run: Run) -> ProcedurePublic:
    listed = run(session.client.list_procedures())
    procedure: ProcedurePublic = run(session.client.get_procedure(listed.data[0].id))
    return procedure


def _dialog(qtbot: QtBot, session: Session, run: Run) -> RunDialog:
    dialog = RunDialog(session, _procedure(session, run))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.target.group.findData("lab") >= 0, timeout=10_000)
    dialog.target.choose_group("lab")
    qtbot.waitUntil(lambda: dialog.target.count == 3, timeout=10_000)
    return dialog


def test_a_run_launched_in_the_dialog_is_followed_live_to_its_end(
        qtbot: QtBot, e2e_session: Session, run: Run) -> None:
    page = ExecutionsPage(e2e_session)  # as the main window wires it
    qtbot.addWidget(page)
    e2e_session.execution_started.connect(page.open_execution)
    page.resize(1400, 900)
    page.show()
    page.activate()
    dialog = _dialog(qtbot, e2e_session, run)
    dialog.run_button.click()
    box = dialog.confirm_box  # lab holds every host: asked first, naming the count
    assert isinstance(box, QMessageBox) and "3 hosts" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.tabs.count() == 2, timeout=15_000)
    view = page.tabs.widget(1)
    assert isinstance(view, ExecutionView)
    batches: list[int] = []
    view.updated.connect(batches.append)
    qtbot.waitUntil(lambda: view.state is not None and view.state.finished, timeout=90_000)
    assert sum(batches) > 0  # events reached the open view while it ran
    qtbot.waitUntil(lambda: view.graph is not None, timeout=10_000)

    detail = run(e2e_session.client.get_execution(view.execution_id))
    assert detail.status == "success" and detail.launched_by == "admin"
    assert view.state is not None
    assert view.state.to_detail().model_dump(mode="json") == detail.model_dump(mode="json")
    ends: dict[str, int] = {}
    for host in detail.hosts:
        ends[host.path[-1]] = ends.get(host.path[-1], 0) + 1
    assert ends == {"gold done": 1, "plain done": 2}  # every host ended on an end block
    for host in detail.hosts:
        tier = HOSTS[host.host]
        assert host.status == "success" and host.path == PATHS[tier], host
        assert {s.step_id: s.status for s in host.steps} == (
            {"check": "ok", "polish": "ok"} if tier == "gold" else {"check": "ok"})
        view.select_host(host.host)
        # the host's path coloured; each end block counts the hosts that finished there
        expected = {node: BlockState("success" if node in ("check", "polish") else "visited",
                                     ends.get(node, 0))
                    for node in host.path}
        expected.update({end: BlockState("idle", n) for end, n in ends.items()
                         if end not in host.path})
        assert view.block_states() == expected
        shown = {node: block.state for node, block in view.canvas.flow_scene.blocks.items()}
        assert {n: s for n, s in shown.items() if s != BlockState("idle")} == expected
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "e2e_execution_view.png"))
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1
                    and page.model.rows[0].status == "success", timeout=10_000)
    page._close_tab(1)
    page.close()  # streams closed while the loop runs
    qtbot.waitUntil(lambda: not page.follower.following and not view.feed.streaming,
                    timeout=5_000)


def test_a_cron_schedule_from_the_dialog_is_paused_resumed_and_deleted(
        qtbot: QtBot, e2e_session: Session, run: Run) -> None:
    dialog = _dialog(qtbot, e2e_session, run)
    dialog.timing.set_when("cron")
    dialog.timing.cron.setText("0 4 * * 7x")
    cron_error = dialog.errors._fields["cron"]
    qtbot.waitUntil(cron_error.isVisible, timeout=10_000)  # the server's words, on the field
    assert cron_error.text()
    dialog.timing.cron.setText("0 4 * * 0")
    qtbot.waitUntil(lambda: not cron_error.isVisible() and dialog.fire_times.count() == 5,
                    timeout=10_000)
    dialog.run_button.click()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)

    page = SchedulesPage(e2e_session)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: any(r.cron == "0 4 * * 0" for r in page.model.rows),
                    timeout=10_000)
    row = next(i for i, r in enumerate(page.model.rows) if r.cron == "0 4 * * 0")
    schedule_id = page.model.rows[row].id
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.fire_times.count() == 5, timeout=10_000)
    page.pause_button.click()
    qtbot.waitUntil(lambda: page.model.rows[row].status.value == "paused", timeout=10_000)
    page.resume_button.click()
    qtbot.waitUntil(lambda: page.model.rows[row].status.value == "active", timeout=10_000)
    page.delete_button.click()
    box = page.confirm_box
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.model.row_of(schedule_id) < 0, timeout=10_000)
    qtbot.waitUntil(lambda: "Checking" not in page.fire_note.text(), timeout=10_000)
    remaining = run(e2e_session.client.list_schedules())
    assert schedule_id not in [s.id for s in remaining.data]
