"""``SimulatorPanel`` against a real backend and scheduler: the walk shown step by step, its
path and block states sent to the canvas, per-visit rows, and each problem next to its field."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from noc_contracts import ProcedureGraph
from noc_desktop.canvas.view import FlowchartView
from noc_desktop.inventory.vars_editor import VarsEditor
from noc_desktop.session import Session
from noc_desktop.simulator.outcomes_model import DETAILS, STATUS
from noc_desktop.simulator.panel import SimulatorPanel
from noc_desktop.widgets.looks import ERROR_TEXT_STYLE
from tests.desktop.conftest import Run
from tests.support.graphs import example_body

GRAPH = example_body("{{ host.vars.service }}", layout=False)
STOPPED = '{"facts": {"state": "stopped"}}'
DOWN_PATH = ["check", "up?", "tries", "start", "pause", "check", "up?", "tries", "start",
             "pause", "check", "up?", "tries", "start", "pause", "check", "up?", "tries",
             "alert", "bad"]


def tasks_of(graph: dict[str, Any]) -> list[str]:
    return [n["id"] for n in graph["nodes"] if n["type"] == "task"]


def panel_for(qtbot: QtBot, session: Session) -> SimulatorPanel:
    panel = SimulatorPanel(session)
    qtbot.addWidget(panel)
    panel.set_procedure(lambda: GRAPH, tasks_of(GRAPH), "nginx watchdog")
    panel.host_form.describe("web1", {"service": "nginx"})
    return panel


def set_row(panel: SimulatorPanel, row: int, status: str, details: str) -> None:
    model = panel.outcomes.model
    model.setData(model.index(row, STATUS), status, Qt.ItemDataRole.EditRole)
    model.setData(model.index(row, DETAILS), details, Qt.ItemDataRole.EditRole)


def test_simulate_walks_the_service_down_branch(qtbot: QtBot, stack_session: Session) -> None:
    panel = panel_for(qtbot, stack_session)
    assert [r.node_id for r in panel.script.rows] == ["check", "start", "alert"]
    set_row(panel, 0, "ok", STOPPED)
    panel.outcomes.table.selectRow(0)
    for _ in range(3):  # the service stays down on all four checks
        qtbot.mouseClick(panel.outcomes.add_button, Qt.MouseButton.LeftButton)
    assert [(r.node_id, r.details) for r in panel.script.rows[:4]] == [("check", STOPPED)] * 4
    panel.default_status.setCurrentIndex(panel.default_status.findData("ok"))
    paths: list[list[str]] = []
    panel.path_changed.connect(paths.append)
    with qtbot.waitSignal(panel.block_states_changed, timeout=15_000) as states:
        qtbot.mouseClick(panel.simulate_button, Qt.MouseButton.LeftButton)
    assert panel.result is not None
    assert paths[-1] == DOWN_PATH and panel.result.status == "failed"
    block = states.args[0]
    assert block["bad"].status == "failed" and block["bad"].hosts_here == 1
    assert block["check"].status == "success" and block["up?"].status == "visited"
    assert panel.steps.count() == len(panel.result.steps)
    assert "steps.check.facts.state == 'running' is" in panel.steps.item(1).text()
    assert "failed" in panel.status.text()
    # every visit of check and start now has its own row, to script them one by one
    assert [r.node_id for r in panel.script.rows].count("check") == 4
    assert [r.node_id for r in panel.script.rows].count("start") == 3


def test_step_reveals_one_step_at_a_time(qtbot: QtBot, stack_session: Session) -> None:
    panel = panel_for(qtbot, stack_session)
    set_row(panel, 0, "ok", '{"facts": {"state": "running"}}')
    with qtbot.waitSignal(panel.path_changed, timeout=15_000) as first:
        qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert first.args[0] == ["check"] and panel.steps.item(1).isHidden()
    with qtbot.waitSignal(panel.path_changed, timeout=2_000) as second:
        qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert second.args[0] == ["check", "up?"]
    qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert not panel.step_button.isEnabled()  # the walk has three steps: check, up?, ok
    assert "success" in panel.status.text()
    set_row(panel, 0, "failed", "")  # an edit makes the next Step a fresh simulation
    assert panel.step_button.isEnabled()


def test_vars_are_typed_in_the_inventory_s_vars_editor(qtbot: QtBot,
                                                       stack_session: Session) -> None:
    panel = panel_for(qtbot, stack_session)
    assert isinstance(panel.vars, VarsEditor) and isinstance(panel.host_form.vars, VarsEditor)
    assert panel.host_form.choice().vars == {"service": "nginx"}
    panel.vars.add_row("port", "8080")
    panel.vars.add_row("env", "prod")
    panel.host_form.vars.add_row("tls", "true")
    assert panel.vars.vars() == {"port": 8080, "env": "prod"}
    assert panel.host_form.choice().vars == {"service": "nginx", "tls": True}
    assert panel.vars_problem.styleSheet() == ERROR_TEXT_STYLE  # the app's one error red


def test_a_bad_outcome_is_shown_next_to_its_row_before_any_call(qtbot: QtBot,
                                                               stack_session: Session) -> None:
    panel = panel_for(qtbot, stack_session)
    set_row(panel, 1, "ok", '{"code": 1}')
    qtbot.mouseClick(panel.simulate_button, Qt.MouseButton.LeftButton)
    problem = panel.outcomes.problem
    qtbot.waitUntil(lambda: problem.isVisibleTo(panel))
    assert "code" in problem.text()
    assert problem.styleSheet() == ERROR_TEXT_STYLE
    assert panel.outcomes.current_row() == 1
    assert panel.result is None


def test_server_refusals_are_shown_where_they_belong(qtbot: QtBot, run: Run,
                                                     stack_session: Session) -> None:
    panel = panel_for(qtbot, stack_session)
    panel.host_form.inventory_radio.setChecked(True)
    panel.host_form.host.setEditText("nowhere")
    qtbot.mouseClick(panel.simulate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.host_form.problem.isVisibleTo(panel), timeout=15_000)
    assert "nowhere" in panel.host_form.problem.text()
    assert panel.host_form.problem.styleSheet() == ERROR_TEXT_STYLE
    panel.stop()  # the search typing started would fire after the test's loop is gone
    panel.host_form.describe("web1", {"service": "nginx"})
    broken = {**GRAPH, "edges": GRAPH["edges"][:-1]}  # 'bad' is no longer reachable
    panel.set_procedure(lambda: broken, tasks_of(broken))
    qtbot.mouseClick(panel.simulate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot be simulated" in panel.status.text(), timeout=15_000)
    assert "• bad: not reachable" in panel.status.text()


def test_screenshot_next_to_the_canvas(qtbot: QtBot, stack_session: Session,
                                       tmp_path: Path) -> None:
    panel = panel_for(qtbot, stack_session)
    set_row(panel, 0, "ok", STOPPED)
    for _ in range(3):
        panel.script.add_visit(0)
    panel.outcomes.reload()
    window = QWidget()
    qtbot.addWidget(window)
    canvas = FlowchartView()
    canvas.set_graph(ProcedureGraph.model_validate(GRAPH))
    panel.path_changed.connect(canvas.set_path)
    panel.block_states_changed.connect(canvas.set_block_states)
    layout = QHBoxLayout(window)
    layout.addWidget(canvas, 3)
    layout.addWidget(panel, 2)
    window.resize(1400, 860)
    window.show()
    with qtbot.waitSignal(panel.block_states_changed, timeout=15_000):
        qtbot.mouseClick(panel.simulate_button, Qt.MouseButton.LeftButton)
    panel.show_until(9)
    canvas.fit()
    qtbot.wait(50)
    target = Path(os.environ.get("NOC_SIM_SCREENSHOT", tmp_path / "simulator.png"))
    assert window.grab().save(str(target))
