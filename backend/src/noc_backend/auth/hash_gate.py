"""At most N argon2 hashes or verifications at once; a caller waits a bounded time for a slot.

Each argon2id run takes ``memory_cost`` KiB, so a burst of logins would otherwise take
``burst x memory_cost``: with the gate it takes at most ``N x memory_cost``, and a request
that cannot get a slot within ``wait_s`` is refused (``GateBusy``) instead of queueing forever.
``active`` and ``peak`` count the runs in flight (read by tests and logs, never by the logic).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class GateBusy(Exception):
    """No hashing slot became free within the wait."""


class HashGate:
    def __init__(self, limit: int, wait_s: float) -> None:
        if limit < 1:
            raise ValueError("the hashing limit must be at least 1")
        self.limit = limit
        self.wait_s = wait_s
        self._slots = threading.BoundedSemaphore(limit)
        self._lock = threading.Lock()
        self.active = 0
        self.peak = 0

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the ``limit`` slots for the block; ``GateBusy`` after ``wait_s``."""
        if not self._slots.acquire(timeout=self.wait_s):
            raise GateBusy("password hashing is at capacity")
        with self._lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            yield
        finally:
            with self._lock:
                self.active -= 1
            self._slots.release()
