"""Wakes the live event streams of this process when events are stored, instead of each
stream polling the database: the database stays the truth (streams read and replay from it),
this only says when to look. Events stored by another backend process are seen by a slower
re-check (``fallback_s``)."""

from __future__ import annotations

import asyncio
import threading


class EventSignal:
    """A generation counter bumped on every stored batch, awaited by asyncio streams."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    @property
    def generation(self) -> int:
        """Read before reading the database: ``wait`` returns at once if it moved since."""
        with self._lock:
            return self._generation

    def notify(self) -> None:
        """Events were committed (call from any thread, after the transaction)."""
        with self._lock:
            self._generation += 1
            waiters = list(self._waiters)
        for loop, event in waiters:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:  # that loop has closed: its stream is gone
                continue

    async def wait(self, seen: int, timeout: float) -> bool:
        """Until the generation moves past ``seen`` or ``timeout``; True when it moved."""
        event = asyncio.Event()
        waiter = (asyncio.get_running_loop(), event)
        with self._lock:
            if self._generation != seen:
                return True
            self._waiters.add(waiter)
        try:
            await asyncio.wait_for(event.wait(), timeout)
            return True
        except TimeoutError:
            return False
        finally:
            with self._lock:
                self._waiters.discard(waiter)
