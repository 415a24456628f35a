"""Flowchart outlines, centred on (0, 0): terminal, process, decision, loop, delay."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QPainterPath, QPolygonF

#: shape name -> default block size (width, height)
SIZES: dict[str, QSizeF] = {
    "terminal": QSizeF(148, 44),
    "task": QSizeF(196, 62),
    "decision": QSizeF(160, 84),
    "loop": QSizeF(184, 60),
    "wait": QSizeF(172, 56),
}


def outline(shape: str, size: QSizeF) -> QPainterPath:
    """The block's outline: what is filled, hit-tested and what arrows stop at."""
    w, h = size.width(), size.height()
    rect = QRectF(-w / 2, -h / 2, w, h)
    path = QPainterPath()
    if shape == "terminal":
        path.addRoundedRect(rect, h / 2, h / 2)
    elif shape == "decision":
        path.addPolygon(QPolygonF([QPointF(0, -h / 2), QPointF(w / 2, 0), QPointF(0, h / 2),
                                   QPointF(-w / 2, 0), QPointF(0, -h / 2)]))
    elif shape == "loop":
        c = h * 0.4
        path.addPolygon(QPolygonF([
            QPointF(-w / 2, 0), QPointF(-w / 2 + c, -h / 2), QPointF(w / 2 - c, -h / 2),
            QPointF(w / 2, 0), QPointF(w / 2 - c, h / 2), QPointF(-w / 2 + c, h / 2),
            QPointF(-w / 2, 0)]))
    elif shape == "wait":
        # the flowchart "delay" symbol: flat on the left, a half round on the right
        r = h / 2
        path.moveTo(-w / 2, -h / 2)
        path.lineTo(w / 2 - r, -h / 2)
        path.arcTo(QRectF(w / 2 - 2 * r, -h / 2, 2 * r, h), 90, -180)
        path.lineTo(-w / 2, h / 2)
        path.closeSubpath()
    else:
        path.addRoundedRect(rect, 6, 6)
    return path
