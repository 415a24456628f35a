"""``BusyIndicator``: a small indeterminate progress bar shown while calls are in flight (the
window stays usable; it only says that something is on its way)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressBar, QWidget


class BusyIndicator(QProgressBar):
    """Hidden when idle; appears after a short delay so quick calls do not flicker."""

    def __init__(self, parent: QWidget | None = None, delay_ms: int = 150) -> None:
        super().__init__(parent)
        self.setRange(0, 0)
        self.setTextVisible(False)
        self.setFixedSize(120, 14)
        self.setToolTip(self.tr("Waiting for the server…"))
        self.setVisible(False)
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._show_if_busy)

    @property
    def busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool) -> None:
        """Slot for ``Session.busy_changed``."""
        self._busy = busy
        if busy:
            self._timer.start()
        else:
            self._timer.stop()
            self.setVisible(False)

    def _show_if_busy(self) -> None:
        self.setVisible(self._busy)
