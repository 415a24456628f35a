"""Drawing the ARCHITECTURE.md example on an empty canvas (palette inserts, edges, the
properties forms, a note, the name typed in the header), saving it to a real backend and
reading it back equal (graph, layout and notes); then editing and saving version 2."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from noc_contracts import ProcedureGraph
from noc_contracts.api import ValidationResult
from noc_desktop.document import InvalidDocument, ProcedureDocument
from noc_desktop.procedures.page import ProceduresPage
from noc_desktop.session import Session
from tests.desktop.conftest import Run
from tests.desktop.document.graphs import EXAMPLE
from tests.desktop.editor_page.conftest import SHOTS, open_page, save_and_wait

#: (type, task, where) of each block of the example, placed in rows top to bottom
PLACES: dict[str, tuple[str, str, tuple[float, float]]] = {
    "check": ("task", "service_status", (0, 0)),
    "up?": ("decision", "", (0, 120)),
    "ok": ("end", "", (-200, 240)),
    "tries": ("loop", "", (120, 240)),
    "start": ("task", "service", (0, 360)),
    "pause": ("wait", "", (0, 480)),
    "alert": ("task", "telegram", (280, 480)),
    "bad": ("end", "", (280, 600)),
}


def _node(node_id: str) -> dict[str, Any]:
    return next(dict(n) for n in EXAMPLE["nodes"] if n["id"] == node_id)


def draw_example(qtbot: QtBot, page: ProceduresPage) -> None:
    """Every block from the palette, its fields through the properties form, every edge."""
    editor, pane = page.pane.editor, page.pane
    qtbot.waitUntil(lambda: bool(editor.task_types), timeout=5000)
    for node_id, (node_type, task, (x, y)) in PLACES.items():
        new_id = editor.insert(node_type, task, QPointF(x, y))
        assert new_id is not None
        assert editor.selected_node_ids() == [new_id]
        form = pane.properties.form
        assert form is not None
        form.value_changed.emit("id", node_id)  # as the id field does when typed
        node = _node(node_id)
        for field, value in node.items():
            if field in ("id", "type", "task"):
                continue
            pane.properties.value_changed.emit(node_id, field, value)
    for edge in EXAMPLE["edges"]:
        assert editor.controller.connect_blocks(edge["from"], edge["to"], edge["on"]) is not None
    editor.controller.add_note((-320.0, -40.0), "nginx watchdog: restart thrice, then page")
    qtbot.keyClicks(pane.header.name, "nginx watchdog")
    qtbot.keyClicks(pane.header.description, "keeps nginx up")


def test_draw_the_example_save_and_read_it_back(qtbot: QtBot, session: Session,
                                               run: Run) -> None:
    page = open_page(qtbot, session)
    pane = page.pane
    assert pane.document.is_empty() and not pane.is_modified()
    draw_example(qtbot, page)
    assert pane.is_modified() and pane.header.title.text().endswith("*")
    doc = pane.document
    assert doc.start == "check" and doc.name == "nginx watchdog"

    save_and_wait(qtbot, page, 1)
    assert pane.header.title.text() == "nginx watchdog (version 1)"
    stored = run(session.client.get_procedure(pane.procedure.id))  # type: ignore[union-attr]
    expected = ProcedureGraph.model_validate({**EXAMPLE, "layout": {}, "notes": []})
    assert sorted(stored.graph.nodes, key=lambda n: n.id) == sorted(expected.nodes,
                                                                   key=lambda n: n.id)
    assert sorted(stored.graph.edges, key=str) == sorted(expected.edges, key=str)
    assert stored.graph.start == "check"
    assert {k: (p.x, p.y) for k, p in stored.graph.layout.items()} == doc.layout()
    assert set(doc.layout()) == set(PLACES)
    assert stored.graph.notes == doc.notes() and len(doc.notes()) == 1
    assert (stored.name, stored.description) == ("nginx watchdog", "keeps nginx up")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=5000)
    assert page.table.selectionModel().selectedRows()[0].data() == "nginx watchdog"

    # edit through the form: the alert's text; the title says unsaved until version 2
    pane.editor.controller.select(["alert"])
    qtbot.waitUntil(lambda: pane.properties.form is not None
                    and "params.text" in pane.properties.form.rows, timeout=3000)
    pane.properties.value_changed.emit("alert", "params.text", "nginx is down on {{ host.name }}")
    assert pane.is_modified() and pane.header.title.text().endswith("*")
    save_and_wait(qtbot, page, 2)
    stored = run(session.client.get_procedure(stored.id))
    alert = stored.graph.node("alert")
    assert alert is not None and alert.params["text"] == "nginx is down on {{ host.name }}"
    versions = run(session.client.procedure_versions(stored.id))
    assert [v.version for v in versions.data] == [2, 1]
    qtbot.waitUntil(lambda: len(pane.versions.versions) == 2, timeout=5000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    pane.editor.view.fit()
    qtbot.wait(400)  # the debounced local check
    assert pane.problems_list.problems == []
    page.grab().save(str(SHOTS / "editor-drawn.png"))


def test_problems_block_saving_and_show_on_the_block_and_field(qtbot: QtBot, session: Session,
                                                              run: Run) -> None:
    page = open_page(qtbot, session)
    pane, editor = page.pane, page.pane.editor
    qtbot.waitUntil(lambda: bool(editor.task_types), timeout=5000)
    first = editor.insert("task", "service_status")
    second = editor.insert("decision", "")
    assert first and second
    editor.controller.connect_blocks(first, second, "success")
    pane.properties.value_changed.emit(second, "condition", "steps.nothere.status ==")
    qtbot.keyClicks(pane.header.name, "broken")
    pane.page_actions["save"].trigger()
    qtbot.waitUntil(lambda: "problem" in pane.header.status.text(), timeout=5000)
    assert pane.procedure is None
    assert any(p.node_id == second for p in pane.problems_list.problems)
    assert editor.scene.blocks[second].problems  # the block is marked
    editor.controller.select([second])
    qtbot.waitUntil(lambda: pane.properties.form is not None, timeout=3000)
    form = pane.properties.form
    assert form is not None and form.rows["condition"].problems()
    assert run(session.client.list_procedures()).count == 0


def test_save_checks_locally_and_leaves_validation_to_the_save(
        qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page(qtbot, session)
    pane = page.pane
    validated: list[dict[str, Any]] = []
    validate = session.client.validate_procedure

    async def counted(graph: dict[str, Any]) -> ValidationResult:
        validated.append(graph)
        return await validate(graph)

    monkeypatch.setattr(session.client, "validate_procedure", counted)
    pane.editor.set_document(ProcedureDocument.from_graph(
        ProcedureGraph.model_validate(EXAMPLE), name="nginx watchdog"))
    save_and_wait(qtbot, page, 1)
    assert validated == []  # the PUT/POST validates: no POST /procedures/validate first
    pane.page_actions["validate"].trigger()  # Check still asks the server
    qtbot.waitUntil(lambda: pane.header.status.text() == "No problems found.", timeout=5000)
    assert len(validated) == 1


def test_a_document_that_cannot_become_a_graph_is_not_saved(
        qtbot: QtBot, session: Session, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page(qtbot, session)
    pane = page.pane
    doc = ProcedureDocument.from_graph(ProcedureGraph.model_validate(EXAMPLE), name="nginx")
    pane.editor.set_document(doc)

    def refuse() -> ProcedureGraph:
        raise InvalidDocument("invalid_graph", "start: not a block\nmore", field="start")

    monkeypatch.setattr(doc, "to_graph", refuse)
    pane.page_actions["save"].trigger()
    qtbot.waitUntil(lambda: "Cannot save" in pane.header.status.text(), timeout=5000)
    assert pane.header.status.text() == "Cannot save: start: not a block"
    assert pane.procedure is None and run(session.client.list_procedures()).count == 0
