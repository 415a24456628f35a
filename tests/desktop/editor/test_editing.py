"""Editing on the canvas by mouse and keyboard: a drag is one undo step and the edges follow,
selection by rubber band and Ctrl+click, delete, copy and paste through the real clipboard,
duplicate, an edge's kind from its menu, reconnecting by dragging an edge's end, refusals."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from noc_desktop.canvas import menus
from noc_desktop.canvas.editor import FlowchartEditor
from noc_desktop.document import DocEdge
from tests.desktop.canvas.geometry import distance_to_outline, path_start
from tests.desktop.editor.example import open_example
from tests.desktop.editor.gestures import block_point, click, connect, drag, keys, on_screen

CTRL = Qt.KeyboardModifier.ControlModifier


def test_one_drag_of_several_blocks_is_one_undo_step_and_edges_follow(
        editor: FlowchartEditor) -> None:
    doc = open_example(editor)
    before = {n: doc.position(n) for n in ("start", "pause")}
    click(editor, "start")
    click(editor, "pause", CTRL)
    assert editor.selected_node_ids() == ["start", "pause"]
    drag(editor, block_point(editor, "start"), block_point(editor, "start") + QPoint(140, 35),
         steps=30)
    assert editor.undo_stack.count() == 1
    for node_id in ("start", "pause"):
        old, new = before[node_id], doc.position(node_id)
        assert old is not None and new is not None
        assert abs(new[0] - old[0] - 200) < 2 and abs(new[1] - old[1] - 50) < 2  # at zoom 0.7
    # every edge of the moved blocks starts and ends on their outlines where they are now
    for edge in editor.scene.blocks["start"].edges + editor.scene.blocks["pause"].edges:
        assert distance_to_outline(path_start(edge), edge.source.scene_outline()) < 1.5
        assert distance_to_outline(edge.tip, edge.target.scene_outline()) < 1.5
    keys(editor, "Ctrl+Z")
    assert {n: doc.position(n) for n in before} == before
    assert editor.scene.blocks["start"].pos() == QPointF(*before["start"])  # type: ignore[misc]
    assert distance_to_outline(editor.scene.blocks["start"].edges[0].tip,
                               editor.scene.blocks["start"].edges[0].target.scene_outline()) < 1.5


def test_two_drags_are_two_steps(editor: FlowchartEditor) -> None:
    open_example(editor)
    for _ in range(2):
        drag(editor, block_point(editor, "ok"), block_point(editor, "ok") + QPoint(0, 30))
    assert editor.undo_stack.count() == 2


def test_rubber_band_selects_and_delete_removes_blocks_with_their_edges(
        editor: FlowchartEditor) -> None:
    doc = open_example(editor)
    blocks = editor.scene.blocks
    corner = blocks["start"].sceneBoundingRect().united(blocks["pause"].sceneBoundingRect())
    drag(editor, on_screen(editor, corner.topLeft() - QPointF(30, 30)),
         on_screen(editor, corner.bottomRight() + QPointF(10, 10)))
    assert set(editor.selected_node_ids()) >= {"start", "pause"}
    chosen = set(editor.selected_node_ids())
    keys(editor, "Delete")
    assert not chosen & set(doc.node_ids())
    assert all(chosen.isdisjoint((e.source, e.target)) for e in doc.edges())
    assert not chosen & set(editor.scene.blocks)
    assert editor.undo_stack.count() == 1
    keys(editor, "Ctrl+Z")
    assert chosen <= set(doc.node_ids()) and len(doc.edges()) == 10


def test_copy_and_paste_through_the_system_clipboard(editor: FlowchartEditor) -> None:
    doc = open_example(editor)
    click(editor, "check")
    click(editor, "up?", CTRL)
    keys(editor, "Ctrl+C")
    text = QGuiApplication.clipboard().text()
    assert '"check"' in text and '"up?"' in text
    QTest.mouseMove(editor.view.viewport(), QPoint(900, 650))
    keys(editor, "Ctrl+V")
    assert {"check_2", "up?_2"} <= set(doc.node_ids())
    assert DocEdge("check_2", "up?_2", "success") in doc.edges()
    assert sorted(editor.selected_node_ids()) == ["check_2", "up?_2"]
    assert editor.undo_stack.count() == 1
    # a procedure from a chat: JSON pasted as text
    QGuiApplication.clipboard().setText('{"nodes": [{"id": "ping", "type": "task", '
                                        '"task": "ping"}], "edges": [], "start": "ping"}')
    keys(editor, "Ctrl+V")
    assert "ping" in editor.scene.blocks
    QGuiApplication.clipboard().setText("hello")
    keys(editor, "Ctrl+V")
    assert editor.message.isVisible() and "JSON" in editor.message.text()


def test_cut_and_duplicate(editor: FlowchartEditor) -> None:
    doc = open_example(editor)
    click(editor, "pause")
    keys(editor, "Ctrl+D")
    assert editor.selected_node_ids() == ["pause_2"]
    assert doc.position("pause_2") != doc.position("pause")
    keys(editor, "Ctrl+X")
    assert "pause_2" not in doc.node_ids()
    assert '"pause_2"' in QGuiApplication.clipboard().text()


def test_an_edges_kind_from_its_menu_and_delete(editor: FlowchartEditor) -> None:
    doc = open_example(editor)
    edge = DocEdge("up?", "ok", "true")
    menu = menus.edge_menu(editor, edge)
    kinds = {a.objectName(): a for a in menu.actions() if a.objectName().startswith("kind:")}
    assert set(kinds) == {"kind:true", "kind:false"}
    assert kinds["kind:true"].isChecked() and not kinds["kind:false"].isEnabled()  # used
    editor.controller.remove_edge(DocEdge("up?", "tries", "false"))
    menu = menus.edge_menu(editor, edge)
    next(a for a in menu.actions() if a.objectName() == "kind:false").trigger()
    assert DocEdge("up?", "ok", "false") in doc.edges()
    assert editor.scene.find_edge("up?", "ok", "false") is not None
    assert editor.scene.find_edge("up?", "ok", "true") is None


def test_select_an_edge_and_delete_it(editor: FlowchartEditor) -> None:
    doc = open_example(editor)
    item = editor.scene.find_edge("alert", "bad", "success")
    assert item is not None
    QTest.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     on_screen(editor, item.path.pointAtPercent(0.5)))
    assert editor.selected_edges() == [DocEdge("alert", "bad", "success")]
    keys(editor, "Delete")
    assert DocEdge("alert", "bad", "success") not in doc.edges()
    assert "alert" in doc.node_ids()


def test_drag_a_selected_edges_end_onto_another_block(editor: FlowchartEditor) -> None:
    doc = open_example(editor)
    item = editor.scene.find_edge("up?", "ok", "true")
    assert item is not None
    item.setSelected(True)
    drag(editor, on_screen(editor, item.tip), block_point(editor, "bad"))
    assert DocEdge("up?", "bad", "true") in doc.edges()
    assert doc.edges().index(DocEdge("up?", "bad", "true")) == 2  # kept its place


def test_connect_uses_the_first_free_kind_and_refusals_are_said(editor: FlowchartEditor) -> None:
    doc = open_example(editor)
    connect(editor, "ok", "bad", by_handle=False)  # an end block has no way out
    assert editor.message.isVisible() and "end block" in editor.message.text()
    connect(editor, "check", "ok", by_handle=True)  # success and failure are both used
    assert "connected already" in editor.message.text()
    editor.controller.remove_edge(DocEdge("check", "alert", "failure"))
    connect(editor, "check", "ok", by_handle=True)
    assert doc.edges()[-1] == DocEdge("check", "ok", "failure")


def test_keyboard_connect_set_start_auto_layout_and_zoom(editor: FlowchartEditor,
                                                         qtbot: QtBot) -> None:
    doc = open_example(editor)
    editor.controller.remove_edge(DocEdge("check", "alert", "failure"))
    editor.controller.select(["check"])
    click(editor, "bad", CTRL)
    keys(editor, "Ctrl+E")
    assert doc.edges()[-1] == DocEdge("check", "bad", "failure")
    click(editor, "tries")
    keys(editor, "Ctrl+Shift+Home")
    assert doc.start == "tries" and editor.scene.blocks["tries"].look.start_text
    assert not editor.scene.blocks["check"].look.start_text
    drag(editor, block_point(editor, "ok"), block_point(editor, "ok") + QPoint(300, 0))
    moved = doc.position("ok")
    keys(editor, "Ctrl+L")
    assert doc.position("ok") != moved
    for edge in editor.scene.edges:  # every edge follows its blocks to their new places
        assert distance_to_outline(path_start(edge), edge.source.scene_outline()) < 1.5
        assert distance_to_outline(edge.tip, edge.target.scene_outline()) < 1.5
    zoom = editor.view.zoom()
    keys(editor, "Ctrl+=")
    assert editor.view.zoom() > zoom
    keys(editor, "Ctrl+0")
    assert editor.view.zoom() <= 1.0
    keys(editor, "Ctrl+A")
    assert set(editor.selected_node_ids()) == set(doc.node_ids())
