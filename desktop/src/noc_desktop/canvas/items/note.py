"""A sticky note: coloured paper with text under the blocks, moved by dragging, resized by its
corner grip, its text edited in place (double-click; leaving the text commits it).

A pure view like the blocks: it is told what to show (``noc_contracts.Note``) and reports the
user's text through ``on_text_edited(note_id, text)``, set by the scene.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QGraphicsTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from noc_contracts import Note
from noc_desktop.canvas.items import colors
from noc_desktop.canvas.items.fonts import font

PAD = 8.0
GRIP = 14.0


class NoteText(QGraphicsTextItem):
    """The note's text; editable only while the user edits it."""

    def __init__(self, parent: NoteItem) -> None:
        super().__init__(parent)
        self.note_item = parent
        self.setFont(font(12))
        self.setDefaultTextColor(colors.INK)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.note_item.finish_editing()


class NoteItem(QGraphicsItem):
    """A note with its top-left corner at its position."""

    def __init__(self, note: Note) -> None:
        super().__init__()
        self.note = note
        self.text_item = NoteText(self)
        self.text_item.setPos(PAD, PAD)
        self.on_text_edited: Callable[[str, str], None] | None = None
        self.editable = True
        self.setZValue(-2)
        for flag in (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable,
                     QGraphicsItem.GraphicsItemFlag.ItemIsMovable):
            self.setFlag(flag)
        self.set_note(note)

    @property
    def note_id(self) -> str:
        return self.note.id

    def set_note(self, note: Note) -> None:
        self.prepareGeometryChange()
        self.note = note
        self.setPos(note.x, note.y)
        self.text_item.setTextWidth(max(10.0, note.width - 2 * PAD))
        if not self.editing() and self.text_item.toPlainText() != note.text:
            self.text_item.setPlainText(note.text)
        self.update()

    def size(self) -> tuple[float, float]:
        return self.note.width, self.note.height

    def on_grip(self, scene_point: QPointF) -> bool:
        """Whether ``scene_point`` is on the resize grip (the bottom-right corner)."""
        local = self.mapFromScene(scene_point)
        w, h = self.size()
        return w - GRIP <= local.x() <= w and h - GRIP <= local.y() <= h

    # ---- editing the text ----------------------------------------------------------------
    def editing(self) -> bool:
        return bool(self.text_item.textInteractionFlags()
                    & Qt.TextInteractionFlag.TextEditorInteraction)

    def set_editable(self, editable: bool) -> None:
        """Movable and its text editable (the editor); otherwise read-only."""
        self.editable = editable
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, editable)

    def start_editing(self) -> None:
        if not self.editable:
            return
        self.text_item.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.text_item.setFocus(Qt.FocusReason.MouseFocusReason)
        cursor = self.text_item.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.text_item.setTextCursor(cursor)

    def finish_editing(self) -> None:
        if not self.editing():
            return
        self.text_item.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        text = self.text_item.toPlainText()
        if text != self.note.text and self.on_text_edited is not None:
            self.on_text_edited(self.note.id, text)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.start_editing()
        event.accept()

    # ---- drawing -------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        w, h = self.size()
        return QRectF(-2, -2, w + 4, h + 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        w, h = self.size()
        paper = QColor(self.note.color)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colors.SELECTED if self.isSelected() else paper.darker(125),
                            2.0 if self.isSelected() else 1.0))
        painter.setBrush(paper)
        painter.drawRoundedRect(QRectF(0, 0, w, h), 4, 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(paper.darker(115))
        painter.drawPolygon(QPolygonF([QPointF(w, h - GRIP), QPointF(w, h),
                                       QPointF(w - GRIP, h)]))

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if (change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged
                and not value and self.editing()):
            self.finish_editing()
        return super().itemChange(change, value)
