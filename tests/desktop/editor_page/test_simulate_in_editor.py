"""The simulator docked in the editor, against a real backend and the real scheduler app:
the branch where nginx stays down walks the retry loop three times, then alerts; the editor's
canvas shows that path and the blocks' states. Also the editor page's screenshots."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from noc_contracts import ProcedureGraph
from noc_contracts.api import ProcedureCreate
from noc_desktop.document import ProcedureDocument
from noc_desktop.document.convert import graph_dict
from noc_desktop.procedures import editor_page
from noc_desktop.session import Session
from noc_desktop.simulator.outcomes_model import DETAILS, STATUS
from tests.desktop.conftest import Run
from tests.desktop.document.graphs import EXAMPLE
from tests.desktop.editor_page.conftest import SHOTS, open_page, open_procedure

STOPPED = '{"facts": {"state": "stopped"}}'


def test_the_service_down_branch_is_drawn_on_the_canvas(qtbot: QtBot, stack_session: Session,
                                                        run: Run) -> None:
    run(stack_session.client.create_procedure(ProcedureCreate(
        name="nginx watchdog", description="Restart nginx up to three times, else alert.",
        graph=ProcedureGraph.model_validate(EXAMPLE))))
    page = open_page(qtbot, stack_session)
    open_procedure(qtbot, page, "nginx watchdog")
    pane = page.pane
    SHOTS.mkdir(parents=True, exist_ok=True)
    pane.editor.controller.select(["up?"])
    qtbot.waitUntil(lambda: pane.properties.form is not None, timeout=3000)
    qtbot.wait(400)
    page.grab().save(str(SHOTS / "editor.png"))

    simulator = pane.simulator
    pane.docks["simulator"].raise_()
    qtbot.waitUntil(lambda: [r.node_id for r in simulator.script.rows]
                    == ["check", "start", "alert"], timeout=3000)
    simulator.host_form.describe("web1")
    model = simulator.outcomes.model
    model.setData(model.index(0, STATUS), "ok", Qt.ItemDataRole.EditRole)
    model.setData(model.index(0, DETAILS), STOPPED, Qt.ItemDataRole.EditRole)
    simulator.outcomes.table.selectRow(0)
    for _ in range(3):  # nginx stays down on all four checks
        qtbot.mouseClick(simulator.outcomes.add_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(simulator.block_states_changed, timeout=15_000):
        qtbot.mouseClick(simulator.simulate_button, Qt.MouseButton.LeftButton)
    assert simulator.result is not None and simulator.result.status == "failed"

    scene = pane.editor.scene
    walked = set(scene.walked_edges())
    assert {("up?", "tries", "false"), ("tries", "start", "body"),
            ("tries", "alert", "done"), ("alert", "bad", "success")} <= walked
    assert ("up?", "ok", "true") not in walked and ("check", "alert", "failure") not in walked
    assert scene.blocks["bad"].state.status != "idle"
    assert scene.blocks["ok"].state.status == "idle"
    assert not pane.is_modified()  # simulating changes nothing
    qtbot.wait(100)
    page.grab().save(str(SHOTS / "editor-simulated.png"))


def test_the_simulator_follows_the_draft_s_tasks_and_builds_the_graph_on_simulate(
        qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []

    def counted(doc: ProcedureDocument) -> dict[str, Any]:
        built.append(doc.name)
        return graph_dict(doc)

    monkeypatch.setattr(editor_page, "graph_dict", counted)
    page = open_page(qtbot, session)
    pane, simulator = page.pane, page.pane.simulator
    first = pane.editor.insert("task", "service_status")
    assert first and pane.editor.controller.set_property(first, "timeout_s", 0)  # a draft's
    second = pane.editor.insert("task", "ping")
    assert second
    qtbot.waitUntil(lambda: [r.node_id for r in simulator.script.rows] == [first, second],
                    timeout=3000)
    assert any(p.node_id == first for p in pane.editor.controller.shown_problems())
    assert built == []  # edits give the simulator task ids, not a graph
    simulator.host_form.describe("web1")
    qtbot.mouseClick(simulator.simulate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: simulator.simulate_button.isEnabled() and built != [],
                    timeout=10_000)
    assert len(built) == 1
