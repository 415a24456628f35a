"""Edits of edges: connect, disconnect, and reconnect (another source, target or kind).

New edges follow ``edge_rules`` (a kind valid for the source, used once); undoing puts an
edge back where it was in the list, so the saved graph comes back identical.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from noc_desktop.document.changes import DocEdge
from noc_desktop.document.edge_rules import check_edge
from noc_desktop.document.edits import Edit
from noc_desktop.document.errors import EditRefused

if TYPE_CHECKING:
    from noc_desktop.document.procedure import ProcedureDocument


def _present(doc: ProcedureDocument, edge: DocEdge) -> None:
    if edge not in doc.edges():
        raise EditRefused("unknown_edge",
                          f"there is no '{edge.kind}' edge {edge.source} -> {edge.target}",
                          source=edge.source, target=edge.target, kind=edge.kind)


@dataclass(frozen=True)
class AddEdge(Edit):
    """Connect two blocks (``index``: where in the edge list, the end by default)."""

    edge: DocEdge
    index: int | None = None

    def apply(self, doc: ProcedureDocument) -> Edit:
        refusal = check_edge(doc, self.edge.source, self.edge.target, self.edge.kind)
        if refusal is not None:
            raise refusal
        doc.insert_edge(self.edge, self.index)
        return RemoveEdge(self.edge)


@dataclass(frozen=True)
class RemoveEdge(Edit):
    edge: DocEdge

    def apply(self, doc: ProcedureDocument) -> Edit:
        _present(doc, self.edge)
        index = doc.delete_edge(self.edge)
        return _RestoreEdge(self.edge, index)


@dataclass(frozen=True)
class _RestoreEdge(Edit):
    """Undo of a removal: the edge back at its place, without the rules (it was valid there)."""

    edge: DocEdge
    index: int

    def apply(self, doc: ProcedureDocument) -> Edit:
        for end in (self.edge.source, self.edge.target):
            if not doc.has_node(end):
                raise EditRefused("unknown_node", f"there is no node '{end}'", node=end)
        doc.insert_edge(self.edge, self.index)
        return RemoveEdge(self.edge)


@dataclass(frozen=True)
class Reconnect(Edit):
    """Change an edge's source, target or kind (None keeps it); it keeps its list place."""

    edge: DocEdge
    source: str | None = None
    target: str | None = None
    kind: str | None = None

    def new_edge(self) -> DocEdge:
        return DocEdge(self.source or self.edge.source, self.target or self.edge.target,
                       self.kind or self.edge.kind)

    def apply(self, doc: ProcedureDocument) -> Edit:
        _present(doc, self.edge)
        new = self.new_edge()
        if new == self.edge:
            return Reconnect(new)
        refusal = check_edge(doc, new.source, new.target, new.kind, ignoring=self.edge)
        if refusal is not None:
            raise refusal
        index = doc.delete_edge(self.edge)
        doc.insert_edge(new, index)
        return Reconnect(new, self.edge.source, self.edge.target, self.edge.kind)
