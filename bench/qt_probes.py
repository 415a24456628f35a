"""How long the Qt event loop could not run: a short repeating timer whose late ticks are the
UI's stalls (the desktop benchmarks run it while the app works)."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer


class StallProbe:
    """A ``interval_ms`` repeating timer; ``gaps_ms`` holds the time between its ticks, and
    every gap beyond the interval is time the UI could not run."""

    def __init__(self, interval_ms: int = 5) -> None:
        self.interval_ms = interval_ms
        self.gaps_ms: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def stalls_ms(self) -> list[float]:
        """Each gap less the interval: how late each tick came."""
        return [gap - self.interval_ms for gap in self.gaps_ms]

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps_ms.append((now - self._last) * 1000)
        self._last = now
