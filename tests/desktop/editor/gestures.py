"""Simulated mouse and keyboard on the editor: palette drops, drags on the canvas's viewport,
connects from a block's handle or with Shift, keys as the user presses them."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from noc_desktop.canvas.edit_view import BLOCK_MIME
from noc_desktop.canvas.editor import FlowchartEditor

NO_MOD = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def on_screen(editor: FlowchartEditor, scene_point: QPointF) -> QPoint:
    return editor.view.mapFromScene(scene_point)


def block_point(editor: FlowchartEditor, node_id: str) -> QPoint:
    return on_screen(editor, editor.scene.blocks[node_id].scenePos())


def drop_block(editor: FlowchartEditor, block_type: str, task: str, at: QPoint) -> None:
    """Drop a palette entry (its real drag data) on the viewport at ``at``."""
    entry = editor.palette_panel
    item = next(i for i in entry.entries(visible_only=False)
                if tuple(i.data(0, Qt.ItemDataRole.UserRole)) == (block_type, task))
    data = entry.tree.mimeData([item])
    assert json.loads(bytes(data.data(BLOCK_MIME).data()).decode())["type"] == block_type
    copied = QMimeData()
    copied.setData(BLOCK_MIME, QByteArray(data.data(BLOCK_MIME)))
    viewport = editor.view.viewport()
    action = Qt.DropAction.CopyAction
    for event in (QDragEnterEvent(at, action, copied, LEFT, NO_MOD),
                  QDragMoveEvent(at, action, copied, LEFT, NO_MOD),
                  QDropEvent(QPointF(at), action, copied, LEFT, NO_MOD)):
        QApplication.sendEvent(viewport, event)
        assert event.isAccepted()


def drag(editor: FlowchartEditor, start: QPoint, end: QPoint, steps: int = 8,
         modifier: Qt.KeyboardModifier = NO_MOD) -> None:
    """Press at ``start``, move in ``steps`` to ``end``, release there."""
    viewport = editor.view.viewport()
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, LEFT, modifier, start)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        QTest.mouseMove(viewport, point)
    QTest.mouseRelease(viewport, LEFT, modifier, end)


def connect(editor: FlowchartEditor, source: str, target: str, *, by_handle: bool) -> None:
    """Drag from ``source``'s handle (or Shift+drag from its middle) onto ``target``."""
    if by_handle:
        start = on_screen(editor, editor.scene.blocks[source].handle_centre() - QPointF(0, 2))
        drag(editor, start, block_point(editor, target))
    else:
        drag(editor, block_point(editor, source), block_point(editor, target),
             modifier=Qt.KeyboardModifier.ShiftModifier)


def click(editor: FlowchartEditor, node_id: str,
          modifier: Qt.KeyboardModifier = NO_MOD) -> None:
    QTest.mouseClick(editor.view.viewport(), LEFT, modifier, block_point(editor, node_id))


def keys(editor: FlowchartEditor, sequence: str) -> None:
    """Press a shortcut such as ``"Ctrl+Z"`` with the canvas focused."""
    editor.view.setFocus()
    QTest.keySequence(editor.view, sequence)
