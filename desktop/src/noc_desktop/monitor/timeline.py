"""``TimelineWidget``: one host's steps along time, one bar each, coloured by status."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from noc_desktop.monitor.colours import status_colour
from noc_desktop.monitor.state import HostState, StepState

ROW_H = 18
LABEL_W = 90


class TimelineWidget(QWidget):
    """Painted bars: a row per step (visit/attempt), x from the host's first start to now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: list[StepState] = []
        self.now = datetime.now(UTC)
        self.setMinimumHeight(ROW_H * 2)

    def set_host(self, host: HostState | None) -> None:
        self._steps = [s for s in host.steps if s.started_at] if host else []
        self.now = datetime.now(UTC)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, max(2, len(self._steps)) * ROW_H + 8)

    def bars(self, width: float) -> list[tuple[StepState, QRectF]]:
        """Each step's bar in widget coordinates (the painting and the tests share it)."""
        if not self._steps:
            return []
        starts = [s.started_at for s in self._steps if s.started_at]
        t0 = min(starts)
        t1 = max([s.finished_at or self.now for s in self._steps] + [t0])
        span = max((t1 - t0).total_seconds(), 0.001)
        scale = max(width - LABEL_W - 8, 10) / span
        out = []
        for row, step in enumerate(self._steps):
            assert step.started_at is not None
            x = LABEL_W + (step.started_at - t0).total_seconds() * scale
            end = step.finished_at or self.now
            w = max((end - step.started_at).total_seconds() * scale, 3.0)
            out.append((step, QRectF(x, 4 + row * ROW_H, w, ROW_H - 4)))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._steps:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No step has started on this host yet"))
            return
        for step, rect in self.bars(self.width()):
            painter.setPen(self.palette().text().color())
            label = step.step_id if step.visit == 1 else f"{step.step_id} #{step.visit}"
            if step.attempt > 1:
                label += f" ({step.attempt})"
            painter.drawText(QRectF(2, rect.y(), LABEL_W - 6, rect.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(status_colour(step.status)))
            painter.drawRoundedRect(rect, 3, 3)
        painter.end()
