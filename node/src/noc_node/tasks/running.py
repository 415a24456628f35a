"""The tasks running in this process right now, each with the event that cancels it."""

from __future__ import annotations

import threading


class RunningTasks:
    """Thread-safe task id -> cancel event registry, shared by workers and the API."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: dict[str, threading.Event] = {}

    def register(self, task_id: str) -> threading.Event:
        with self._lock:
            return self._events.setdefault(task_id, threading.Event())

    def done(self, task_id: str) -> None:
        with self._lock:
            self._events.pop(task_id, None)

    def cancel(self, task_id: str) -> bool:
        """Ask a running task to stop; False when it is not running here."""
        with self._lock:
            event = self._events.get(task_id)
        if event is None:
            return False
        event.set()
        return True

    def cancel_all(self) -> int:
        with self._lock:
            events = list(self._events.values())
        for event in events:
            event.set()
        return len(events)

    def __len__(self) -> int:
        with self._lock:
            return len(self._events)
