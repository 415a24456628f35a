"""``SceneSync``: keeps a ``FlowchartScene`` showing a ``ProcedureDocument``: each batch of
document changes updates only the blocks, edges and notes it names (a full rebuild on reset).

The items never read the document; this is the one place that does, for the canvas.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from noc_desktop.canvas.items.block import BlockItem, BlockLook
from noc_desktop.canvas.items.shapes import SIZES
from noc_desktop.canvas.looks import SHAPES, edge_text, look_of
from noc_desktop.document import (
    Change,
    DocumentReset,
    EdgesAdded,
    EdgesRemoved,
    NodeChanged,
    NodeRenamed,
    NodesAdded,
    NodesMoved,
    NodesRemoved,
    NotesAdded,
    NotesChanged,
    NotesRemoved,
    ProcedureDocument,
    StartChanged,
)
from noc_desktop.document.arrange import place_unplaced
from noc_desktop.document.layout import Size
from noc_desktop.document.model import flow_node_of

if TYPE_CHECKING:  # the scene builds a viewer's items through this class
    from noc_desktop.canvas.scene import FlowchartScene

#: How far the editor's scroll range reaches past the items: room to drop new blocks.
EDIT_MARGIN = 400.0


def block_size(node_type: str) -> Size:
    size = SIZES[SHAPES.get(node_type, "task")]
    return size.width(), size.height()


class SceneSync:
    """Applies document changes to ``scene``; ``task_kinds`` colours the task blocks;
    ``margin``: how far the scroll range reaches past the items."""

    def __init__(self, doc: ProcedureDocument, scene: FlowchartScene,
                 task_kinds: Mapping[str, str], margin: float = EDIT_MARGIN) -> None:
        self.doc = doc
        self.scene = scene
        self.task_kinds = dict(task_kinds)
        self.margin = margin

    def sizes(self) -> dict[str, Size]:
        return {n: block_size(self.doc.node_type(n)) for n in self.doc.node_ids()}

    def place_unplaced(self) -> None:
        """Give every block without a position one (laid out below the placed ones): part of
        opening a procedure, not an edit the user could undo."""
        doc = self.doc
        positions = place_unplaced(doc.node_ids(), doc.layout(),
                                   [(e.source, e.target) for e in doc.edges()], doc.start,
                                   self.sizes())
        if positions:
            doc.set_positions(positions)

    def rebuild(self) -> None:
        self.scene.clear_items()
        for node_id in self.doc.node_ids():
            self._add_block(node_id)
        for edge in self.doc.edges():
            self.scene.add_edge(edge.source, edge.target, edge.kind, edge_text(edge.kind),
                                route=False)
        self.scene.route(self.scene.edges)
        for note in self.doc.notes():
            self.scene.add_note(note)
        self._fit()

    def refresh_looks(self) -> None:
        for node_id in self.scene.blocks:
            self._relook(node_id)

    def apply(self, changes: tuple[Change, ...]) -> None:
        if any(isinstance(change, DocumentReset) for change in changes):
            self.rebuild()
            return
        for change in changes:
            self._apply(change)
        self._fit()

    def _fit(self) -> None:
        self.scene.fit_scene_rect(self.margin)

    def _apply(self, change: Change) -> None:
        doc, scene = self.doc, self.scene
        if isinstance(change, NodesAdded):
            for node_id in change.ids:
                if doc.has_node(node_id) and node_id not in scene.blocks:
                    self._add_block(node_id)
        elif isinstance(change, NodesRemoved):
            for node_id in change.ids:
                if node_id in scene.blocks and not doc.has_node(node_id):
                    scene.remove_block(node_id)
        elif isinstance(change, NodeChanged):
            self._relook(change.id)
        elif isinstance(change, NodeRenamed):
            if change.old in scene.blocks:
                scene.rename_block(change.old, change.new)
                self._relook(change.new)
        elif isinstance(change, EdgesAdded | EdgesRemoved):
            self._sync_edges(change)
        elif isinstance(change, NodesMoved):
            self._move(change.ids)
        elif isinstance(change, StartChanged):
            self._relook(change.old)
            self._relook(change.new)
        elif isinstance(change, NotesAdded | NotesChanged):
            for note_id in change.ids:
                if note_id not in doc.note_ids():
                    continue
                if note_id in scene.notes:
                    scene.notes[note_id].set_note(doc.note(note_id))
                else:
                    scene.add_note(doc.note(note_id))
        elif isinstance(change, NotesRemoved):
            for note_id in change.ids:
                if note_id in scene.notes and note_id not in doc.note_ids():
                    scene.remove_note(note_id)

    def _move(self, node_ids: tuple[str, ...]) -> None:
        """Blocks to their new places; their edges routed once each afterwards."""
        moved: list[BlockItem] = []
        for node_id in node_ids:
            block = self.scene.blocks.get(node_id)
            pos = self.doc.position(node_id) if self.doc.has_node(node_id) else None
            if block is not None and pos is not None and (block.x(), block.y()) != pos:
                block.edges_follow = False
                block.setPos(*pos)
                block.edges_follow = True
                moved.append(block)
        self.scene.route({edge for block in moved for edge in block.edges})

    def _sync_edges(self, change: EdgesAdded | EdgesRemoved) -> None:
        present = set(self.doc.edges())
        for edge in change.edges:
            item = self.scene.find_edge(edge.source, edge.target, edge.kind)
            if isinstance(change, EdgesRemoved) and item is not None and edge not in present:
                self.scene.remove_edge(item)
            elif (isinstance(change, EdgesAdded) and item is None and edge in present
                  and edge.source in self.scene.blocks and edge.target in self.scene.blocks):
                self.scene.add_edge(edge.source, edge.target, edge.kind, edge_text(edge.kind))

    def _add_block(self, node_id: str) -> None:
        x, y = self.doc.position(node_id) or (0.0, 0.0)
        self.scene.add_block(self._look(node_id), x, y)

    def _look(self, node_id: str) -> BlockLook:
        return look_of(flow_node_of(self.doc.node_view(node_id), self.doc.start == node_id,
                                    self.task_kinds))

    def _relook(self, node_id: str | None) -> None:
        if node_id is not None and node_id in self.scene.blocks and self.doc.has_node(node_id):
            self.scene.blocks[node_id].set_look(self._look(node_id))
