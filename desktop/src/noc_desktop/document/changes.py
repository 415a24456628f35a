"""What changed in a procedure document: small event records and the observer registry.

Observers get one tuple of changes per applied edit (a paste is one call), so the canvas
updates only the blocks, edges and notes named, and re-validates once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class DocEdge:
    """One edge, stored once outside the nodes: ``source`` --``kind``--> ``target``."""

    source: str
    target: str
    kind: str


@dataclass(frozen=True)
class NodesAdded:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class NodesRemoved:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class NodeChanged:
    """Fields of one node changed; ``fields`` are the edited paths (``params.name``)."""

    id: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class NodeRenamed:
    """A node's id changed; its edges, position and the start followed it."""

    old: str
    new: str


@dataclass(frozen=True)
class EdgesAdded:
    edges: tuple[DocEdge, ...]


@dataclass(frozen=True)
class EdgesRemoved:
    edges: tuple[DocEdge, ...]


@dataclass(frozen=True)
class NodesMoved:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class StartChanged:
    old: str | None
    new: str | None


@dataclass(frozen=True)
class NotesAdded:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class NotesRemoved:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class NotesChanged:
    """Text, colour, position or size of these notes changed."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class ProcedureFieldChanged:
    """``name``, ``description`` or ``allow_command`` changed."""

    field: str


@dataclass(frozen=True)
class DocumentReset:
    """Everything may have changed (a procedure was loaded into the document)."""


Change = (NodesAdded | NodesRemoved | NodeChanged | NodeRenamed | EdgesAdded | EdgesRemoved
          | NodesMoved | StartChanged | NotesAdded | NotesRemoved | NotesChanged
          | ProcedureFieldChanged | DocumentReset)
Observer = Callable[[tuple[Change, ...]], None]


class Observers:
    """A plain callback registry; changes raised inside ``batch`` reach observers as one call."""

    def __init__(self) -> None:
        self._callbacks: list[Observer] = []
        self._pending: list[Change] | None = None
        self._depth = 0

    def subscribe(self, callback: Observer) -> Callable[[], None]:
        """Call ``callback`` after every change; returns the function that unsubscribes."""
        self._callbacks.append(callback)
        return lambda: self._callbacks.remove(callback) if callback in self._callbacks else None

    def emit(self, *changes: Change) -> None:
        if self._pending is not None:
            self._pending.extend(changes)
        else:
            self._deliver(changes)

    def begin(self) -> None:
        self._depth += 1
        if self._pending is None:
            self._pending = []

    def end(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._pending is not None:
            pending, self._pending = self._pending, None
            if pending:
                self._deliver(tuple(pending))

    def _deliver(self, changes: Sequence[Change]) -> None:
        batch = tuple(changes)
        for callback in list(self._callbacks):
            callback(batch)
