"""``GcGuard``: Python's garbage collector run on the GUI thread only, in small steps.

An automatic collection runs on whichever thread happens to allocate; asyncio and httpx run
name lookups on executor threads, so a collection there could destroy a Qt object (a widget
of a closed window, a timer) off the GUI thread, which crashes Qt. The guard turns automatic
collection off and collects from ``QTimer``s instead: the young generation often (cheap), a
full collection rarely, and the objects that exist at start-up (modules, classes, Qt
wrappers) frozen once so full passes do not walk them again and again.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GcGuard(QObject):
    """Installed once by the app (``install()``), undone by ``uninstall()`` at exit."""

    def __init__(self, parent: QObject | None = None, *, young_ms: int = 250,
                 full_ms: int = 120_000) -> None:
        super().__init__(parent)
        self.young_passes = 0
        self.full_passes = 0
        self._young = QTimer(self)
        self._young.setInterval(young_ms)
        self._young.timeout.connect(self.collect_young)
        self._full = QTimer(self)
        self._full.setInterval(full_ms)
        self._full.timeout.connect(self.collect_full)
        self._was_enabled = gc.isenabled()

    @property
    def installed(self) -> bool:
        return self._young.isActive()

    def install(self) -> None:
        """Collect and freeze what start-up built, then collect only from the timers."""
        if self.installed:
            return
        gc.collect()
        gc.freeze()
        gc.disable()
        self._young.start()
        self._full.start()

    def uninstall(self) -> None:
        """Stop the timers and hand collection back to Python (automatic, nothing frozen)."""
        self._young.stop()
        self._full.stop()
        gc.unfreeze()
        if self._was_enabled:
            gc.enable()

    def collect_young(self) -> None:
        """The young generations, when Python itself would have collected them by now."""
        young, middle, _ = gc.get_count()
        threshold0, threshold1, _ = gc.get_threshold()
        if young < threshold0:
            return
        self.young_passes += 1
        gc.collect(1 if middle >= threshold1 else 0)

    def collect_full(self) -> None:
        """Every generation (a closed window's cyclic garbage goes here at the latest)."""
        self.full_passes += 1
        gc.collect()
