"""An edge's label: its kind in the edge's colour on a pale plate, above every block; the
selected host's step numbers beside it when the edge is on its path."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from noc_desktop.canvas.items import colors
from noc_desktop.canvas.items.fonts import font

PAD_X = 5.0
HEIGHT = 17.0


class EdgeLabel(QGraphicsItem):
    """Centred on its position (the edge moves it)."""

    def __init__(self, text: str, color: QColor) -> None:
        super().__init__()
        self.text = text
        self.color = color
        self.steps_text = ""
        self._sizes = self._measure()
        self.setZValue(10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_steps(self, steps: Sequence[int]) -> None:
        self.prepareGeometryChange()
        self.steps_text = ", ".join(str(step) for step in steps)
        self._sizes = self._measure()
        self.update()

    def _widths(self) -> tuple[float, float]:
        return self._sizes

    def _measure(self) -> tuple[float, float]:
        metrics = QFontMetricsF(font(11, True))
        text = metrics.horizontalAdvance(self.text) + 2 * PAD_X
        steps = metrics.horizontalAdvance(self.steps_text) + 2 * PAD_X if self.steps_text else 0
        return text, steps

    def boundingRect(self) -> QRectF:
        text, steps = self._widths()
        width = text + steps
        return QRectF(-width / 2, -HEIGHT / 2, width, HEIGHT).adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_w, steps_w = self._widths()
        left = -(text_w + steps_w) / 2
        painter.setFont(font(11, True))
        if steps_w:
            pill = QRectF(left, -HEIGHT / 2, steps_w, HEIGHT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.PATH_HALO.rgb()))
            painter.drawRoundedRect(pill, HEIGHT / 2, HEIGHT / 2)
            painter.setPen(colors.INK)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, self.steps_text)
            left += steps_w
        plate = QRectF(left, -HEIGHT / 2, text_w, HEIGHT)
        painter.setPen(QPen(self.color, 1.0))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(plate, 4, 4)
        painter.setPen(self.color.darker(130))
        painter.drawText(plate, Qt.AlignmentFlag.AlignCenter, self.text)
