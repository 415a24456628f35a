"""``FlowchartView``: the read-only flowchart viewer: zoom (Ctrl+wheel, +/-, Ctrl+0 fits),
pan by dragging the background or with the scroll bars, a click on a block selects it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QPainter,
    QResizeEvent,
    QShortcut,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from noc_contracts import ProcedureGraph
from noc_desktop.canvas.scene import MARGIN, FlowchartScene
from noc_desktop.canvas.states import BlockState

MIN_SCALE = 0.05
MAX_SCALE = 4.0
#: fit never enlarges past 100%: a small flow stays at its natural, readable size
FIT_MAX_SCALE = 1.0
STEP = 1.2


class FlowchartView(QGraphicsView):
    """Shows a ``FlowchartScene``; forwards its API so pages talk to the view only."""

    #: a block was clicked (its node id)
    block_selected = Signal(str)
    #: the zoom factor changed (1.0 = 100%)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None, *, shortcuts: bool = True) -> None:
        """``shortcuts``: zoom and fit keys of its own (the editor has actions for those)."""
        super().__init__(parent)
        self.flow_scene = FlowchartScene(self)
        self.setScene(self.flow_scene)
        self.flow_scene.block_selected.connect(self.block_selected)
        self._fitted = True  # fit again on resize until the user zooms
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                           (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
                           (QKeySequence("Ctrl+0"), self.fit)) if shortcuts else ():
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # ---- what is shown -----------------------------------------------------------------------
    def set_graph(self, graph: ProcedureGraph,
                  task_kinds: Mapping[str, str] | None = None) -> None:
        self.flow_scene.set_graph(graph, task_kinds)
        self.fit()

    def clear(self) -> None:
        self.flow_scene.clear_items()

    def set_block_states(self, states: Mapping[str, BlockState]) -> None:
        self.flow_scene.set_block_states(states)

    def clear_block_states(self) -> None:
        self.flow_scene.clear_block_states()

    def set_path(self, path: Sequence[str]) -> None:
        self.flow_scene.set_path(path)

    # ---- zoom --------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        """Zoom to ``factor`` (1.0 = 100%), within bounds; the view stops following resizes."""
        self._fitted = False
        self._scale_to(factor)

    def _scale_to(self, factor: float) -> None:
        factor = min(MAX_SCALE, max(MIN_SCALE, factor))
        self.setTransform(QTransform.fromScale(factor, factor))
        self.zoom_changed.emit(factor)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / STEP)

    def fit(self) -> None:
        """The whole flow in view with a margin, never larger than 100%."""
        items = self.flow_scene.items_rect
        rect = items.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        if items.isEmpty():
            return
        self._fitted = True
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self._scale_to(min(self.zoom(), FIT_MAX_SCALE))
        self.centerOn(rect.center())

    # ---- Qt overrides ------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.set_zoom(self.zoom() * (STEP if delta > 0 else 1 / STEP))
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom_out()
        else:
            super().keyPressEvent(event)
