"""Small icons of the palette's entries, drawn like the blocks they add: the block's outline
for flow blocks, the kind's coloured disc and letter for task types."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from noc_desktop.canvas.items import colors
from noc_desktop.canvas.items.fonts import font
from noc_desktop.canvas.items.shapes import outline
from noc_desktop.canvas.looks import SHAPES, kind_letter

SIZE = 18


@cache
def entry_icon(block_type: str, kind: str = "") -> QIcon:
    """The icon of a flow block type, or of a task of ``kind``."""
    pixmap = QPixmap(SIZE * 2, SIZE * 2)  # drawn at twice the size: sharp on HiDPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if block_type == "task":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.kind_color(kind))
        painter.drawEllipse(QRectF(1, 1, SIZE - 2, SIZE - 2))
        painter.setPen(QColor("white"))
        painter.setFont(font(11, True))
        painter.drawText(QRectF(0, 0, SIZE, SIZE), Qt.AlignmentFlag.AlignCenter,
                         kind_letter(kind))
    else:
        shape = SHAPES.get(block_type, "task")
        wide = shape != "decision"
        path = outline(shape, QSizeF(SIZE - 2, (SIZE - 2) * (0.6 if wide else 0.9)))
        painter.translate(QPointF(SIZE / 2, SIZE / 2))
        painter.setPen(QPen(colors.INK, 1.4))
        painter.setBrush(colors.BLOCK_FILL)
        painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)
