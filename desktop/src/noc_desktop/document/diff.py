"""What differs between two versions of a procedure, no Qt: blocks added, removed and changed
(any field of the node's wire JSON differs), blocks moved, edges and notes added and removed,
and the procedure's own fields. The editor draws it as marks on two read-only canvases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from noc_contracts import ProcedureGraph
from noc_desktop.document.changes import DocEdge
from noc_desktop.document.procedure import ProcedureDocument

Mark = Literal["added", "removed", "changed"]
ADDED: Final = "added"
REMOVED: Final = "removed"
CHANGED: Final = "changed"


@dataclass(frozen=True)
class ProcedureDiff:
    """From ``old`` to ``new``; every tuple keeps the order of the document it comes from."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    edges_added: tuple[DocEdge, ...] = ()
    edges_removed: tuple[DocEdge, ...] = ()
    notes_added: tuple[str, ...] = ()
    notes_removed: tuple[str, ...] = ()
    notes_changed: tuple[str, ...] = ()
    #: procedure fields that differ: ``name``, ``description``, ``start``, ``allow_command``
    fields: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any((self.added, self.removed, self.changed, self.moved, self.edges_added,
                        self.edges_removed, self.notes_added, self.notes_removed,
                        self.notes_changed, self.fields))

    def old_marks(self) -> dict[str, Mark]:
        """Marks for the old version's canvas: what went away and what changed."""
        marks: dict[str, Mark] = {node_id: REMOVED for node_id in self.removed}
        marks.update({node_id: CHANGED for node_id in self.changed})
        return marks

    def new_marks(self) -> dict[str, Mark]:
        """Marks for the new version's canvas: what came and what changed."""
        marks: dict[str, Mark] = {node_id: ADDED for node_id in self.added}
        marks.update({node_id: CHANGED for node_id in self.changed})
        return marks


def diff(old: ProcedureDocument, new: ProcedureDocument) -> ProcedureDiff:
    """The differences from ``old`` to ``new`` (see ``ProcedureDiff``)."""
    old_ids, new_ids = old.node_ids(), new.node_ids()
    old_set, new_set = set(old_ids), set(new_ids)
    both = [node_id for node_id in new_ids if node_id in old_set]
    old_edges, new_edges = set(old.edges()), set(new.edges())
    old_notes = {note.id: note for note in old.notes()}
    new_notes = {note.id: note for note in new.notes()}
    fields = tuple(name for name, a, b in (
        ("name", old.name, new.name), ("description", old.description, new.description),
        ("start", old.start, new.start), ("allow_command", old.allow_command,
                                          new.allow_command)) if a != b)
    return ProcedureDiff(
        added=tuple(n for n in new_ids if n not in old_set),
        removed=tuple(n for n in old_ids if n not in new_set),
        changed=tuple(n for n in both if old.node_view(n) != new.node_view(n)),
        moved=tuple(n for n in both if old.position(n) != new.position(n)),
        edges_added=tuple(e for e in new.edges() if e not in old_edges),
        edges_removed=tuple(e for e in old.edges() if e not in new_edges),
        notes_added=tuple(n for n in new_notes if n not in old_notes),
        notes_removed=tuple(n for n in old_notes if n not in new_notes),
        notes_changed=tuple(n for n, note in new_notes.items()
                            if n in old_notes and old_notes[n] != note),
        fields=fields)


def diff_graphs(old: ProcedureGraph, new: ProcedureGraph) -> ProcedureDiff:
    """``diff`` of two graphs, each node read through the contracts' model first, so a default
    written out in one and left out in the other is no difference."""
    return diff(ProcedureDocument.from_graph(old), ProcedureDocument.from_graph(new))
