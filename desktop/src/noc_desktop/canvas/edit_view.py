"""``EditorView``: the flowchart view for editing. It turns mouse gestures into id-based
signals and never changes the document itself (the controller does): drag blocks and notes
(one ``items_moved`` per drag), rubber-band and Ctrl+click selection, drag from a block's
handle (or Shift+drag a block) to another to connect, drag a selected edge's end to another
block to reconnect, resize a note by its corner, drop palette entries, pan with the middle
button, and context menus asked for by what is under the mouse.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsView, QWidget

from noc_desktop.canvas.items import colors
from noc_desktop.canvas.items.block import BlockItem
from noc_desktop.canvas.items.edge import EdgeItem
from noc_desktop.canvas.items.note import NoteItem
from noc_desktop.canvas.view import FlowchartView

#: The drag-and-drop format of a palette entry: JSON ``{"type": ..., "task": ...}``.
BLOCK_MIME = "application/x-noc-block"


class EditorView(FlowchartView):
    """Gestures in, intents out (see the module docstring); ``cursor_scene_pos`` is where a
    keyboard insert or a paste lands."""

    connect_requested = Signal(str, str)  # source, target
    #: an edge's end was dropped on a block: source, target, kind, "source"|"target", node id
    edge_end_dropped = Signal(str, str, str, str, str)
    #: one drag ended: {node id: (x, y) centre}, {note id: (x, y) top-left}
    items_moved = Signal(dict, dict)
    note_resized = Signal(str, float, float, float, float)  # id, x, y, width, height
    block_dropped = Signal(str, str, QPointF)  # block type, task type ("" if none), where
    edge_menu_requested = Signal(str, str, str, QPoint)  # source, target, kind, global pos
    block_menu_requested = Signal(str, QPoint)
    note_menu_requested = Signal(str, QPoint)
    canvas_menu_requested = Signal(QPointF, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, shortcuts=False)
        self.flow_scene.editable = True
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self._cursor: QPointF | None = None
        self._gesture = ""  # "", connect, reconnect, resize, pan
        self._source: BlockItem | None = None
        self._edge: EdgeItem | None = None
        self._end = ""
        self._note: NoteItem | None = None
        self._pan_from = QPoint()
        self._before: dict[QGraphicsItem, QPointF] = {}
        self._ghost = QGraphicsPathItem()
        pen = QPen(colors.SELECTED, 2, Qt.PenStyle.DashLine)
        self._ghost.setPen(pen)
        self._ghost.setZValue(20)

    def cursor_scene_pos(self) -> QPointF:
        """The mouse's place on the canvas when it is over the view, else the view's centre."""
        if self._cursor is not None and self.viewport().underMouse():
            return self._cursor
        return self.mapToScene(self.viewport().rect().center())

    def _top(self, pos: QPoint, kinds: tuple[type, ...]) -> QGraphicsItem | None:
        return next((item for item in self.items(pos) if isinstance(item, kinds)), None)

    def block_at(self, pos: QPoint) -> BlockItem | None:
        item = self._top(pos, (BlockItem,))
        return item if isinstance(item, BlockItem) else None

    def _handle_at(self, pos: QPoint, at: QPointF) -> BlockItem | None:
        """The block whose connect handle is under the mouse (it sticks out of the block)."""
        near = self.items(QRect(pos - QPoint(10, 10), QSize(20, 20)))
        return next((item for item in near if isinstance(item, BlockItem)
                     and item.on_handle(at)), None)

    # ---- mouse -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        at = self.mapToScene(event.position().toPoint())
        if event.button() == Qt.MouseButton.MiddleButton:
            self._gesture, self._pan_from = "pan", event.position().toPoint()
            return
        if event.button() == Qt.MouseButton.LeftButton and self._start_gesture(event, at):
            event.accept()
            return
        super().mousePressEvent(event)
        self._before = {item: item.pos() for item in self.flow_scene.selectedItems()
                        if isinstance(item, BlockItem | NoteItem)}

    def _start_gesture(self, event: QMouseEvent, at: QPointF) -> bool:
        if not self.flow_scene.editable:  # read-only: selecting and panning only
            return False
        item = self._top(event.position().toPoint(), (BlockItem, EdgeItem, NoteItem))
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        selected_edges = [e for e in self.flow_scene.selectedItems() if isinstance(e, EdgeItem)]
        edge = next((e for e in selected_edges if e.end_at(at)), None)
        if edge is not None:
            self._gesture, self._edge, self._end = "reconnect", edge, edge.end_at(at) or ""
        elif (handle := self._handle_at(event.position().toPoint(), at)) is not None:
            self._gesture, self._source = "connect", handle
        elif isinstance(item, BlockItem) and shift:
            self._gesture, self._source = "connect", item
        elif isinstance(item, NoteItem) and item.on_grip(at):
            self._gesture, self._note = "resize", item
        else:
            return False
        self._ghost.setPath(QPainterPath())
        self.flow_scene.addItem(self._ghost)
        return True

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        at = self.mapToScene(event.position().toPoint())
        self._cursor = at
        if self._gesture == "pan":
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
        elif self._gesture in ("connect", "reconnect"):
            path = QPainterPath(self._anchor())
            path.lineTo(at)
            self._ghost.setPath(path)
        elif self._gesture == "resize" and self._note is not None:
            path = QPainterPath()
            path.addRect(QRectF(self._note.pos(), at).normalized())
            self._ghost.setPath(path)
        else:
            super().mouseMoveEvent(event)

    def _anchor(self) -> QPointF:
        if self._gesture == "connect" and self._source is not None:
            return self._source.handle_centre()
        if self._edge is None:
            return QPointF()
        # the end that stays where it is
        return self._edge.path.pointAtPercent(0.0) if self._end == "target" else self._edge.tip

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        gesture, self._gesture = self._gesture, ""
        if not gesture:
            super().mouseReleaseEvent(event)
            self._report_moves()
            return
        if self._ghost.scene() is not None:
            self.flow_scene.removeItem(self._ghost)
        at = self.mapToScene(event.position().toPoint())
        target = self.block_at(event.position().toPoint())
        if gesture == "connect" and self._source is not None and target is not None:
            self.connect_requested.emit(self._source.node_id, target.node_id)
        elif gesture == "reconnect" and self._edge is not None and target is not None:
            edge = self._edge
            self.edge_end_dropped.emit(edge.source.node_id, edge.target.node_id, edge.kind,
                                       self._end, target.node_id)
        elif gesture == "resize" and self._note is not None:
            corner = self._note.pos()
            self.note_resized.emit(self._note.note_id, corner.x(), corner.y(),
                                   max(40.0, at.x() - corner.x()), max(30.0, at.y() - corner.y()))
        self._source, self._edge, self._note = None, None, None
        event.accept()

    def _report_moves(self) -> None:
        blocks: dict[str, tuple[float, float]] = {}
        notes: dict[str, tuple[float, float]] = {}
        for item, before in self._before.items():
            if item.scene() is None or item.pos() == before:
                continue
            if isinstance(item, BlockItem):
                blocks[item.node_id] = (item.x(), item.y())
            elif isinstance(item, NoteItem):
                notes[item.note_id] = (item.x(), item.y())
        self._before = {}
        if blocks or notes:
            self.items_moved.emit(blocks, notes)

    # ---- dropping palette entries, menus ---------------------------------------------------
    def _takes(self, event: QDropEvent) -> bool:
        return self.flow_scene.editable and event.mimeData().hasFormat(BLOCK_MIME)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        event.setAccepted(self._takes(event))

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.setAccepted(self._takes(event))

    def dropEvent(self, event: QDropEvent) -> None:
        if not self._takes(event):
            event.ignore()
            return
        entry = json.loads(bytes(event.mimeData().data(BLOCK_MIME).data()).decode())
        at = self.mapToScene(event.position().toPoint())
        event.acceptProposedAction()
        self.block_dropped.emit(str(entry["type"]), str(entry.get("task") or ""), at)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self._top(event.pos(), (BlockItem, EdgeItem, NoteItem))
        if isinstance(item, NoteItem):
            self.note_menu_requested.emit(item.note_id, event.globalPos())
        elif isinstance(item, EdgeItem):
            self.edge_menu_requested.emit(item.source.node_id, item.target.node_id, item.kind,
                                          event.globalPos())
        elif isinstance(item, BlockItem):
            self.block_menu_requested.emit(item.node_id, event.globalPos())
        else:
            self.canvas_menu_requested.emit(self.mapToScene(event.pos()), event.globalPos())
        event.accept()
