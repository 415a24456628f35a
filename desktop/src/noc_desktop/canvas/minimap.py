"""``Minimap``: a small overview of the whole flow with the part the view shows outlined; a
click or a drag on it moves the view there. The flow is drawn into a cached picture, redrawn
shortly after the scene changes (only while the minimap is shown; showing it draws it), so
dragging blocks on a big flow stays smooth and a flow that fits the view costs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QFrame, QWidget

from noc_desktop.canvas.items import colors
from noc_desktop.canvas.view import FlowchartView

REDRAW_DELAY_MS = 150


class Minimap(QFrame):
    """The overview of ``view``'s scene; shown only while the flow does not fit the view."""

    def __init__(self, view: FlowchartView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Overview: click or drag to move the view"))
        self._picture = QPixmap()
        self._source = QRectF()
        self._redraw = QTimer(self, singleShot=True, interval=REDRAW_DELAY_MS)
        self._redraw.timeout.connect(self.redraw)
        view.flow_scene.changed.connect(lambda _: self._scene_changed())
        view.flow_scene.sceneRectChanged.connect(lambda _: self._scene_changed())
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.update)
        view.zoom_changed.connect(self.update)

    def visible_rect(self) -> QRectF:
        """The part of the scene the view shows."""
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()

    def needed(self) -> bool:
        items = self.view.flow_scene.items_rect
        return not items.isEmpty() and not self.visible_rect().contains(items)

    def _scene_changed(self) -> None:
        if self.isVisible():  # hidden: drawn when shown
            self._redraw.start()

    def redraw(self) -> None:
        """Draw the flow into the cached picture now."""
        self._source = self.view.flow_scene.items_rect.adjusted(-20, -20, 20, 20)
        self._picture = QPixmap(self.size())
        self._picture.fill(QColor("#f7f9fa"))
        if not self._source.isEmpty():
            painter = QPainter(self._picture)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.view.flow_scene.render(painter, self._target(), self._source)
            painter.end()
        self.update()

    def _target(self) -> QRectF:
        """Where the flow is drawn in the widget: fitted, centred."""
        if self._source.isEmpty():
            return QRectF()
        scale = min(self.width() / self._source.width(), self.height() / self._source.height())
        w, h = self._source.width() * scale, self._source.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def to_widget(self, point: QPointF) -> QPointF:
        target = self._target()
        if target.isEmpty():
            return QPointF()
        scale = target.width() / self._source.width()
        return target.topLeft() + (point - self._source.topLeft()) * scale

    def to_scene(self, point: QPointF) -> QPointF:
        target = self._target()
        if target.isEmpty():
            return QPointF()
        scale = target.width() / self._source.width()
        return self._source.topLeft() + (point - target.topLeft()) / scale

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        shown = self.visible_rect()
        frame = QRectF(self.to_widget(shown.topLeft()), self.to_widget(shown.bottomRight()))
        painter.setPen(QPen(colors.SELECTED, 1.5))
        painter.setBrush(QColor(25, 118, 210, 40))
        painter.drawRect(frame.intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1)))
        painter.end()
        super().paintEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.view.centerOn(self.to_scene(event.position()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.view.centerOn(self.to_scene(event.position()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.redraw()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._redraw.stop()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self.redraw()
