"""The procedure being edited: name, description, graph, layout and sticky notes, no Qt.

Nodes are kept as their wire JSON (``{"id", "type", ...}`` with aliases such as ``while``),
so a half-typed value can live in the document and be reported as a problem instead of being
refused. Node ids are unique and non-empty: the edits refuse anything else. Change it through
edits (``apply``) to get undo; the primitives below are what edits are made of.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from noc_contracts import Note, ProcedureGraph
from noc_desktop.document import changes as ch
from noc_desktop.document.changes import DocEdge, Observer, Observers

if TYPE_CHECKING:
    from noc_desktop.document.edits import Edit

Position = tuple[float, float]
NodeData = dict[str, Any]


class ProcedureDocument:
    """One procedure in the editor; observers hear every change (see ``changes``)."""

    def __init__(self, name: str = "", description: str = "") -> None:
        self.name = name
        self.description = description
        self.allow_command = False
        self.start: str | None = None
        self.revision = 0
        self._nodes: dict[str, NodeData] = {}
        self._edges: list[DocEdge] = []
        self._layout: dict[str, Position] = {}
        self._notes: dict[str, Note] = {}
        self._observers = Observers()
        #: Values computed from the document, by name: (revision they are for, value).
        self.derived: dict[str, tuple[int, Any]] = {}

    # reading
    def node_ids(self) -> list[str]:
        return list(self._nodes)

    def has_node(self, node_id: str) -> bool:
        return node_id in self._nodes

    def node(self, node_id: str) -> NodeData:
        """A copy of the node's wire JSON (KeyError when there is none)."""
        return copy.deepcopy(self._nodes[node_id])

    def node_view(self, node_id: str) -> Mapping[str, Any]:
        """The node's wire JSON without a copy: read it, never change it (validation)."""
        return MappingProxyType(self._nodes[node_id])

    def node_type(self, node_id: str) -> str:
        return str(self._nodes[node_id]["type"])

    def node_index(self, node_id: str) -> int:
        return list(self._nodes).index(node_id)

    def edges(self) -> tuple[DocEdge, ...]:
        return tuple(self._edges)

    def edges_of(self, node_id: str) -> list[DocEdge]:
        """Edges leaving or entering ``node_id``, in document order."""
        return [e for e in self._edges if node_id in (e.source, e.target)]

    def position(self, node_id: str) -> Position | None:
        return self._layout.get(node_id)

    def layout(self) -> dict[str, Position]:
        return dict(self._layout)

    def note_ids(self) -> list[str]:
        return list(self._notes)

    def note(self, note_id: str) -> Note:
        return self._notes[note_id]

    def notes(self) -> list[Note]:
        return list(self._notes.values())

    def is_empty(self) -> bool:
        return not self._nodes and not self._notes

    # observing and editing
    def subscribe(self, callback: Observer) -> Callable[[], None]:
        """Hear every change; returns the function that stops it."""
        return self._observers.subscribe(callback)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Observers hear the changes made inside as one call."""
        self._observers.begin()
        try:
            yield
        finally:
            self._observers.end()

    def apply(self, edit: Edit) -> Edit:
        """Apply ``edit`` as one change batch; returns its inverse (apply that to undo)."""
        with self.batch():
            return edit.apply(self)

    def _changed(self, *changes: ch.Change) -> None:
        self.revision += 1
        self._observers.emit(*changes)

    # primitives (used by edits; each keeps the document consistent and emits what changed)
    def insert_node(self, data: Mapping[str, Any], index: int | None = None) -> None:
        node_id = str(data["id"])
        if index is None or index >= len(self._nodes):
            self._nodes[node_id] = copy.deepcopy(dict(data))
        else:
            items = list(self._nodes.items())
            items.insert(index, (node_id, copy.deepcopy(dict(data))))
            self._nodes = dict(items)
        self._changed(ch.NodesAdded((node_id,)))

    def delete_node(self, node_id: str) -> None:
        """Remove one node that has no edges left (remove those first)."""
        del self._nodes[node_id]
        self._changed(ch.NodesRemoved((node_id,)))

    def replace_node(self, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
        node_id = str(data["id"])
        self._nodes[node_id] = copy.deepcopy(dict(data))
        self._changed(ch.NodeChanged(node_id, fields))

    def rename_node(self, old: str, new: str) -> None:
        """Give node ``old`` the id ``new``; its edges, position and the start follow."""
        self._nodes = {(new if key == old else key): ({**data, "id": new} if key == old else data)
                       for key, data in self._nodes.items()}
        self._edges = [DocEdge(new if e.source == old else e.source,
                               new if e.target == old else e.target, e.kind)
                       for e in self._edges]
        self._layout = {(new if key == old else key): pos for key, pos in self._layout.items()}
        if self.start == old:
            self.start = new
        self._changed(ch.NodeRenamed(old, new))

    def insert_edge(self, edge: DocEdge, index: int | None = None) -> None:
        self._edges.insert(len(self._edges) if index is None else index, edge)
        self._changed(ch.EdgesAdded((edge,)))

    def delete_edge(self, edge: DocEdge) -> int:
        """Remove ``edge``; returns where it was."""
        index = self._edges.index(edge)
        del self._edges[index]
        self._changed(ch.EdgesRemoved((edge,)))
        return index

    def set_positions(self, positions: Mapping[str, Position | None]) -> None:
        """Move nodes (None forgets a node's position)."""
        for node_id, pos in positions.items():
            if pos is None:
                self._layout.pop(node_id, None)
            else:
                self._layout[node_id] = (float(pos[0]), float(pos[1]))
        self._changed(ch.NodesMoved(tuple(positions)))

    def set_start(self, node_id: str | None) -> None:
        old, self.start = self.start, node_id
        self._changed(ch.StartChanged(old, node_id))

    def set_field(self, field: str, value: Any) -> None:
        if field not in ("name", "description", "allow_command"):
            raise KeyError(field)
        setattr(self, field, value)
        self._changed(ch.ProcedureFieldChanged(field))

    def insert_note(self, note: Note, index: int | None = None) -> None:
        if index is None or index >= len(self._notes):
            self._notes[note.id] = note
        else:
            items = list(self._notes.items())
            items.insert(index, (note.id, note))
            self._notes = dict(items)
        self._changed(ch.NotesAdded((note.id,)))

    def delete_note(self, note_id: str) -> int:
        index = list(self._notes).index(note_id)
        del self._notes[note_id]
        self._changed(ch.NotesRemoved((note_id,)))
        return index

    def replace_note(self, note: Note) -> None:
        self._notes[note.id] = note
        self._changed(ch.NotesChanged((note.id,)))

    def reset(self, other: ProcedureDocument) -> None:
        """Take every part of ``other`` (loading a procedure); observers hear a reset."""
        self.name, self.description = other.name, other.description
        self.allow_command, self.start = other.allow_command, other.start
        self._nodes = copy.deepcopy(other._nodes)
        self._edges = list(other._edges)
        self._layout = dict(other._layout)
        self._notes = dict(other._notes)
        self._changed(ch.DocumentReset())

    # comparing
    def snapshot(self) -> dict[str, Any]:
        """Everything that makes the document what it is (order included), for equality."""
        return {"name": self.name, "description": self.description,
                "allow_command": self.allow_command, "start": self.start,
                "nodes": list(self._nodes.values()), "edges": list(self._edges),
                "layout": dict(self._layout), "notes": list(self._notes.values())}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ProcedureDocument):
            return NotImplemented
        return self.snapshot() == other.snapshot()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"ProcedureDocument(name={self.name!r}, nodes={len(self._nodes)}, "
                f"edges={len(self._edges)}, notes={len(self._notes)})")

    # converting (see ``convert``)
    def to_graph(self) -> ProcedureGraph:
        """The graph to save; raises ``InvalidDocument`` naming the first problem."""
        from noc_desktop.document.convert import to_graph
        return to_graph(self)

    @classmethod
    def from_graph(cls, graph: ProcedureGraph, name: str = "",
                   description: str = "") -> ProcedureDocument:
        from noc_desktop.document.convert import from_graph
        return from_graph(graph, name, description)

    def to_json(self) -> str:
        """``{"name", "description", "graph"}`` (a ``ProcedureCreate`` body), drafts included."""
        from noc_desktop.document.convert import to_json
        return to_json(self)

    @classmethod
    def from_json(cls, text: str) -> ProcedureDocument:
        """A document from ``to_json``'s text, a procedure from the API or a bare graph."""
        from noc_desktop.document.convert import from_json
        return from_json(text)
