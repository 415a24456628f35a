"""The circuit breaker: a template that blew its budget in an execution fails at once there.

One hostile template over 1,000 hosts then costs one budget, not 1,000. The key is the
execution, the kind of evaluation and the exact source: within one execution a node's field
always holds the same source, so this is the (execution, node, field) of the design, and a
second field holding the very same text trips with it. Bounded: the oldest entries go first.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

Key = tuple[str, str, str]

MAX_ENTRIES = 4_096


class Breaker:
    """Remembers budget failures per key; thread-safe."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._tripped: OrderedDict[Key, str] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<Breaker {len(self._tripped)} tripped>"

    @staticmethod
    def key(op: str, value: Any, context: dict[str, Any]) -> Key | None:
        """The key of one evaluation; None outside an execution (nothing to share)."""
        execution = context.get("execution")
        execution_id = execution.get("id") if isinstance(execution, dict) else None
        if not isinstance(execution_id, str):
            return None
        source = value if isinstance(value, str) else json.dumps(value, sort_keys=True,
                                                                 default=repr)
        return execution_id, op, source

    def tripped(self, key: Key | None) -> str | None:
        """The message of the failure this key already had, if any."""
        if key is None:
            return None
        with self._lock:
            return self._tripped.get(key)

    def trip(self, key: Key | None, message: str) -> None:
        if key is None:
            return
        with self._lock:
            self._tripped[key] = message
            self._tripped.move_to_end(key)
            while len(self._tripped) > self._max:
                self._tripped.popitem(last=False)
