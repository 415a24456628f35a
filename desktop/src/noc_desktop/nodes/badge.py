"""``BadgeDelegate``: a cell's text drawn as a small rounded badge in the colour its model
gives (``DecorationRole``), bold white on that colour, so health reads at a glance."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

PAD_X, PAD_Y, MARGIN = 10, 2, 4

AnyIndex = QModelIndex | QPersistentModelIndex


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class BadgeDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        colour = index.data(Qt.ItemDataRole.DecorationRole)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not isinstance(colour, QColor) or not text:
            super().paint(painter, option, index)
            return
        # the row's own background first (selection, hover), without its text or icon
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        plain.icon = QIcon()
        plain.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, widget)
        font = _bold(option.font)
        metrics = QFontMetrics(font)
        rect = option.rect
        height = min(rect.height() - 4, metrics.height() + 2 * PAD_Y)
        box = QRectF(rect.left() + MARGIN, rect.top() + (rect.height() - height) / 2,
                     metrics.horizontalAdvance(text) + 2 * PAD_X, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(box, height / 2, height / 2)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        base = super().sizeHint(option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = QFontMetrics(_bold(option.font))
        width = metrics.horizontalAdvance(text) + 2 * (PAD_X + MARGIN)
        return QSize(max(base.width(), width), base.height())
