"""A background thread that runs ``tick`` repeatedly and can be woken early or stopped."""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod

logger = logging.getLogger(__name__)


class ServiceThread(ABC):
    """Calls ``tick()`` until stopped; ``tick`` returns how long to sleep before the next call."""

    name = "service"

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    @abstractmethod
    def tick(self) -> float:
        """Do one round of work; return seconds to wait (a ``wake()`` cuts the wait short)."""

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                delay = self.tick()
            except Exception:
                logger.exception("%s: unexpected error; retrying", self.name)
                delay = 1.0
            self._wake.wait(max(delay, 0.0))
            self._wake.clear()

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name=f"noc-node-{self.name}",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
