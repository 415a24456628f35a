"""What the editor draws over a block: the diff halo and its tag, the problem outline and
warning sign, and the connect handle (pure painting, so ``block.py`` stays about the block)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from noc_desktop.canvas.items import colors
from noc_desktop.canvas.items.fonts import font

HALO = 5.0
TAG_HEIGHT = 16.0
HANDLE_R = 6.0


def halo(painter: QPainter, outline: QPainterPath, color: QColor) -> None:
    """A soft wide band round the outline in ``color``."""
    pen = QPen(QColor(color.red(), color.green(), color.blue(), 110), HALO * 2)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(outline)


def tag(painter: QPainter, centre: QPointF, text: str, color: QColor) -> None:
    """A small filled pill with white text, centred on ``centre``."""
    painter.setFont(font(10, True))
    width = QFontMetricsF(font(10, True)).horizontalAdvance(text) + 12
    rect = QRectF(centre.x() - width / 2, centre.y() - TAG_HEIGHT / 2, width, TAG_HEIGHT)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(rect, TAG_HEIGHT / 2, TAG_HEIGHT / 2)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def warning(painter: QPainter, centre: QPointF, r: float = 9.0) -> None:
    """A red triangle with a white bar: this block has problems (never colour alone)."""
    triangle = QPolygonF([QPointF(centre.x(), centre.y() - r),
                          QPointF(centre.x() + r, centre.y() + r * 0.8),
                          QPointF(centre.x() - r, centre.y() + r * 0.8)])
    painter.setPen(QPen(QColor("white"), 1.2))
    painter.setBrush(colors.PROBLEM)
    painter.drawPolygon(triangle)
    painter.setPen(QPen(QColor("white"), 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(centre.x(), centre.y() - r * 0.4),
                     QPointF(centre.x(), centre.y() + r * 0.2))
    painter.drawPoint(QPointF(centre.x(), centre.y() + r * 0.5))


def handle(painter: QPainter, centre: QPointF) -> None:
    """The connect handle: drag from it to another block to add an edge."""
    painter.setPen(QPen(QColor("white"), 1.5))
    painter.setBrush(colors.HANDLE)
    painter.drawEllipse(centre, HANDLE_R, HANDLE_R)
    painter.setPen(QPen(QColor("white"), 1.6))
    painter.drawLine(QPointF(centre.x() - 3, centre.y()), QPointF(centre.x() + 3, centre.y()))
    painter.drawLine(QPointF(centre.x(), centre.y() - 3), QPointF(centre.x(), centre.y() + 3))


def start_pill(painter: QPainter, pill: QRectF, height: float, text: str) -> None:
    """The start badge above a block of ``height``: a dark pill and an arrow into the block."""
    h = height
    painter.setPen(QPen(colors.START, 1.6))
    painter.drawLine(QPointF(0, pill.bottom()), QPointF(0, -h / 2 - 4))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colors.START)
    painter.drawPolygon([QPointF(-4, -h / 2 - 6), QPointF(4, -h / 2 - 6), QPointF(0, -h / 2)])
    painter.drawRoundedRect(pill, 8, 8)
    painter.setPen(QColor("white"))
    painter.setFont(font(11))
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)


def badge(painter: QPainter, centre: QPointF, text: str, radius: float) -> None:
    """The count of hosts on a block: a round badge on its outline."""
    painter.setFont(font(11))
    width = max(2 * radius, QFontMetricsF(font(11)).horizontalAdvance(text) + 10)
    rect = QRectF(centre.x() - width / 2, centre.y() - radius, width, 2 * radius)
    painter.setPen(QPen(QColor("white"), 1.5))
    painter.setBrush(colors.BADGE)
    painter.drawRoundedRect(rect, radius, radius)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
