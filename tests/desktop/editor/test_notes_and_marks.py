"""Sticky notes on the canvas (add with N, move, resize by the grip, edit the text in place,
colour from the menu, all undoable), problem marks on the block at fault (local checks after an
edit, the server's problems), diff marks for comparing versions, and the minimap."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from noc_contracts import ErrorDetail
from noc_desktop.canvas import menus
from noc_desktop.canvas.editor import FlowchartEditor
from noc_desktop.canvas.minimap import REDRAW_DELAY_MS
from tests.desktop.editor.example import open_example
from tests.desktop.editor.gestures import drag, keys, on_screen


def test_notes_added_moved_resized_edited_and_coloured(editor: FlowchartEditor) -> None:
    doc = open_example(editor)
    QTest.mouseMove(editor.view.viewport(), QPoint(900, 120))
    keys(editor, "N")
    assert doc.note_ids() == ["note"]
    item = editor.scene.notes["note"]
    assert item.isSelected()
    corner = doc.note("note")
    # move by dragging the middle
    middle = on_screen(editor, item.sceneBoundingRect().center())
    drag(editor, middle, middle + QPoint(-70, 70))
    moved = doc.note("note")
    assert abs(moved.x - corner.x + 100) < 2 and abs(moved.y - corner.y - 100) < 2
    # resize by the grip in the bottom-right corner
    grip = on_screen(editor, item.mapToScene(QPointF(moved.width - 4, moved.height - 4)))
    drag(editor, grip, grip + QPoint(70, 35))
    resized = doc.note("note")
    assert resized.width > moved.width + 90 and resized.height > moved.height + 40
    assert (resized.x, resized.y) == (moved.x, moved.y)
    # edit the text in place: double-click, type, click elsewhere
    QTest.mouseDClick(editor.view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, on_screen(editor, item.sceneBoundingRect()
                                                                .center()))
    assert item.editing()
    QTest.keyClicks(editor.view, "Restart nginx")
    assert doc.note("note").text == ""  # committed when the user leaves the text
    item.text_item.clearFocus()
    assert doc.note("note").text == "Restart nginx"
    menu = menus.note_menu(editor, "note")
    next(a for a in menu.actions() if a.objectName() == "colour:#d6ecff").trigger()
    assert doc.note("note").color == "#d6ecff"
    assert editor.undo_stack.count() == 5  # add, move, resize, text, colour
    while editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    assert doc.note_ids() == [] and not editor.scene.notes


def test_local_problems_mark_the_block_at_fault_after_an_edit(editor: FlowchartEditor,
                                                             qtbot: QtBot) -> None:
    open_example(editor)
    blocks = editor.scene.blocks
    assert not any(block.problems for block in blocks.values())
    editor.controller.set_property("up?", "condition", "steps.check.facts.state ==")
    qtbot.waitUntil(lambda: bool(blocks["up?"].problems), timeout=2000)
    assert [n for n, b in blocks.items() if b.problems] == ["up?"]
    assert "condition" in blocks["up?"].toolTip()
    keys(editor, "Ctrl+Z")
    qtbot.waitUntil(lambda: not blocks["up?"].problems, timeout=2000)


def test_server_problems_are_shown_until_the_next_edit(editor: FlowchartEditor,
                                                       qtbot: QtBot) -> None:
    open_example(editor)
    blocks = editor.scene.blocks
    editor.set_problems([ErrorDetail(node="alert", field="params.text", message="too long")])
    assert blocks["alert"].problems == ("params.text: too long",)
    assert "too long" in blocks["alert"].toolTip()
    editor.controller.set_property("pause", "seconds", 5)
    editor.controller.check_now()
    assert not blocks["alert"].problems


def test_diff_marks_are_drawn_and_cleared(editor: FlowchartEditor) -> None:
    open_example(editor)
    scene = editor.scene
    scene.set_block_marks({"check": "changed", "ok": "added"})
    assert (scene.blocks["check"].mark, scene.blocks["ok"].mark) == ("changed", "added")
    assert scene.blocks["ok"].mark_text == "added"
    centre = scene.blocks["ok"].scenePos()
    halo = editor.view.viewport().grab().toImage().pixelColor(
        on_screen(editor, centre + QPointF(0, scene.blocks["ok"].size.height() / 2 + 3)))
    assert halo.green() > halo.red() and halo.green() > halo.blue()  # green halo
    scene.set_block_marks({})
    assert all(block.mark is None for block in scene.blocks.values())


def test_the_minimap_shows_for_a_big_flow_and_moves_the_view(editor: FlowchartEditor,
                                                             qtbot: QtBot) -> None:
    open_example(editor)
    editor.view.fit()
    qtbot.waitUntil(lambda: not editor.minimap.isVisible(), timeout=2000)
    editor.view.set_zoom(2.0)
    qtbot.waitUntil(editor.minimap.isVisible, timeout=2000)
    target = editor.scene.blocks["bad"].scenePos()
    QTest.mouseClick(editor.minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     editor.minimap.to_widget(target).toPoint())
    assert editor.minimap.visible_rect().contains(target)


def test_a_hidden_minimap_draws_nothing_until_it_is_shown(
        editor: FlowchartEditor, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = open_example(editor)
    editor.view.fit()
    qtbot.waitUntil(lambda: not editor.minimap.isVisible(), timeout=2000)
    qtbot.wait(REDRAW_DELAY_MS + 100)  # what the opening scheduled
    renders: list[int] = []
    render = editor.scene.render
    monkeypatch.setattr(editor.scene, "render",
                        lambda *args: (renders.append(1), render(*args))[1])
    for step in range(3):  # edits change the scene while the flow fits the view
        x, y = doc.position("ok") or (0.0, 0.0)
        editor.controller.move({"ok": (x + 10 * step, y)})
    qtbot.wait(REDRAW_DELAY_MS + 100)
    assert renders == []
    editor.view.set_zoom(2.0)
    qtbot.waitUntil(editor.minimap.isVisible, timeout=2000)
    assert renders  # drawn as it shows


def test_an_editor_closed_right_after_a_resize_leaves_no_late_minimap_update(
        qtbot: QtBot) -> None:
    # the resize's deferred minimap update belongs to the editor: deleting the editor before the
    # event loop runs cancels it (a bare timer called into the deleted widget and raised)
    widget = FlowchartEditor(None)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.resize(700, 500)  # the view's resize schedules the update
    shiboken6.delete(widget)
    qtbot.wait(50)  # pytest-qt fails the test on an exception raised in the event loop
