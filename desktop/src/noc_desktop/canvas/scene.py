"""``FlowchartScene``: a procedure graph as block, edge and note items, laid out, with run
states and the selected host's path painted over it; the editor's controller adds, removes and
changes items one by one (by node id), and marks blocks with problems or diff marks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from noc_contracts import Note, ProcedureGraph
from noc_desktop.canvas.items.block import BlockItem, BlockLook
from noc_desktop.canvas.items.edge import EdgeItem
from noc_desktop.canvas.items.note import NoteItem
from noc_desktop.canvas.states import IDLE, BlockState
from noc_desktop.canvas.sync import SceneSync
from noc_desktop.document import ProcedureDocument
from noc_desktop.document.model import default_task_kinds

MARGIN = 40.0


class FlowchartScene(QGraphicsScene):
    """Items by node id (``blocks``) and the edges, in the graph's order (``edges``)."""

    #: a block was clicked (its node id)
    block_selected = Signal(str)
    #: the user finished editing a note's text: (note id, text)
    note_text_edited = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocks: dict[str, BlockItem] = {}
        self.edges: list[EdgeItem] = []
        self.notes: dict[str, NoteItem] = {}
        #: the blocks edges route around: one list shared by every edge, changed in place
        self.obstacles: list[BlockItem] = []
        self.editable = False
        self.items_rect = QRectF()
        self.setBackgroundBrush(QColor("#f7f9fa"))

    def set_graph(self, graph: ProcedureGraph,
                  task_kinds: Mapping[str, str] | None = None) -> None:
        """Show ``graph`` read-only (replacing what was shown), built as the editor builds its
        scene: the same blocks, notes and placement of blocks without a position;
        ``task_kinds``: task type -> kind."""
        self.set_editable(False)
        sync = SceneSync(ProcedureDocument.from_graph(graph), self,
                         default_task_kinds() if task_kinds is None else task_kinds, MARGIN)
        sync.place_unplaced()
        sync.rebuild()

    def clear_items(self) -> None:
        self.clear()
        self.blocks, self.edges, self.notes = {}, [], {}
        self.obstacles.clear()
        self.items_rect = QRectF()

    def fit_scene_rect(self, margin: float = MARGIN) -> None:
        """The scene's extent: every item plus a margin (the view's scroll range);
        ``items_rect`` keeps the items' own extent (for fit and the minimap)."""
        self.items_rect = self.itemsBoundingRect()
        self.setSceneRect(self.items_rect.adjusted(-margin, -margin, margin, margin))

    def set_editable(self, editable: bool) -> None:
        """Blocks and notes movable, edges selectable (the editor), or none of it."""
        self.editable = editable
        items: list[BlockItem | EdgeItem | NoteItem] = [*self.blocks.values(), *self.edges,
                                                        *self.notes.values()]
        for item in items:
            item.set_editable(editable)

    # ---- one item at a time (the editor's controller) ----------------------------------------
    def add_block(self, look: BlockLook, x: float, y: float) -> BlockItem:
        block = BlockItem(look)
        block.set_editable(self.editable)
        block.setPos(x, y)
        self.blocks[look.node_id] = block
        self.obstacles.append(block)
        self.addItem(block)
        return block

    def remove_block(self, node_id: str) -> None:
        """Remove a block (its edges were removed first)."""
        block = self.blocks.pop(node_id)
        self.obstacles.remove(block)
        for edge in list(block.edges):
            self.remove_edge(edge)
        self.removeItem(block)

    def rename_block(self, old: str, new: str) -> None:
        self.blocks[new] = self.blocks.pop(old)

    def add_edge(self, source: str, target: str, kind: str, text: str, *,
                 route: bool = True) -> EdgeItem:
        """Add an edge; ``route``: lay it and its blocks' other edges out now (they share the
        blocks' sides), else the caller routes every edge once when it is done."""
        edge = EdgeItem(self.blocks[source], self.blocks[target], kind, text)
        edge.obstacles = self.obstacles
        edge.set_editable(self.editable)
        self.edges.append(edge)
        self.addItem(edge)
        self.addItem(edge.label)
        if route:
            self.route({*edge.source.edges, *edge.target.edges})
        return edge

    @staticmethod
    def route(edges: Iterable[EdgeItem]) -> None:
        for edge in edges:
            edge.adjust()

    def find_edge(self, source: str, target: str, kind: str) -> EdgeItem | None:
        return next((e for e in self.edges if e.kind == kind and e.source.node_id == source
                     and e.target.node_id == target), None)

    def remove_edge(self, edge: EdgeItem) -> None:
        edge.detach()
        self.edges.remove(edge)
        self.removeItem(edge.label)
        self.removeItem(edge)
        self.route({*edge.source.edges, *edge.target.edges})

    def add_note(self, note: Note) -> NoteItem:
        item = NoteItem(note)
        item.on_text_edited = self.note_text_edited.emit
        item.set_editable(self.editable)
        self.notes[note.id] = item
        self.addItem(item)
        return item

    def remove_note(self, note_id: str) -> None:
        self.removeItem(self.notes.pop(note_id))

    def select(self, node_ids: Iterable[str], note_ids: Iterable[str] = ()) -> None:
        """Exactly these blocks and notes selected."""
        self.clearSelection()
        for node_id in node_ids:
            if node_id in self.blocks:
                self.blocks[node_id].setSelected(True)
        for note_id in note_ids:
            if note_id in self.notes:
                self.notes[note_id].setSelected(True)

    # ---- marks -------------------------------------------------------------------------------
    def set_problems(self, messages: Mapping[str, Sequence[str]]) -> None:
        """Mark each named block at fault with its messages; the others are cleared."""
        for node_id, block in self.blocks.items():
            block.set_problems(tuple(messages.get(node_id, ())))

    def set_block_marks(self, marks: Mapping[str, str]) -> None:
        """Diff marks for comparing versions: ``{node_id: "added" | "removed" | "changed"}``
        drawn as a coloured halo and a tag; blocks not named lose theirs."""
        tags = {"added": QCoreApplication.translate("Flowchart", "added"),
                "removed": QCoreApplication.translate("Flowchart", "removed"),
                "changed": QCoreApplication.translate("Flowchart", "changed")}
        for node_id, block in self.blocks.items():
            mark = marks.get(node_id)
            block.set_mark(mark, tags.get(mark or "", ""))

    def set_block_states(self, states: Mapping[str, BlockState]) -> None:
        """Each named block's run state; blocks not named go back to idle."""
        for node_id, block in self.blocks.items():
            block.set_state(states.get(node_id, IDLE))

    def clear_block_states(self) -> None:
        self.set_block_states({})

    def set_path(self, path: Sequence[str]) -> None:
        """Highlight the edges walked along ``path`` (node ids in order); empty clears."""
        steps: dict[int, list[int]] = {}
        for step, (source, target) in enumerate(pairwise(path), start=1):
            for index, edge in enumerate(self.edges):
                if edge.source.node_id == source and edge.target.node_id == target:
                    steps.setdefault(index, []).append(step)
        for index, edge in enumerate(self.edges):
            edge.set_steps(steps.get(index, []))

    def walked_edges(self) -> list[tuple[str, str, str]]:
        """(source, target, kind) of every highlighted edge, in the graph's order."""
        return [(e.source.node_id, e.target.node_id, e.kind) for e in self.edges if e.walked]

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        for item in self.items(event.scenePos()):
            if isinstance(item, BlockItem):
                self.block_selected.emit(item.node_id)
                break
