"""One edge: a curve from its source block down to its target, the arrowhead clipped to the
target's outline, its kind as a coloured label; back edges go round the side.

Edges are drawn under the blocks; their labels are separate items drawn above everything so
no block hides them. ``adjust()`` recomputes the geometry from the blocks' positions (a block
calls it when it moves).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from noc_desktop.canvas.items import colors, routing
from noc_desktop.canvas.items.block import BlockItem
from noc_desktop.canvas.items.label import EdgeLabel

ARROW_LENGTH = 11.0
ARROW_HALF_WIDTH = 5.0
LANE_GAP = 26.0
CORNER = 12.0
PORT_SPACING = 22.0


class EdgeItem(QGraphicsItem):
    """An edge between two block items, positioned at the scene origin."""

    def __init__(self, source: BlockItem, target: BlockItem, kind: str, label: str) -> None:
        super().__init__()
        self.source = source
        self.target = target
        self.kind = kind
        self.color = colors.edge_color(kind)
        self.label = EdgeLabel(label, self.color)
        self.path = QPainterPath()
        self.tip = QPointF()
        self.arrow = QPolygonF()
        self.steps: tuple[int, ...] = ()
        #: the blocks edges are routed around (the scene shares one list with every edge)
        self.obstacles: list[BlockItem] = []
        self.setZValue(-1)
        source.edges.append(self)
        target.edges.append(self)

    def set_editable(self, editable: bool) -> None:
        """Selectable (to delete it, change its kind or drag an end elsewhere) in the editor."""
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, editable)

    def detach(self) -> None:
        """Forget the blocks (the edge is being removed from the scene)."""
        for block in (self.source, self.target):
            if self in block.edges:
                block.edges.remove(self)

    def end_at(self, scene_point: QPointF, reach: float = 10.0) -> str | None:
        """``"target"`` or ``"source"`` when ``scene_point`` is on that end of the line."""
        for end, point in (("target", self.tip), ("source", self.path.pointAtPercent(0.0))):
            delta = scene_point - point
            if delta.x() ** 2 + delta.y() ** 2 <= reach ** 2:
                return end
        return None

    @property
    def walked(self) -> bool:
        return bool(self.steps)

    def set_steps(self, steps: Sequence[int]) -> None:
        """The positions (1-based) of this edge on the selected host's path; empty: none."""
        self.steps = tuple(steps)
        self.label.set_steps(self.steps)
        self.update()

    def is_back(self) -> bool:
        """Whether the target is not below the source: then the edge goes round the side."""
        return (self.source is self.target
                or self.target.scenePos().y() - self.target.size.height() / 2
                < self.source.scenePos().y() + self.source.size.height() / 2 + 8)

    def adjust(self) -> None:
        """Route again from the blocks' current positions."""
        self.prepareGeometryChange()
        source_outline = self.source.scene_outline()
        target_outline = self.target.scene_outline()
        if self.is_back():
            self.path, direction, label_at = self._side_route(source_outline, target_outline)
        else:
            self.path, direction, label_at = self._forward_route(source_outline,
                                                                 target_outline)
        self.tip = self.path.currentPosition()
        back = self.tip - direction * ARROW_LENGTH
        side = QPointF(-direction.y(), direction.x()) * ARROW_HALF_WIDTH
        self.arrow = QPolygonF([self.tip, back + side, back - side, self.tip])
        self.label.setPos(label_at)
        self._place_label()
        self.update()

    def _forward_route(self, source: QPainterPath, target: QPainterPath
                       ) -> tuple[QPainterPath, QPointF, QPointF]:
        a = self.source.scenePos() + QPointF(self._port(self.source, outgoing=True), 0)
        b = self.target.scenePos() + QPointF(self._port(self.target, outgoing=False), 0)
        bend = max((b.y() - a.y()) * 0.5, 30.0)
        curve = routing.clipped_curve((a, a + QPointF(0, bend), b - QPointF(0, bend), b),
                                      source, target)
        path = QPainterPath(curve[0])
        path.cubicTo(curve[1], curve[2], curve[3])
        if not self._blocked(path):
            return path, routing.unit(routing.bezier_tangent(curve, 1.0)), path.pointAtPercent(0.5)
        # a block is in the way: down out of the source, along a free lane, down into the target
        start = routing.boundary(source, a, a + QPointF(0, 10_000))
        end = routing.boundary(target, b, b - QPointF(0, 10_000))
        gap = min(LANE_GAP, (end.y() - start.y()) / 3)
        y1, y2 = start.y() + gap, end.y() - gap
        lane = self._free_lane((a.x() + b.x()) / 2, y1, y2)
        path = routing.rounded_polyline([start, QPointF(start.x(), y1), QPointF(lane, y1),
                                         QPointF(lane, y2), QPointF(end.x(), y2), end], CORNER)
        return path, QPointF(0, 1), QPointF(lane, (y1 + y2) / 2)

    def _port(self, block: BlockItem, *, outgoing: bool) -> float:
        """Where along the block's width this edge leaves or enters it: edges sharing a side
        spread out in the order of their other ends, so they stay apart."""
        if outgoing:
            group = sorted((e for e in block.edges if e.source is block and not e.is_back()),
                           key=lambda e: (e.target.scenePos().x(), e.kind))
        else:
            group = sorted((e for e in block.edges if e.target is block and not e.is_back()),
                           key=lambda e: (e.source.scenePos().x(), e.kind))
        if len(group) < 2 or self not in group:
            return 0.0
        spacing = min(PORT_SPACING, block.size.width() * 0.5 / (len(group) - 1))
        return (group.index(self) - (len(group) - 1) / 2) * spacing

    def _blockers(self, area: QPainterPath) -> list[BlockItem]:
        """The blocks other than this edge's own ends that ``area`` (scene) touches."""
        box = area.boundingRect()
        left, top, right, bottom = box.left(), box.top(), box.right(), box.bottom()
        return [block for block in self.obstacles
                if block.meets(left, top, right, bottom) and block is not self.source
                and block is not self.target and block.scene_outline().intersects(area)]

    def _blocked(self, path: QPainterPath) -> bool:
        stroker = QPainterPathStroker()
        stroker.setWidth(6)
        return bool(self._blockers(stroker.createStroke(path)))

    def _side_route(self, source: QPainterPath, target: QPainterPath
                    ) -> tuple[QPainterPath, QPointF, QPointF]:
        """Out of the source's right side, up a free lane, into the target's right side; a
        side with a block beside it is left from below or entered from above instead."""
        a, b = self.source.scenePos(), self.target.scenePos()
        if self.source is self.target:
            dy = self.source.size.height() / 5
            a, b = a + QPointF(0, dy), b - QPointF(0, dy)
        below = self.source.extent[3] + LANE_GAP
        above = self.target.extent[1] - LANE_GAP
        lane = self._free_lane(max(self.source.extent[2], self.target.extent[2]) + LANE_GAP,
                               above, below, rightwards_only=True)
        if self._clear_run(a.x(), lane, a.y()):
            head = [routing.boundary(source, a, QPointF(lane, a.y())), QPointF(lane, a.y())]
        else:
            start = routing.boundary(source, a, a + QPointF(0, 10_000))
            head = [start, QPointF(start.x(), below), QPointF(lane, below)]
        if self._clear_run(lane, b.x(), b.y()):
            tail = [QPointF(lane, b.y()), routing.boundary(target, b, QPointF(lane, b.y()))]
            direction = QPointF(-1, 0)
        else:
            end = routing.boundary(target, b, b - QPointF(0, 10_000))
            tail = [QPointF(lane, above), QPointF(end.x(), above), end]
            direction = QPointF(0, 1)
        path = routing.rounded_polyline(head + tail, CORNER)
        return path, direction, QPointF(lane, (head[-1].y() + tail[0].y()) / 2)

    def _clear_run(self, x0: float, x1: float, y: float) -> bool:
        """Whether a horizontal run at ``y`` between x0 and x1 meets no other block."""
        band = QPainterPath()
        band.addRect(QRectF(min(x0, x1), y - 3, abs(x1 - x0), 6))
        return not self._blockers(band)

    def _free_lane(self, x: float, y0: float, y1: float, *,
                   rightwards_only: bool = False) -> float:
        """The x nearest ``x`` (or right of it) where a run from y0 to y1 meets no block."""
        top, bottom = min(y0, y1), max(y0, y1)
        best: float | None = None
        for direction in (1,) if rightwards_only else (1, -1):
            lane = x
            for _ in range(50):
                band = QPainterPath()
                band.addRect(QRectF(lane - LANE_GAP / 2, top, LANE_GAP, bottom - top))
                blockers = [b.extent for b in self._blockers(band)]
                if not blockers:
                    break
                lane = (max(r[2] for r in blockers) + LANE_GAP if direction > 0
                        else min(r[0] for r in blockers) - LANE_GAP)
            if best is None or abs(lane - x) < abs(best - x):
                best = lane
        return x if best is None else best

    def _place_label(self) -> None:
        """On the path, at the middle if free, else the nearest free spot along it."""
        half = self.label.boundingRect()
        for percent in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88):
            at = self.path.pointAtPercent(percent)
            area = QPainterPath()
            area.addRect(half.translated(at))
            if not self._blockers(area):
                self.label.setPos(at)
                return

    def boundingRect(self) -> QRectF:
        return self.path.boundingRect().united(self.arrow.boundingRect()).adjusted(-8, -8, 8, 8)

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(self.path)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.isSelected():
            glow = QPen(QColor(colors.SELECTED.red(), colors.SELECTED.green(),
                               colors.SELECTED.blue(), 90), 8)
            glow.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(glow)
            painter.drawPath(self.path)
        if self.walked:
            halo = QPen(colors.PATH_HALO, 9)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo)
            painter.drawPath(self.path)
        line = QPen(self.color, 2.4 if self.walked else 1.6)
        line.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(line)
        painter.drawPath(self.path)
        painter.setPen(QPen(QColor(self.color), 1.0))
        painter.setBrush(self.color)
        painter.drawPolygon(self.arrow)
        if self.isSelected():  # the ends the user can drag to reconnect
            painter.setPen(QPen(QColor("white"), 1.5))
            painter.setBrush(colors.SELECTED)
            for point in (self.path.pointAtPercent(0.0), self.tip):
                painter.drawEllipse(point, 5, 5)
