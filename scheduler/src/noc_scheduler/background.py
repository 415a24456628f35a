"""One daemon thread per background duty (maintenance, firing, event delivery), stopped cleanly."""

from __future__ import annotations

import threading

from noc_scheduler.runtime import Runtime


class BackgroundLoop:
    """Runs ``_run`` in a daemon thread until ``stop``; ``_run`` watches ``self._stop``."""

    name = "noc-background"

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake()
        self._thread.join(timeout)

    def _wake(self) -> None:
        """Interrupt whatever else the loop may be waiting on (nothing by default)."""

    def _run(self) -> None:
        raise NotImplementedError
