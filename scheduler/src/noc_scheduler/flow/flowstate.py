"""One host run's position in its flowchart: JSON-able, stored in ``HostRun.state``."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

_NOT_STORED = frozenset({"errors", "trace"})


@dataclass
class FlowState:
    """Where the walk is and what it has seen; the engine mutates it, the store persists it.

    ``waiting`` is set while a wait node or a delayed retry sleeps:
    ``{"kind": "wait"|"retry", "node": id, "attempt": n}``. ``errors`` lists nodes that
    ended without a task result (template errors) since it was last drained; not persisted.
    ``trace``, when a list (a simulation), receives ``{"node", "on", "loop"?}`` for every
    decision and loop the walk passes; None in real runs; not persisted.
    """

    current: str | None = None
    status: str = "running"
    path: list[str] = field(default_factory=list)
    steps: dict[str, dict[str, Any]] = field(default_factory=dict)
    loops: dict[str, dict[str, Any]] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    waiting: dict[str, Any] | None = None
    message: str = ""
    errors: list[str] = field(default_factory=list)
    trace: list[dict[str, Any]] | None = None

    def to_json(self) -> dict[str, Any]:
        """Every persisted field, shallow (it is serialised at once; ``asdict``'s deep copy
        of every step record was a fair share of an advance)."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if f.name not in _NOT_STORED}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> FlowState:
        data = dict(data or {})
        data.pop("errors", None)
        data.pop("trace", None)
        return cls(**data)

    def drain_errors(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors
