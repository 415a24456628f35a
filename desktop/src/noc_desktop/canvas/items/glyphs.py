"""Small glyphs drawn with paths (no font may lack them): run statuses, loop, hourglass."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from noc_desktop.canvas.items.colors import STATUS_COLORS


def _pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def check_mark(painter: QPainter, c: QPointF, r: float, color: QColor) -> None:
    painter.setPen(_pen(color, r * 0.35))
    painter.drawPolyline(QPolygonF([QPointF(c.x() - r * 0.5, c.y()),
                                    QPointF(c.x() - r * 0.1, c.y() + r * 0.4),
                                    QPointF(c.x() + r * 0.55, c.y() - r * 0.45)]))


def cross(painter: QPainter, c: QPointF, r: float, color: QColor) -> None:
    painter.setPen(_pen(color, r * 0.35))
    d = r * 0.42
    painter.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d))
    painter.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d))


def status_glyph(painter: QPainter, status: str, c: QPointF, r: float) -> None:
    """A filled disc in the status colour with its symbol in white; nothing for ``idle``."""
    if status == "idle":
        return
    color = STATUS_COLORS[status][1]
    white = QColor("white")
    painter.setPen(QPen(white, 1.5))
    painter.setBrush(color)
    painter.drawEllipse(c, r, r)
    if status == "success":
        check_mark(painter, c, r, white)
    elif status == "failed":
        cross(painter, c, r, white)
    elif status == "running":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(white)
        painter.drawPolygon(QPolygonF([QPointF(c.x() - r * 0.3, c.y() - r * 0.5),
                                       QPointF(c.x() + r * 0.55, c.y()),
                                       QPointF(c.x() - r * 0.3, c.y() + r * 0.5)]))
    elif status == "visited":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(white)
        painter.drawEllipse(c, r * 0.3, r * 0.3)
    elif status == "cancelled":
        painter.setPen(_pen(white, r * 0.3))
        painter.drawLine(QPointF(c.x() - r * 0.5, c.y()), QPointF(c.x() + r * 0.5, c.y()))


def loop_arrow(painter: QPainter, c: QPointF, r: float, color: QColor) -> None:
    """A circular arrow: the loop block's mark."""
    painter.setPen(_pen(color, 2.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), 100 * 16, 280 * 16)
    tip = QPointF(c.x() - r * 0.17, c.y() - r)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPolygon(QPolygonF([tip + QPointF(-r * 0.55, -r * 0.45),
                                   tip + QPointF(r * 0.35, 0),
                                   tip + QPointF(-r * 0.55, r * 0.45)]))


def hourglass(painter: QPainter, c: QPointF, r: float, color: QColor) -> None:
    """The wait block's mark."""
    w, h = r * 0.8, r
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(c.x() - w, c.y() - h), QPointF(c.x() + w, c.y() - h),
                               QPointF(c.x() - w, c.y() + h), QPointF(c.x() + w, c.y() + h),
                               QPointF(c.x() - w, c.y() - h)]))
    painter.setPen(_pen(color, 1.8))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPolygon(QPolygonF([QPointF(c.x() - w * 0.55, c.y() + h),
                                   QPointF(c.x() + w * 0.55, c.y() + h),
                                   QPointF(c.x(), c.y() + h * 0.35)]))
