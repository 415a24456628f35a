"""Edits of blocks: add, remove (with its edges), move many, set one property (or the id).

Renaming a node (``SetNodeProperty(id, "id", new)``) renames its edges, its position and the
start; references in expressions (``steps.<id>``) are left as typed and validation names the
field that still uses the old id, so no text the user wrote is rewritten behind their back.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from noc_contracts import EDGE_KINDS, NODE_ID_MAX_LENGTH
from noc_desktop.document.changes import DocEdge
from noc_desktop.document.edits import MISSING, Composite, Edit, SetStart
from noc_desktop.document.errors import EditRefused

if TYPE_CHECKING:
    from noc_desktop.document.procedure import Position, ProcedureDocument

MAX_ID = NODE_ID_MAX_LENGTH


def check_new_id(doc: ProcedureDocument, node_id: Any) -> None:
    """Refuse an id that is empty, too long, not text or already taken."""
    if not isinstance(node_id, str) or not node_id.strip():
        raise EditRefused("empty_id", "a node needs an id")
    if len(node_id) > MAX_ID:
        raise EditRefused("long_id", f"a node id has at most {MAX_ID} characters", limit=MAX_ID)
    if doc.has_node(node_id):
        raise EditRefused("duplicate_id", f"there is already a node '{node_id}'", node=node_id)


def _known(doc: ProcedureDocument, node_id: str) -> None:
    if not doc.has_node(node_id):
        raise EditRefused("unknown_node", f"there is no node '{node_id}'", node=node_id)


@dataclass(frozen=True)
class AddNode(Edit):
    """Add ``node`` (its wire JSON, with ``id`` and ``type``) at ``position``.

    ``index`` places it in the node list, ``edges`` (list index, edge) come back with it and
    ``as_start`` makes it the start: what undoing a ``RemoveNode`` needs.
    """

    node: Mapping[str, Any]
    position: Position | None = None
    index: int | None = None
    edges: tuple[tuple[int, DocEdge], ...] = ()
    as_start: bool = False

    def apply(self, doc: ProcedureDocument) -> Edit:
        node_id = self.node.get("id")
        check_new_id(doc, node_id)
        assert isinstance(node_id, str)
        if self.node.get("type") not in EDGE_KINDS:
            raise EditRefused("unknown_type", f"unknown node type '{self.node.get('type')}'",
                              type=str(self.node.get("type")))
        for _, edge in self.edges:
            for end in (edge.source, edge.target):
                if end != node_id:
                    _known(doc, end)
        doc.insert_node(self.node, self.index)
        if self.position is not None:
            doc.set_positions({node_id: self.position})
        for index, edge in sorted(self.edges, key=lambda pair: pair[0]):
            doc.insert_edge(edge, index)
        old_start = doc.start
        if self.as_start:
            doc.set_start(node_id)
            if old_start is not None:
                return Composite((RemoveNode(node_id), SetStart(old_start)))
        return RemoveNode(node_id)


@dataclass(frozen=True)
class RemoveNode(Edit):
    """Remove a node with every edge into or out of it; undo restores all of it."""

    node_id: str

    def apply(self, doc: ProcedureDocument) -> Edit:
        _known(doc, self.node_id)
        data = doc.node(self.node_id)
        index = doc.node_index(self.node_id)
        position = doc.position(self.node_id)
        edges = [(i, e) for i, e in enumerate(doc.edges())
                 if self.node_id in (e.source, e.target)]
        was_start = doc.start == self.node_id
        for _, edge in reversed(edges):
            doc.delete_edge(edge)
        if was_start:
            doc.set_start(None)
        if position is not None:
            doc.set_positions({self.node_id: None})
        doc.delete_node(self.node_id)
        return AddNode(data, position, index, tuple(edges), was_start)


@dataclass(frozen=True)
class MoveNodes(Edit):
    """Move many nodes as one step (a drag of a selection); a drag's moves merge."""

    positions: tuple[tuple[str, Position | None], ...] = field(default=())

    @classmethod
    def of(cls, positions: Mapping[str, Position | None]) -> MoveNodes:
        return cls(tuple(positions.items()))

    def apply(self, doc: ProcedureDocument) -> Edit:
        for node_id, _ in self.positions:
            _known(doc, node_id)
        old = tuple((node_id, doc.position(node_id)) for node_id, _ in self.positions)
        doc.set_positions(dict(self.positions))
        return MoveNodes(old)

    def merge_with(self, other: Edit) -> Edit | None:
        if (isinstance(other, MoveNodes)
                and {n for n, _ in other.positions} == {n for n, _ in self.positions}):
            return other
        return None


def _get(data: Mapping[str, Any], keys: list[str]) -> Any:
    value: Any = data
    for key in keys:
        if not isinstance(value, Mapping) or key not in value:
            return MISSING
        value = value[key]
    return copy.deepcopy(value)


@dataclass(frozen=True)
class SetNodeProperty(Edit):
    """Set one field of a node by its dotted path (``params.name``, ``condition``, ``while``,
    ``timeout_s``, ``label``, ``id``); ``MISSING`` removes it. Edits of the same node and path
    merge, so typing in one field is one undo step."""

    node_id: str
    path: str
    value: Any

    def apply(self, doc: ProcedureDocument) -> Edit:
        _known(doc, self.node_id)
        if self.path == "id":
            if self.value == self.node_id:
                return SetNodeProperty(self.node_id, "id", self.node_id)
            check_new_id(doc, self.value)
            doc.rename_node(self.node_id, self.value)
            return SetNodeProperty(self.value, "id", self.node_id)
        keys = self.path.split(".")
        if keys[0] == "type" or not all(keys):
            raise EditRefused("fixed_field", f"cannot set '{self.path}' of a node",
                              field=self.path)
        data = doc.node(self.node_id)
        # the first level that is missing is what the inverse removes
        depth = next((i for i in range(1, len(keys) + 1)
                      if _get(data, keys[:i]) is MISSING), len(keys))
        undo_path = ".".join(keys[:depth])
        old = _get(data, keys[:depth])
        parent: Any = data
        for key in keys[:-1]:
            if not isinstance(parent.get(key), dict):
                if self.value is MISSING:
                    return SetNodeProperty(self.node_id, self.path, MISSING)
                parent[key] = {}
            parent = parent[key]
        if self.value is MISSING:
            parent.pop(keys[-1], None)
        else:
            parent[keys[-1]] = copy.deepcopy(self.value)
        doc.replace_node(data, (self.path,))
        return SetNodeProperty(self.node_id, undo_path, old)

    def merge_with(self, other: Edit) -> Edit | None:
        if not isinstance(other, SetNodeProperty) or (self.path == "id") != (other.path == "id"):
            return None
        if self.path == "id":  # a -> b then b -> c is a -> c
            if other.node_id == self.value:
                return SetNodeProperty(self.node_id, "id", other.value)
            return None
        if other.node_id != self.node_id:
            return None
        # the same field again, or a whole part holding it (``params`` after ``params.x``)
        if other.path == self.path or self.path.startswith(other.path + "."):
            return other
        if other.path.startswith(self.path + "."):  # a field inside what was just set
            return Composite((self, other))
        return None
