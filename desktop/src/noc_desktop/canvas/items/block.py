"""One flowchart block: its outline per node type, its text, its run state and host count.

A pure view: it is told what to show (``BlockLook``, ``BlockState``) and never reads the
document. It sends geometry changes so its edges follow it when it moves (the editor's drag).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from noc_desktop.canvas.items import colors, glyphs, marks, routing
from noc_desktop.canvas.items.fonts import font
from noc_desktop.canvas.items.shapes import SIZES, outline
from noc_desktop.canvas.states import IDLE, BlockState

if TYPE_CHECKING:
    from noc_desktop.canvas.items.edge import EdgeItem

BADGE_R = 10.0
START_PILL = QRectF(-28, 0, 56, 17)  # moved above the block


@dataclass(frozen=True)
class BlockLook:
    """What a block shows: ``shape`` picks the outline, ``mark`` the glyph or kind letter."""

    node_id: str
    shape: str  # terminal | task | decision | loop | wait
    title: str
    subtitle: str = ""
    tooltip: str = ""
    accent: QColor | None = None  # task kind band, end result border
    mark: str = ""  # a task's kind letter; "loop", "wait", "end-success", "end-failure"
    start_text: str = ""  # the start badge's text; empty: not the start


class BlockItem(QGraphicsItem):
    """A block centred on its position; ``edges`` are the edge items attached to it."""

    def __init__(self, look: BlockLook, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.size = SIZES[look.shape]
        self.outline = outline(look.shape, self.size)
        self.edges: list[EdgeItem] = []
        w, h = self.size.width(), self.size.height()
        # the badge and the status glyph sit on the outline, up and down its right side
        self.extent = (0.0, 0.0, 0.0, 0.0)  # the outline's (left, top, right, bottom) in scene
        self._update_extent()
        self.badge_at = routing.boundary(self.outline, QPointF(0, 0), QPointF(w, -h))
        self.glyph_at = routing.boundary(self.outline, QPointF(0, 0), QPointF(w, h))
        self.state: BlockState = IDLE
        #: the editor's marks: problems found (messages), a diff mark and its tag's text
        self.problems: tuple[str, ...] = ()
        self.mark: str | None = None
        self.mark_text = ""
        self.editable = False
        self.hovered = False
        #: edges re-route as the block moves (off while many blocks move at once)
        self.edges_follow = True
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setToolTip(look.tooltip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    @property
    def node_id(self) -> str:
        return self.look.node_id

    # ---- the editor's part -------------------------------------------------------------------
    def set_look(self, look: BlockLook) -> None:
        """Show new text or facts (same shape: a block never changes type)."""
        self.prepareGeometryChange()
        self.look = look
        self._update_tooltip()
        self.update()

    def set_editable(self, editable: bool) -> None:
        """Movable, with a connect handle on hover (the editor); otherwise read-only."""
        self.editable = editable
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, editable)
        self.setAcceptHoverEvents(editable)

    def set_problems(self, messages: tuple[str, ...]) -> None:
        """Mark the block at fault (red outline, a warning sign, the messages as its tooltip)."""
        if messages != self.problems:
            self.problems = messages
            self._update_tooltip()
            self.update()

    def set_mark(self, mark: str | None, text: str = "") -> None:
        """A diff mark (``added``, ``removed``, ``changed``) drawn as a halo and a tag."""
        self.mark, self.mark_text = mark, text
        self.update()

    def handle_centre(self) -> QPointF:
        """The connect handle's centre, in scene coordinates (under the block)."""
        return self.mapToScene(QPointF(0, self.size.height() / 2))

    def on_handle(self, scene_point: QPointF) -> bool:
        delta = scene_point - self.handle_centre()
        return self.editable and (delta.x() ** 2 + delta.y() ** 2) <= (marks.HANDLE_R + 4) ** 2

    def _update_tooltip(self) -> None:
        lines = [self.look.tooltip, *(f"\u26a0 {message}" for message in self.problems)]
        self.setToolTip("\n".join(line for line in lines if line))

    def hoverEnterEvent(self, event: Any) -> None:
        self.hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: Any) -> None:
        self.hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    def set_state(self, state: BlockState) -> None:
        if state != self.state:
            self.state = state
            self.update()

    def scene_outline(self) -> QPainterPath:
        """The outline in scene coordinates: where arrows stop."""
        return self.mapToScene(self.outline)

    def boundingRect(self) -> QRectF:
        top = 34.0 if self.look.start_text else BADGE_R + 4
        return self.outline.boundingRect().adjusted(-BADGE_R - 4, -top, BADGE_R + 4,
                                                    BADGE_R + 4)

    def shape(self) -> QPainterPath:
        return self.outline

    def _update_extent(self) -> None:
        pos, w, h = self.scenePos(), self.size.width() / 2, self.size.height() / 2
        self.extent = (pos.x() - w, pos.y() - h, pos.x() + w, pos.y() + h)

    def meets(self, left: float, top: float, right: float, bottom: float) -> bool:
        """Whether the outline's box meets the box given (cheap, for routing)."""
        x0, y0, x1, y1 = self.extent
        return x0 <= right and left <= x1 and y0 <= bottom and top <= y1

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._update_extent()
            if self.edges_follow:
                for edge in self.edges:
                    edge.adjust()
        return super().itemChange(change, value)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill, border = colors.STATUS_COLORS[self.state.status]
        if self.state.status == "idle" and self.look.shape == "terminal" and self.look.accent:
            border = self.look.accent
        if self.mark in colors.MARK_COLORS:
            marks.halo(painter, self.outline, colors.MARK_COLORS[self.mark])
        if self.problems:
            border = colors.PROBLEM
        active = (self.state.status in ("running", "failed") or self.isSelected()
                  or bool(self.problems))
        pen = QPen(colors.SELECTED if self.isSelected() else border, 2.6 if active else 1.6)
        if self.state.status == "cancelled":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawPath(self.outline)
        self._paint_mark(painter)
        self._paint_text(painter)
        if self.look.start_text:
            marks.start_pill(painter, START_PILL.translated(0, -self.size.height() / 2 - 32),
                             self.size.height(), self.look.start_text)
        glyphs.status_glyph(painter, self.state.status, self.glyph_at, 9)
        if self.state.hosts_here > 0:
            marks.badge(painter, self.badge_at, str(self.state.hosts_here), BADGE_R)
        w, h = self.size.width(), self.size.height()
        if self.problems:
            marks.warning(painter, self.badge_at if self.state.hosts_here == 0
                          else QPointF(-w / 2, -h / 2))
        if self.mark in colors.MARK_COLORS and self.mark_text:
            marks.tag(painter, QPointF(-w / 2 + 30, -h / 2), self.mark_text,
                      colors.MARK_COLORS[self.mark])
        if self.editable and (self.hovered or self.isSelected()):
            marks.handle(painter, QPointF(0, h / 2))

    def _text_left(self) -> float:
        """Where the text column starts, after the block's mark."""
        w, h = self.size.width(), self.size.height()
        shape = self.look.shape
        if shape == "task":
            return -w / 2 + 40
        if shape == "loop":
            return -w / 2 + h * 0.4 + 30
        if shape in ("wait", "terminal"):
            return -w / 2 + 36
        return -w / 2 + w * 0.22  # decision: inside the diamond's middle

    def _paint_mark(self, painter: QPainter) -> None:
        w, h = self.size.width(), self.size.height()
        look = self.look
        if look.shape == "task":
            painter.save()
            painter.setClipPath(self.outline)
            painter.fillRect(QRectF(-w / 2, -h / 2, 6, h), look.accent or colors.UNKNOWN_KIND)
            painter.restore()
            centre = QPointF(-w / 2 + 22, 0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.accent or colors.UNKNOWN_KIND)
            painter.drawEllipse(centre, 10, 10)
            painter.setPen(QColor("white"))
            painter.setFont(font(13, True))
            painter.drawText(QRectF(centre.x() - 10, -10, 20, 20),
                             Qt.AlignmentFlag.AlignCenter, look.mark)
        elif look.mark == "loop":
            glyphs.loop_arrow(painter, QPointF(-w / 2 + h * 0.4 + 12, 0), 8, colors.INK)
        elif look.mark == "wait":
            glyphs.hourglass(painter, QPointF(-w / 2 + 18, 0), 9, colors.INK)
        elif look.mark == "end-success":
            glyphs.check_mark(painter, QPointF(-w / 2 + 22, 0), 10, colors.END_COLORS["success"])
        elif look.mark == "end-failure":
            glyphs.cross(painter, QPointF(-w / 2 + 22, 0), 10, colors.END_COLORS["failure"])

    def _paint_text(self, painter: QPainter) -> None:
        w, h = self.size.width(), self.size.height()
        left = self._text_left()
        right = w / 2 - (w * 0.22 if self.look.shape == "decision" else 14)
        if self.look.shape == "terminal":
            right = w / 2 - h / 3
        width = right - left
        align = (Qt.AlignmentFlag.AlignCenter if self.look.shape == "decision"
                 else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        lines = [(font(13, True), colors.INK, self.look.title)]
        if self.look.subtitle:
            lines.append((font(11), colors.MUTED_INK, self.look.subtitle))
        heights = [QFontMetricsF(face).height() for face, _, _ in lines]
        y = -sum(heights) / 2
        for (face, color, text), height in zip(lines, heights, strict=True):
            metrics = QFontMetricsF(face)
            painter.setFont(face)
            painter.setPen(color)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRectF(left, y, width, height), align, shown)
            y += height

    def badge_text(self) -> str:
        """The host count badge's text, empty when hidden (for tests and accessibility)."""
        return str(self.state.hosts_here) if self.state.hosts_here > 0 else ""
