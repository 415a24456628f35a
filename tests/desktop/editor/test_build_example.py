"""Drawing the ARCHITECTURE.md example from an empty canvas with the mouse and keyboard, as a
user would: palette drops and a keyboard insert, connects by dragging, properties through the
controller; then the graph equals the example, and undo/redo walk all the way back and forth."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from noc_contracts import ProcedureGraph
from noc_desktop.canvas.editor import FlowchartEditor
from tests.desktop.document.graphs import EXAMPLE
from tests.desktop.editor.gestures import connect, drop_block, keys

#: (palette entry, where on the viewport, the id the example gives it)
BLOCKS = [
    (("task", "service_status"), QPoint(300, 80), "check"),
    (("decision", ""), QPoint(300, 200), "up?"),
    (("loop", ""), QPoint(420, 330), "tries"),
    (("task", "service"), QPoint(300, 460), "start"),
    (("wait", ""), QPoint(300, 590), "pause"),
    (("task", "telegram"), QPoint(640, 460), "alert"),
    (("end", ""), QPoint(120, 330), "ok"),
]
#: what the properties panel would set on each block (after its id)
PROPERTIES: list[tuple[str, str, Any]] = [
    ("check", "params", {"name": "nginx"}), ("check", "timeout_s", 60),
    ("up?", "condition", "steps.check.facts.state == 'running'"),
    ("start", "params", {"name": "nginx", "state": "started"}),
    ("alert", "params", {"text": "nginx down on {{ host.name }}"}),
    ("bad", "result", "failure"),
]


def build(editor: FlowchartEditor, qtbot: QtBot) -> None:
    controller = editor.controller
    for (block_type, task), at, wanted in BLOCKS:
        drop_block(editor, block_type, task, at)
        new = editor.selected_node_ids()
        assert len(new) == 1, new
        assert controller.set_property(new[0], "id", wanted)
    # the last block from the keyboard: Ctrl+K, type, Enter inserts at the canvas's cursor
    QTest.mouseMove(editor.view.viewport(), QPoint(640, 620))
    keys(editor, "Ctrl+K")
    assert editor.palette_panel.search.hasFocus()
    QTest.keyClicks(editor.palette_panel.search, "end")
    QTest.keyClick(editor.palette_panel.search, Qt.Key.Key_Return)
    assert editor.selected_node_ids() == ["end"]
    controller.set_property("end", "id", "bad")
    for node_id, path, value in PROPERTIES:
        assert controller.set_property(node_id, path, value)
    for i, edge in enumerate(EXAMPLE["edges"]):
        connect(editor, edge["from"], edge["to"], by_handle=i % 2 == 0)
        assert editor.document.edges()[-1].kind == edge["on"], edge


def graph_without_layout(editor: FlowchartEditor) -> dict[str, Any]:
    body = editor.document.to_graph().model_dump(mode="json", by_alias=True)
    body.pop("layout")
    return body


def expected() -> dict[str, Any]:
    body = ProcedureGraph.model_validate(EXAMPLE).model_dump(mode="json", by_alias=True)
    body.pop("layout")
    return body


def test_the_example_drawn_by_mouse_and_keyboard(editor: FlowchartEditor, qtbot: QtBot) -> None:
    build(editor, qtbot)
    assert graph_without_layout(editor) == expected()
    assert set(editor.document.layout()) == {n["id"] for n in EXAMPLE["nodes"]}
    # the canvas shows what the document holds
    assert set(editor.scene.blocks) == {n["id"] for n in EXAMPLE["nodes"]}
    assert sorted((e.source.node_id, e.target.node_id, e.kind) for e in editor.scene.edges) \
        == sorted((e["from"], e["to"], e["on"]) for e in EXAMPLE["edges"])
    assert editor.scene.blocks["check"].look.start_text
    editor.controller.check_now()  # only the procedure's name is missing: no block at fault
    assert [p.field for p in editor.controller.shown_problems()] == ["name"]
    assert not any(block.problems for block in editor.scene.blocks.values())


def test_undo_everything_back_to_empty_and_redo_it_all(editor: FlowchartEditor,
                                                       qtbot: QtBot) -> None:
    build(editor, qtbot)
    built = editor.document.snapshot()
    steps = editor.undo_stack.count()
    keys(editor, "Ctrl+Z")  # the last connect, by its shortcut
    assert len(editor.document.edges()) == len(EXAMPLE["edges"]) - 1
    while editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    assert editor.document.is_empty() and editor.document.edges() == ()
    assert editor.document.start is None
    assert not editor.scene.blocks and not editor.scene.edges
    keys(editor, "Ctrl+Shift+Z")
    assert editor.document.node_ids() == ["service_status"]
    while editor.undo_stack.canRedo():
        editor.undo_stack.redo()
    assert editor.undo_stack.count() == steps
    assert editor.document.snapshot() == built
    assert len(editor.scene.edges) == len(EXAMPLE["edges"])
